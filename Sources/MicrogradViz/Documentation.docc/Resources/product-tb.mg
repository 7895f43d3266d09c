# The same product and sum, drawn with --rankdir TB.
# micrograd-diagrams: --stage after --rankdir TB
a = 2.0
b = -3.0
param c = 10.0
p = a * b + c
