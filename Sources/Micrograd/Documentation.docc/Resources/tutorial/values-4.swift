import Foundation
import Micrograd
import MicrogradViz

let a = Value(2.0, label: "a")
let b = Value(-3.0, label: "b")
let c = Value(10.0, label: "c")
let f = Value(-2.0, label: "f")

let e = a * b
e.label = "e"
let d = e + c
d.label = "d"
let loss = d * f
loss.label = "L"
print(loss.data)  // -8.0

loss.backward()
print(a.grad, b.grad, c.grad, f.grad)  // 6.0 -4.0 -2.0 4.0

let snapshot = loss.snapshot()
try GraphRenderer.write(dot: snapshot.dot(), format: .svg, to: URL(fileURLWithPath: "expression-after.svg"))
