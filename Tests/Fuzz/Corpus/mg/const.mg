const target = 0.8
param w = 0.5
x = 2
loss = (x * w - target)^2
