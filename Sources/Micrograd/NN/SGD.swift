/// Plain stochastic gradient descent: `p ← p − learningRate · ∂loss/∂p`.
public struct SGD: Sendable {
    /// The step size.
    public var learningRate: Double

    /// Creates an optimizer with a step size.
    ///
    /// - Parameter learningRate: The step size, such as 0.05.
    public init(learningRate: Double) {
        self.learningRate = learningRate
    }

    /// Moves each parameter against its gradient. Gradients are left as they are.
    ///
    /// - Parameter parameters: The values to update, such as `model.parameters()`.
    public func step(_ parameters: [Value]) {
        for p in parameters {
            p.data -= learningRate * p.grad
        }
    }
}
