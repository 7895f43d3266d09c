x = -1
y = log(x) / 0
