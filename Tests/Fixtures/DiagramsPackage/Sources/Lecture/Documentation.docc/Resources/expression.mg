# The first expression of nn-zero-to-hero, lecture 1.
# micrograd-diagrams: --stage after
# micrograd-diagrams: --rankdir TB --precision "2"
a = 2.0
b = -3.0
c = 10.0
f = -2.0
L = (a * b + c) * f
