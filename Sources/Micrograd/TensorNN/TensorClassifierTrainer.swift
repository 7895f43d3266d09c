/// Trains a ``TensorMLP`` to classify a ``ClassificationDataset``, full batch: the
/// tensor twin of ``ClassifierTrainer``. One output and two classes use the
/// max-margin loss on labels ±1; one output per class uses cross-entropy. An L2
/// penalty on all parameters is added, and any ``Optimizer`` takes the step.
///
/// ```swift
/// var trainer = TensorClassifierTrainer(
///     model: TensorMLP(2, [100, 3]), dataset: .spiral(), optimizer: Adam(learningRate: 0.02))
/// for _ in 0..<300 { _ = trainer.step() }
/// ```
public struct TensorClassifierTrainer {
    /// The network being trained.
    public let model: TensorMLP
    /// The examples it learns from.
    public let dataset: ClassificationDataset
    /// What updates the parameters.
    public var optimizer: any Optimizer
    /// The factor of the L2 penalty on all parameters.
    public var l2Strength: Double
    /// The examples as one `[count, features]` tensor, labelled `x`.
    public let inputs: Tensor
    /// For the max-margin loss: the labels as ±1 in a `[count, 1]` tensor, labelled `y`.
    private let signedLabels: Tensor

    /// Creates a trainer.
    ///
    /// - Parameters:
    ///   - model: One output for two classes, or one output per class.
    ///   - dataset: The examples.
    ///   - optimizer: SGD with learning rate 1, as micrograd's demo, by default.
    ///   - l2Strength: The factor of the L2 penalty; 1e-4 by default.
    public init(
        model: TensorMLP, dataset: ClassificationDataset, optimizer: any Optimizer = SGD(learningRate: 1),
        l2Strength: Double = 1e-4
    ) {
        let outputs = model.layers.last?.bias.count ?? 0
        precondition(
            ClassificationDataset.modelFits(outputs: outputs, classCount: dataset.classCount),
            "the model needs one output for two classes, or one output per class")
        self.model = model
        self.dataset = dataset
        self.optimizer = optimizer
        self.l2Strength = l2Strength
        let features = dataset.inputs.first?.count ?? 0
        inputs = Tensor(leaf: [dataset.count, features], dataset.inputs.flatMap { $0 }, label: "x", role: .input)
        signedLabels = Tensor(leaf: [dataset.count, 1], dataset.signedLabels, label: "y", role: .input)
    }

    private var usesHinge: Bool { model.layers.last?.bias.count == 1 }

    /// Records the loss on every example (data loss plus L2 penalty) and measures the accuracy.
    public func loss() -> (loss: Tensor, accuracy: Double) {
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

    /// One step: records the loss, zeroes the gradients, backpropagates, and lets the
    /// optimizer move the parameters.
    ///
    /// - Parameter learningRate: The step size for this step; the optimizer's own if `nil`.
    /// - Returns: The loss and accuracy measured before the update.
    public mutating func step(learningRate: Double? = nil) -> ClassifierTrainer.StepReport {
        if let learningRate { optimizer.learningRate = learningRate }
        let (loss, accuracy) = self.loss()
        model.zeroGrad()
        loss.backward(parametersOnly: true)  // the inputs' gradient is not needed
        optimizer.step(model.parameters())
        return ClassifierTrainer.StepReport(loss: loss.item(), accuracy: accuracy)
    }

    /// The class the model predicts for each point.
    public func predict(_ points: [[Double]]) -> [Int] {
        guard let features = points.first?.count else { return [] }
        return classes(of: model(Tensor(leaf: [points.count, features], points.flatMap { $0 }, role: .input)))
    }

    /// The loss of one example alone, without the penalty: a graph small enough to draw.
    public func exampleLoss(at index: Int) -> Tensor {
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
