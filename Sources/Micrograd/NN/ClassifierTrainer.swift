/// Trains a scalar ``MLP`` to classify a ``ClassificationDataset``, with the
/// recipe of micrograd's demo: full-batch loss, an L2 penalty, then plain SGD.
///
/// With one output and two classes the loss is the max-margin (hinge) loss on
/// labels ±1, exactly as in micrograd's `demo.ipynb`; with one output per class it
/// is cross-entropy.
///
/// ```swift
/// let trainer = ClassifierTrainer(model: MLP(2, [16, 16, 1]), dataset: .moons())
/// for k in 0..<100 {
///     let report = trainer.step(learningRate: 1.0 - 0.9 * Double(k) / 100)
///     print(k, report.loss, report.accuracy)
/// }
/// ```
public struct ClassifierTrainer {
    /// What one training step measured, before it updated the parameters.
    public struct StepReport: Sendable, Equatable {
        /// The total loss (data loss plus L2 penalty).
        public var loss: Double
        /// The fraction of examples classified correctly, from 0 to 1.
        public var accuracy: Double

        /// Creates a report.
        ///
        /// - Parameters:
        ///   - loss: The total loss.
        ///   - accuracy: The fraction classified correctly.
        public init(loss: Double, accuracy: Double) {
            self.loss = loss
            self.accuracy = accuracy
        }
    }

    /// The network being trained.
    public let model: MLP
    /// The examples it learns from.
    public let dataset: ClassificationDataset
    /// The factor of the L2 penalty on all parameters.
    public var l2Strength: Double

    /// Creates a trainer.
    ///
    /// - Parameters:
    ///   - model: A network with as many inputs as the dataset has features, and either one
    ///     output (two classes, hinge loss) or one output per class (cross-entropy).
    ///   - dataset: The examples.
    ///   - l2Strength: The factor of the L2 penalty; micrograd's demo uses 1e-4.
    public init(model: MLP, dataset: ClassificationDataset, l2Strength: Double = 1e-4) {
        let outputs = model.layers.last?.neurons.count ?? 0
        precondition(
            ClassificationDataset.modelFits(outputs: outputs, classCount: dataset.classCount),
            "the model needs one output for two classes, or one output per class")
        self.model = model
        self.dataset = dataset
        self.l2Strength = l2Strength
    }

    /// Whether the model has a single output scored with the hinge loss.
    private var usesHinge: Bool { model.layers.last?.neurons.count == 1 }

    /// Records the loss over the examples at `indices` (all by default) and the accuracy on them.
    ///
    /// - Parameter indices: Which examples to use.
    /// - Returns: The loss as a graph you can call ``Value/backward()`` on, and the accuracy.
    public func loss(on indices: [Int]? = nil) -> (loss: Value, accuracy: Double) {
        let indices = indices ?? Array(0..<dataset.count)
        let outputs = indices.map { model(dataset.inputs[$0]) }
        let labels = indices.map { dataset.labels[$0] }
        let correct = zip(outputs, labels).filter { predictedClass($0.0) == $0.1 }.count
        let total =
            dataLoss(outputs: outputs, labels: labels) + Loss.l2Penalty(model.parameters(), strength: l2Strength)
        return (total, Double(correct) / Double(max(indices.count, 1)))
    }

    /// The loss of one example alone, without the L2 penalty: a graph small enough to draw.
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

    /// One step: records the loss on every example, zeroes the gradients,
    /// backpropagates, and moves each parameter by `−learningRate · grad`.
    ///
    /// - Parameter learningRate: The step size for this step.
    /// - Returns: The loss and accuracy measured before the update.
    public func step(learningRate: Double) -> StepReport {
        var optimizer = SGD(learningRate: learningRate)
        return step(using: &optimizer)
    }

    /// One step with any optimizer: records the loss on every example, zeroes the
    /// gradients, backpropagates, and lets `optimizer` move the parameters.
    ///
    /// - Parameter optimizer: Keeps its state (momentum, Adam's moments) between steps.
    /// - Returns: The loss and accuracy measured before the update.
    public func step(using optimizer: inout some Optimizer) -> StepReport {
        let (loss, accuracy) = self.loss()
        let parameters = model.parameters()
        parameters.zeroGrad()
        loss.backward()
        optimizer.step(parameters)
        return StepReport(loss: loss.data, accuracy: accuracy)
    }

    /// The class the model predicts for one feature vector.
    ///
    /// - Parameter x: One number per input.
    public func predict(_ x: [Double]) -> Int {
        predictedClass(model(x))
    }

    private func predictedClass(_ output: [Value]) -> Int {
        if usesHinge { return output[0].data > 0 ? 1 : 0 }
        var best = 0
        for i in output.indices where output[i].data > output[best].data { best = i }
        return best
    }
}
