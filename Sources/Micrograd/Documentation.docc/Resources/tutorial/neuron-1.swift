import Foundation
import Micrograd
import MicrogradViz

// Inputs x1, x2; weights w1, w2 and bias b are parameters: what a network learns.
let x1 = Value(2.0, label: "x1")
let x2 = Value(0.0, label: "x2")
let w1 = Value(-3.0, label: "w1", role: .parameter)
let w2 = Value(1.0, label: "w2", role: .parameter)
let b = Value(6.8813735870195432, label: "b", role: .parameter)

// Label the intermediates as the lecture does, so that the diagram names every box.
let x1w1 = x1 * w1
x1w1.label = "x1w1"
let x2w2 = x2 * w2
x2w2.label = "x2w2"
let x1w1x2w2 = x1w1 + x2w2
x1w1x2w2.label = "x1w1x2w2"
let n = x1w1x2w2 + b
n.label = "n"
let o = n.tanh()
o.label = "o"
o.backward()
print(o.data, w1.grad, b.grad)  // 0.7071 1.0 0.5

try GraphRenderer.write(dot: o.snapshot().dot(), format: .svg, to: URL(fileURLWithPath: "neuron-after.svg"))
