# The same product and sum, drawn with --theme dark.
# micrograd-diagrams: --stage after --theme dark
a = 2.0
b = -3.0
param c = 10.0
p = a * b + c
