x = 2
y = x [31m
