# The same product and sum, drawn with --theme print.
# micrograd-diagrams: --stage after --theme print
a = 2.0
b = -3.0
param c = 10.0
p = a * b + c
