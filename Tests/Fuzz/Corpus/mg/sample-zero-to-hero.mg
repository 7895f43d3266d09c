# The first expression backpropagated by hand in nn-zero-to-hero, lecture 1.
# Check: L = -8; dL/da = 6, dL/db = -4, dL/dc = -2, dL/df = 4
a = 2.0
b = -3.0
c = 10.0
e = a * b
d = e + c
f = -2.0
L = d * f
