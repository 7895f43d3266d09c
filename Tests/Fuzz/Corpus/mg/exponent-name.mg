x = 2
y = x^relu(x) + x^(1 + x)
