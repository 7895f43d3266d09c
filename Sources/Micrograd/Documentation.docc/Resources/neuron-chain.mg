# The tanh neuron with the chain rule on its edges: each edge's local derivative and the gradient it carries.
# micrograd-diagrams: --stage after --edges chain
x1 = 2.0
x2 = 0.0
param w1 = -3.0
param w2 = 1.0
param b = 6.8813735870195432
n = x1*w1 + x2*w2 + b
o = tanh(n)
