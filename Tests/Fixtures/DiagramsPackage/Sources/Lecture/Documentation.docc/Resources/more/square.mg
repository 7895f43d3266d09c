x = 3.0
y = x * x
