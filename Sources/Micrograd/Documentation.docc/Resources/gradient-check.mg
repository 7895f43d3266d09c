# Every leaf's gradient next to its central finite-difference estimate and their relative error.
# micrograd-diagrams: --stage after --gradcheck
a = 2.0
b = -3.0
c = 10.0
f = -2.0
L = (a * b + c) * f
