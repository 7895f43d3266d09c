/// Stochastic gradient descent, with optional momentum and weight decay.
///
/// Each step: `g ← grad + weightDecay·p`; with momentum, `v ← momentum·v + g` and
/// `p ← p − learningRate·v`; without, `p ← p − learningRate·g` (PyTorch's rules).
public struct SGD: Optimizer, Sendable {
    public var learningRate: Double
    /// How much of the previous step carries over; 0 for plain SGD.
    public var momentum: Double
    /// L2 weight decay added to the gradient.
    public var weightDecay: Double
    private var velocities: [[Double]] = []

    /// Creates an optimizer.
    ///
    /// - Parameters:
    ///   - learningRate: The step size, such as 0.05.
    ///   - momentum: From 0 (plain SGD) to below 1, such as 0.9.
    ///   - weightDecay: L2 weight decay, 0 by default.
    public init(learningRate: Double, momentum: Double = 0, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: [any TrainableParameter]) {
        if momentum != 0 && velocities.count != parameters.count {
            velocities = parameters.map { [Double](repeating: 0, count: $0.learnedValues.count) }
        }
        for (index, parameter) in parameters.enumerated() {
            if let tensor = parameter.asTensor {
                // In place: no copy of the parameter's elements or its gradient.
                tensor.updateInPlace { values, gradients in update(values, gradients, index: index) }
            } else {
                var values = parameter.learnedValues
                let gradients = parameter.learnedGradients
                values.withUnsafeMutableBufferPointer { values in
                    gradients.withUnsafeBufferPointer { update(values, $0, index: index) }
                }
                parameter.learnedValues = values
            }
        }
    }

    /// `p ← p − learningRate·g`, through the velocity with momentum; a `nil` gradient reads as zeros.
    private mutating func update(
        _ values: UnsafeMutableBufferPointer<Double>, _ gradients: UnsafeBufferPointer<Double>?, index: Int
    ) {
        for i in values.indices {
            var g = (gradients?[i] ?? 0) + weightDecay * values[i]
            if momentum != 0 {
                velocities[index][i] = momentum * velocities[index][i] + g
                g = velocities[index][i]
            }
            values[i] -= learningRate * g
        }
    }
}
