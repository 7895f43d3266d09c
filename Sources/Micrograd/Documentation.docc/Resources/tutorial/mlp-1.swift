import Micrograd

// One point of the moons dataset, and its label as -1 or +1.
let data = ClassificationDataset.moons(count: 100, noise: 0.1)
let point = data.inputs[0]
let x = [Value(point[0], label: "x0"), Value(point[1], label: "x1")]
let y = Value(data.signedLabels[0], label: "y")

// Two inputs, two hidden layers of 4 ReLU neurons, one output.
let model = MLP(2, [4, 4, 1], seed: 31)
let score = model(x)[0]
score.label = "score"
