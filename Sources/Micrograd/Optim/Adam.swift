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
        let rule = Rule(
            learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay,
            decoupled: decoupled, correction1: correction1, correction2: correction2)
        for (index, parameter) in parameters.enumerated() {
            moments[index].withUnsafeMutableBufferPointer { moments in
                squares[index].withUnsafeMutableBufferPointer { squares in
                    if let tensor = parameter.asTensor {
                        // In place: no copy of the parameter's elements or its gradient.
                        tensor.updateInPlace { values, gradients in
                            rule.apply(values, gradients, moments, squares)
                        }
                    } else {
                        var values = parameter.learnedValues
                        let gradients = parameter.learnedGradients
                        values.withUnsafeMutableBufferPointer { values in
                            gradients.withUnsafeBufferPointer { rule.apply(values, $0, moments, squares) }
                        }
                        parameter.learnedValues = values
                    }
                }
            }
        }
    }

    /// One step's constants, applied to each parameter's elements.
    private struct Rule {
        let learningRate: Double
        let beta1: Double
        let beta2: Double
        let epsilon: Double
        let weightDecay: Double
        let decoupled: Bool
        let correction1: Double
        let correction2: Double

        /// Updates the running averages and the values; a `nil` gradient reads as zeros.
        ///
        /// The step lr·m̂/(√v̂ + ε), with m̂ = m/c₁ and v̂ = v/c₂, is computed as PyTorch does,
        /// (lr/c₁)·m / (√v·(1/√c₂) + ε): one division and one square root per element.
        @inline(__always)
        func apply(
            _ values: UnsafeMutableBufferPointer<Double>, _ gradients: UnsafeBufferPointer<Double>?,
            _ moments: UnsafeMutableBufferPointer<Double>, _ squares: UnsafeMutableBufferPointer<Double>
        ) {
            let stepSize = learningRate / correction1
            let inverseRootCorrection2 = 1 / correction2.squareRoot()
            let shrink = decoupled ? 1 - learningRate * weightDecay : 1
            let l2 = decoupled ? 0 : weightDecay
            typealias Lanes = SIMD4<Double>
            // Four elements at a time, in SIMD registers: compilers do not vectorise
            // divisions and square roots on their own for baseline x86-64.
            @inline(__always) func update(_ value: Lanes, _ gradient: Lanes, _ moment: Lanes, _ square: Lanes) -> (
                value: Lanes, moment: Lanes, square: Lanes
            ) {
                let value = value * shrink
                let g = gradient + l2 * value
                let moment = beta1 * moment + (1 - beta1) * g
                let square = beta2 * square + (1 - beta2) * g * g
                let step = stepSize * moment / (square.squareRoot() * inverseRootCorrection2 + epsilon)
                return (value - step, moment, square)
            }
            guard let v = values.baseAddress, let m = moments.baseAddress, let s = squares.baseAddress else { return }
            let g = gradients?.baseAddress
            @inline(__always) func load(_ pointer: UnsafePointer<Double>, _ i: Int) -> Lanes {
                UnsafeRawPointer(pointer + i).loadUnaligned(as: Lanes.self)
            }
            @inline(__always) func store(_ lanes: Lanes, _ pointer: UnsafeMutablePointer<Double>, _ i: Int) {
                UnsafeMutableRawPointer(pointer + i).storeBytes(of: lanes, as: Lanes.self)
            }
            let count = values.count
            var i = 0
            while i + 4 <= count {
                let updated = update(load(v, i), g.map { load($0, i) } ?? Lanes(), load(m, i), load(s, i))
                store(updated.value, v, i)
                store(updated.moment, m, i)
                store(updated.square, s, i)
                i += 4
            }
            while i < count {
                // The last elements, one at a time in the first lane.
                let updated = update(
                    Lanes(v[i], 0, 0, 0), Lanes(g?[i] ?? 0, 0, 0, 0), Lanes(m[i], 0, 0, 0), Lanes(s[i], 0, 0, 0))
                (v[i], m[i], s[i]) = (updated.value[0], updated.moment[0], updated.square[0])
                i += 1
            }
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
