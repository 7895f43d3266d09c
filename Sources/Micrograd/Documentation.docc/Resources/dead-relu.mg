# A ReLU whose input is negative passes no gradient back: w and b learn nothing from this example.
# micrograd-diagrams: --stage after
x = 1.5
param w = -0.8
param b = 0.2
z = x * w + b
h = relu(z)
L = (h - 1.0)^2
