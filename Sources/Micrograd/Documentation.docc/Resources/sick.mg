# A small sick network: a saturated tanh, a dead ReLU, a NaN born in the forward pass, and a
# parameter that is never used.
# micrograd-diagrams: --stage after --color grad
x1 = 2.0
x2 = -1.0
param w1 = 4.0
param w2 = -3.0
param b = -12.0
param v = 0.5
param spare = 1.0
h1 = tanh(x1*w1 + x2*w2)
h2 = relu(x1*w2 + b)
r = log(h1 - 1.5)
L = v*h1 + v*h2 + r
