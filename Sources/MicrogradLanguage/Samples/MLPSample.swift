import Micrograd

/// The `mlp` sample: a small ReLU MLP scoring one point of the moons dataset,
/// with micrograd's max-margin loss. Built in Swift so that its values are
/// recorded in module scopes (`mlp/layer0/neuron2`, …), which diagrams draw as boxes.
enum MLPSample {
    /// The seed of the model's weights: of seeds 1–60 the one that leaves the fewest
    /// dead ReLUs for this point, so 30 of the 37 weights get a gradient.
    static let seed: UInt64 = 31

    @Sendable static func build() -> Network {
        let data = ClassificationDataset.moons(count: 100, noise: 0.1)
        let point = data.inputs[0]
        let label = data.signedLabels[0]
        let model = MLP(2, [4, 4, 1], seed: seed)
        let x = [Value(point[0], label: "x0"), Value(point[1], label: "x1")]
        let y = Value(label, label: "y")
        let score = model(x)[0]
        score.label = "score"
        let loss = (1 - y * score).relu()
        loss.label = "loss"
        let leaves =
            [("x0", x[0]), ("x1", x[1]), ("y", y)]
            + model.parameters().map { parameter in (parameter.scope + "/" + (parameter.label ?? "p"), parameter) }
        return Network(output: loss, outputName: "loss", leaves: leaves.map { ($0.0, $0.1) })
    }
}
