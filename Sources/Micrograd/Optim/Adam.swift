import Foundation

/// Adam (Kingma and Ba, 2015): steps scaled by running averages of each
/// parameter's gradient and squared gradient, with bias correction.
///
/// `weightDecay` here is L2 added to the gradient, as PyTorch's `Adam`; for weight
/// decay applied to the parameters directly, use ``AdamW``.
public struct Adam: Optimizer, Sendable {
    public var learningRate: Double
    /// The decay of the gradient's running average.
    public var beta1: Double
    /// The decay of the squared gradient's running average.
    public var beta2: Double
    /// Keeps the division finite.
    public var epsilon: Double
    /// L2 weight decay added to the gradient.
    public var weightDecay: Double
    /// Whether weight decay is decoupled from the gradient (AdamW).
    var decoupled = false
    private var moments: [[Double]] = []
    private var squares: [[Double]] = []
    private var stepCount = 0

    /// Creates an optimizer with PyTorch's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: The step size; 0.001 is a common start.
    ///   - beta1: 0.9 by default.
    ///   - beta2: 0.999 by default.
    ///   - epsilon: 1e-8 by default.
    ///   - weightDecay: L2 weight decay, 0 by default.
    public init(
        learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        weightDecay: Double = 0
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: [any TrainableParameter]) {
        if moments.count != parameters.count {
            moments = parameters.map { [Double](repeating: 0, count: $0.learnedValues.count) }
            squares = moments
            stepCount = 0
        }
        stepCount += 1
        let correction1 = 1 - Foundation.pow(beta1, Double(stepCount))
        let correction2 = 1 - Foundation.pow(beta2, Double(stepCount))
        for (index, parameter) in parameters.enumerated() {
            var values = parameter.learnedValues
            let gradients = parameter.learnedGradients
            for i in values.indices {
                if decoupled { values[i] -= learningRate * weightDecay * values[i] }
                let g = gradients[i] + (decoupled ? 0 : weightDecay * values[i])
                moments[index][i] = beta1 * moments[index][i] + (1 - beta1) * g
                squares[index][i] = beta2 * squares[index][i] + (1 - beta2) * g * g
                let m = moments[index][i] / correction1
                let v = squares[index][i] / correction2
                values[i] -= learningRate * m / (v.squareRoot() + epsilon)
            }
            parameter.learnedValues = values
        }
    }
}

/// Adam with decoupled weight decay (Loshchilov and Hutter, 2019): the parameters
/// shrink by `learningRate · weightDecay` each step, apart from the adaptive step.
public struct AdamW: Optimizer, Sendable {
    private var adam: Adam

    public var learningRate: Double {
        get { adam.learningRate }
        set { adam.learningRate = newValue }
    }

    /// Creates an optimizer with PyTorch's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: The step size; 0.001 is a common start.
    ///   - beta1: 0.9 by default.
    ///   - beta2: 0.999 by default.
    ///   - epsilon: 1e-8 by default.
    ///   - weightDecay: 0.01 by default.
    public init(
        learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        weightDecay: Double = 0.01
    ) {
        adam = Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
        adam.decoupled = true
    }

    public mutating func step(_ parameters: [any TrainableParameter]) {
        adam.step(parameters)
    }
}
