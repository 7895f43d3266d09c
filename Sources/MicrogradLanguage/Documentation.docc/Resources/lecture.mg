# nn-zero-to-hero, lecture 1     (a comment starts with # and runs to the end of the line)
# micrograd-diagrams: --stage after
a = 2.0                          # a name given a plain number is an input
b = -3.0
param w = 0.5                    # `param` makes a parameter
const k = 10.0                   # `const` names a constant: drawn as one, not listed with the inputs
e = a * b                        # intermediates take the name they are assigned to
d = e + k                        # numbers written in expressions are constants too
L = tanh(d * w) + d^2            # the last assignment is the output...
output L                         # ...unless `output NAME` says which
