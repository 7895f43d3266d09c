/// Classifying a ``ClassificationDataset`` with a ``TensorMLP``, full batch: the
/// tensor twin of ``ClassificationTask``. One output and two classes use the
/// max-margin loss on labels ±1; one output per class uses cross-entropy. An L2
/// penalty on all parameters is added.
///
/// ```swift
/// var trainer = Trainer(
///     task: TensorClassificationTask(model: TensorMLP(2, [100, 3]), dataset: .spiral()),
///     optimizer: Adam(learningRate: 0.02))
/// for _ in 0..<300 { trainer.step() }
/// ```
public struct TensorClassificationTask: ClassifyingTask {
    /// The network being trained.
    public let model: TensorMLP
    /// The examples it learns from.
    public let dataset: ClassificationDataset
    /// The factor of the L2 penalty on all parameters.
    public var l2Strength: Double
    /// Which example ``diagramLoss()`` draws.
    public var diagramExample = 0
    /// The examples as one `[count, features]` tensor, labelled `x`.
    public let inputs: Tensor
    /// For the max-margin loss: the labels as ±1 in a `[count, 1]` tensor, labelled `y`.
    private let signedLabels: Tensor

    /// Creates a task.
    ///
    /// - Parameters:
    ///   - model: One output for two classes, or one output per class.
    ///   - dataset: The examples.
    ///   - l2Strength: The factor of the L2 penalty; 1e-4 by default.
    public init(model: TensorMLP, dataset: ClassificationDataset, l2Strength: Double = 1e-4) {
        dataset.requireModelFits(outputs: model.layers.last?.bias.count ?? 0)
        self.model = model
        self.dataset = dataset
        self.l2Strength = l2Strength
        let features = dataset.inputs.first?.count ?? 0
        inputs = Tensor(leaf: [dataset.count, features], dataset.inputs.flatMap { $0 }, label: "x", role: .input)
        signedLabels = Tensor(leaf: [dataset.count, 1], dataset.signedLabels, label: "y", role: .input)
    }

    private var usesHinge: Bool { model.layers.last?.bias.count == 1 }

    public var modelDescription: String { model.description }

    public func parameters() -> [any TrainableParameter] { model.parameters() }

    /// Records the loss on every example (data loss plus L2 penalty), labelled `loss`,
    /// and measures the accuracy.
    public func loss() -> (loss: any GraphValue, accuracy: Double?) {
        let scores = model(inputs)
        let dataLoss =
            usesHinge
            ? Loss.hinge(scores: scores, labels: signedLabels)
            : Loss.crossEntropy(logits: scores, classes: dataset.labels)
        let correct = zip(classes(of: scores), dataset.labels).filter { $0 == $1 }.count
        let total = dataLoss + Loss.l2Penalty(model.parameters(), strength: l2Strength)
        total.label = "loss"
        return (total, Double(correct) / Double(Swift.max(dataset.count, 1)))
    }

    public func predict(_ points: [[Double]]) -> [Int] {
        guard let features = points.first?.count else { return [] }
        return classes(of: model(Tensor(leaf: [points.count, features], points.flatMap { $0 }, role: .input)))
    }

    /// The loss of example ``diagramExample`` alone, without the penalty: a graph small enough to draw.
    public func diagramLoss() -> any GraphValue {
        let index = diagramExample
        let x = Tensor(leaf: [1, inputs.shape[1]], dataset.inputs[index], label: "x", role: .input)
        let scores = model(x)
        scores.label = "score"
        let loss =
            usesHinge
            ? Loss.hinge(
                scores: scores, labels: Tensor(leaf: [1, 1], [dataset.signedLabels[index]], label: "y", role: .input))
            : Loss.crossEntropy(logits: scores, classes: [dataset.labels[index]])
        loss.label = "loss"
        return loss
    }

    private func classes(of scores: Tensor) -> [Int] {
        let columns = scores.shape.last ?? 1
        return (0..<scores.count / columns).map { row in
            let slice = scores.scalars[(row * columns)..<((row + 1) * columns)]
            if columns == 1 { return slice.first! > 0 ? 1 : 0 }
            return slice.indices.max { slice[$0] < slice[$1] }! - row * columns
        }
    }
}
