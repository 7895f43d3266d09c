# micrograd's README example, node for node.
# Check: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773
a = -4.0
b = 2.0
c = a + b
d = a * b + b^3
c = c + (c + 1)
c = c + (1 + c + (-a))
d = d + (d * 2 + relu(b + a))
d = d + (3 * d + relu(b - a))
e = c - d
f = e^2
g = f / 2.0
g = g + 10.0 / f
