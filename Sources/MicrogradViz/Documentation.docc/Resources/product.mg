# A product and a sum, drawn with the default look: a record box per value, a node per operation.
# micrograd-diagrams: --stage after
a = 2.0
b = -3.0
param c = 10.0
p = a * b + c
