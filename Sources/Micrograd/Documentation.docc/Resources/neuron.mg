# The tanh neuron of nn-zero-to-hero, lecture 1: o = tanh(x1*w1 + x2*w2 + b).
# micrograd-diagrams: --stage after
x1 = 2.0
x2 = 0.0
param w1 = -3.0
param w2 = 1.0
param b = 6.8813735870195432
x1w1 = x1 * w1
x2w2 = x2 * w2
x1w1x2w2 = x1w1 + x2w2
n = x1w1x2w2 + b
o = tanh(n)
