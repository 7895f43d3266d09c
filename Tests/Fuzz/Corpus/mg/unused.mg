a = 1
b = 2
c = a
c = a * 2
output c
