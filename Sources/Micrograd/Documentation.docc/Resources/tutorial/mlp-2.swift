import Foundation
import Micrograd
import MicrogradViz

// One point of the moons dataset, and its label as -1 or +1.
let data = ClassificationDataset.moons(count: 100, noise: 0.1)
let point = data.inputs[0]
let x = [Value(point[0], label: "x0"), Value(point[1], label: "x1")]
let y = Value(data.signedLabels[0], label: "y")

// Two inputs, two hidden layers of 4 ReLU neurons, one output.
let model = MLP(2, [4, 4, 1], seed: 31)
let score = model(x)[0]
score.label = "score"

// micrograd's max-margin loss: zero once the score has the label's sign with a margin of 1.
let loss = (1 - y * score).relu()
loss.label = "loss"
loss.backward()
for parameter in model.parameters().prefix(3) {
    print(parameter.scope, parameter.label ?? "", parameter.grad)
}

let dot = loss.snapshot().dot(options: DOTOptions(rankDirection: .topToBottom))
try GraphRenderer.write(dot: dot, format: .svg, to: URL(fileURLWithPath: "mlp-after.svg"))
