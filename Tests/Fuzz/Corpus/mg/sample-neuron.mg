# The tanh neuron of nn-zero-to-hero, lecture 1: o = tanh(x1*w1 + x2*w2 + b).
# Check: o = 0.7071; do/dx1 = -1.5, do/dw1 = 1, do/dx2 = 0.5, do/dw2 = 0, do/db = 0.5
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
