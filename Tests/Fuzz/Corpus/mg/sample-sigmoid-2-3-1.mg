# A 2-3-1 network with sigmoid hidden units and the squared error, on one example.
# 2 inputs, 3 sigmoid hidden units and a linear output, on x = [1, 2] with target y = 3.
# Check: h = [0.6225, 0.7503, 0.8455], yhat = 1.7969, loss = 1.4474;
# dloss/dv1 = -1.4977, dv2 = -1.8053, dv3 = -2.0345, dc = -2.4062; dloss/dw11 = -0.3958, dw12 = -0.7916
x1 = 1.0
x2 = 2.0
y = 3.0
param w11 = 0.1
param w12 = 0.2
param b1 = 0.0
param w21 = 0.3
param w22 = 0.4
param b2 = 0.0
param w31 = 0.5
param w32 = 0.6
param b3 = 0.0
param v1 = 0.7
param v2 = 0.8
param v3 = 0.9
param c = 0.0
h1 = sigmoid(w11*x1 + w12*x2 + b1)
h2 = sigmoid(w21*x1 + w22*x2 + b2)
h3 = sigmoid(w31*x1 + w32*x2 + b3)
yhat = v1*h1 + v2*h2 + v3*h3 + c
loss = (yhat - y)^2
