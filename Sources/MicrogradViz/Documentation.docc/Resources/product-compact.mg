# The same product and sum, drawn with --style compact.
# micrograd-diagrams: --stage after --style compact
a = 2.0
b = -3.0
param c = 10.0
p = a * b + c
