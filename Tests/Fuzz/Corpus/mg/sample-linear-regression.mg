# Linear regression p = w.x + b with the mean squared error, on two examples of three features.
# Data: x = [1, 2, 3] -> 10 and x = [4, 5, 6] -> 20, starting from w = [1, 1, 1], b = 0.
# Check: predictions 6 and 15, loss = 20.5; dloss/dw1 = -24, dw2 = -33, dw3 = -42, db = -9
param w1 = 1.0
param w2 = 1.0
param w3 = 1.0
param b = 0.0
x11 = 1.0
x12 = 2.0
x13 = 3.0
x21 = 4.0
x22 = 5.0
x23 = 6.0
y1 = 10.0
y2 = 20.0
p1 = w1*x11 + w2*x12 + w3*x13 + b
p2 = w1*x21 + w2*x22 + w3*x23 + b
loss = ((p1 - y1)^2 + (p2 - y2)^2) / 2
