x = 2
y = x ** x
