a = 2.0
param w = 3
const k = 0.8
L = a * w + k
