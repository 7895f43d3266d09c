/// What one training step measured, before it updated the parameters.
public struct StepReport: Sendable, Equatable {
    /// The step, counted from 0.
    public var step: Int
    /// The loss the step backpropagated (data loss plus any penalty).
    public var loss: Double
    /// The fraction of examples classified correctly, from 0 to 1; `nil` for tasks without classes.
    public var accuracy: Double?
    /// The learning rate the step used.
    public var learningRate: Double

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - step: The step, from 0.
    ///   - loss: The loss.
    ///   - accuracy: The fraction classified correctly, if the task has classes.
    ///   - learningRate: The learning rate used.
    public init(step: Int, loss: Double, accuracy: Double?, learningRate: Double) {
        self.step = step
        self.loss = loss
        self.accuracy = accuracy
        self.learningRate = learningRate
    }
}
