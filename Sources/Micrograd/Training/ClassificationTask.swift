/// Classifying a ``ClassificationDataset`` with a scalar ``MLP``, the way micrograd's
/// demo does: the loss over every example plus an L2 penalty on all parameters.
///
/// With one output and two classes the loss is the max-margin (hinge) loss on labels
/// ±1, exactly as in micrograd's `demo.ipynb`; with one output per class it is cross-entropy.
///
/// ```swift
/// var trainer = Trainer(
///     task: ClassificationTask(model: MLP(2, [16, 16, 1]), dataset: .moons()),
///     optimizer: SGD(learningRate: 1.0), schedule: .linear(finalFraction: 0.1, steps: 100))
/// for _ in 0..<100 { trainer.step() }   // 100% on the moons
/// ```
public struct ClassificationTask: ClassifyingTask {
    /// The network being trained.
    public let model: MLP
    /// The examples it learns from.
    public let dataset: ClassificationDataset
    /// The factor of the L2 penalty on all parameters.
    public var l2Strength: Double
    /// Which example ``diagramLoss()`` draws.
    public var diagramExample = 0

    /// Creates a task.
    ///
    /// - Parameters:
    ///   - model: A network with as many inputs as the dataset has features, and either one
    ///     output (two classes, hinge loss) or one output per class (cross-entropy).
    ///   - dataset: The examples.
    ///   - l2Strength: The factor of the L2 penalty; micrograd's demo uses 1e-4.
    public init(model: MLP, dataset: ClassificationDataset, l2Strength: Double = 1e-4) {
        dataset.requireModelFits(outputs: model.layers.last?.neurons.count ?? 0)
        self.model = model
        self.dataset = dataset
        self.l2Strength = l2Strength
    }

    public var modelDescription: String { model.description }

    public func parameters() -> [any TrainableParameter] { model.parameters() }

    /// Whether the model has a single output scored with the hinge loss.
    private var usesHinge: Bool { model.layers.last?.neurons.count == 1 }

    public func loss() -> (loss: any GraphValue, accuracy: Double?) {
        let (loss, accuracy) = loss(on: nil)
        return (loss, accuracy)
    }

    /// Records the loss over the examples at `indices` (all by default) and the accuracy on them.
    ///
    /// - Parameter indices: Which examples to use.
    /// - Returns: The loss (data loss plus L2 penalty) as a graph, and the accuracy.
    public func loss(on indices: [Int]?) -> (loss: Value, accuracy: Double) {
        let indices = indices ?? Array(0..<dataset.count)
        let outputs = indices.map { model(dataset.inputs[$0]) }
        let labels = indices.map { dataset.labels[$0] }
        let correct = zip(outputs, labels).filter { predictedClass($0.0) == $0.1 }.count
        let total =
            dataLoss(outputs: outputs, labels: labels) + Loss.l2Penalty(model.parameters(), strength: l2Strength)
        total.label = "loss"
        return (total, Double(correct) / Double(max(indices.count, 1)))
    }

    /// The loss of example ``diagramExample`` alone, without the L2 penalty: a graph
    /// small enough to draw, its loss labelled `loss` and the model's output `score`.
    public func diagramLoss() -> any GraphValue {
        exampleLoss(at: diagramExample)
    }

    /// The loss of one example alone, without the L2 penalty.
    ///
    /// - Parameter index: Which example.
    /// - Returns: Its hinge or cross-entropy loss, labelled `loss`, with the model's output labelled `score`.
    public func exampleLoss(at index: Int) -> Value {
        let output = model(dataset.inputs[index])
        for (position, value) in output.enumerated() {
            value.label = output.count == 1 ? "score" : "score\(position)"
        }
        let loss = dataLoss(outputs: [output], labels: [dataset.labels[index]])
        loss.label = "loss"
        return loss
    }

    private func dataLoss(outputs: [[Value]], labels: [Int]) -> Value {
        if usesHinge {
            return Loss.hinge(scores: outputs.map { $0[0] }, labels: labels.map { $0 == 0 ? -1 : 1 })
        }
        return Loss.crossEntropy(scores: outputs, labels: labels)
    }

    public func predict(_ points: [[Double]]) -> [Int] {
        points.map { predictedClass(model($0)) }
    }

    private func predictedClass(_ output: [Value]) -> Int {
        if usesHinge { return output[0].data > 0 ? 1 : 0 }
        var best = 0
        for i in output.indices where output[i].data > output[best].data { best = i }
        return best
    }
}
