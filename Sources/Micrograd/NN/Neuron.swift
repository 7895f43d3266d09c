/// One neuron: a weighted sum of its inputs plus a bias, then a nonlinearity.
///
/// `n(x) = act(b + w₀x₀ + w₁x₁ + …)`, recorded node by node like micrograd's
/// `Neuron`. Its weights are labelled `w0`, `w1`, … and its bias `b`; all carry
/// the role `.parameter` and the neuron's scope, as does everything it computes.
public struct Neuron {
    /// The function a neuron applies to its weighted sum.
    public enum Nonlinearity: String, Sendable, CaseIterable {
        /// `max(x, 0)`
        case relu
        /// The hyperbolic tangent.
        case tanh
        /// The logistic function `1 / (1 + e⁻ˣ)`.
        case sigmoid
        /// No function: the weighted sum itself.
        case linear
    }

    /// One weight per input, drawn uniformly from −1…1 (or the range given).
    public let weights: [Value]
    /// The bias, starting at 0.
    public let bias: Value
    /// The function applied to the weighted sum.
    public let nonlinearity: Nonlinearity
    /// The scope the neuron's parameters and computations are recorded in.
    let scope: ScopeID

    /// Creates a neuron with random weights.
    ///
    /// - Parameters:
    ///   - inputCount: How many inputs the neuron takes.
    ///   - nonlinearity: The function applied to the weighted sum.
    ///   - name: The neuron's scope name, nested in the current scope.
    ///   - generator: The source of the initial weights.
    ///   - weightRange: The weights are drawn uniformly from −weightRange…weightRange; 1 by default, as in micrograd.
    public init(
        _ inputCount: Int, nonlinearity: Nonlinearity = .relu, name: String = "neuron", weightRange: Double = 1,
        using generator: inout SeededGenerator
    ) {
        let scope = childScope(named: name)
        self.scope = scope
        self.nonlinearity = nonlinearity
        (weights, bias) = ScopeStack.with(scope) {
            let weights = (0..<inputCount).map { i in
                Value(generator.uniform(in: -weightRange...weightRange), label: "w\(i)", role: .parameter)
            }
            return (weights, Value(0, label: "b", role: .parameter))
        }
    }

    /// Creates a neuron with weights drawn from `SeededGenerator(seed: seed)`.
    ///
    /// - Parameters:
    ///   - inputCount: How many inputs the neuron takes.
    ///   - nonlinearity: The function applied to the weighted sum.
    ///   - seed: Fixes the initial weights.
    public init(_ inputCount: Int, nonlinearity: Nonlinearity = .relu, seed: UInt64 = 1337) {
        var generator = SeededGenerator(seed: seed)
        self.init(inputCount, nonlinearity: nonlinearity, using: &generator)
    }

    /// The neuron's output for `x`.
    ///
    /// - Parameter x: One value per weight.
    public func callAsFunction(_ x: [Value]) -> Value {
        precondition(x.count == weights.count, "Neuron takes \(weights.count) inputs, got \(x.count)")
        // The same nodes `bias + w0 * x0 + w1 * x1 + …` records, without a
        // reference-counted handle for each intermediate.
        return ScopeStack.with(scope) {
            Tape.withPinnedTapes {
                var sum = bias.node
                for i in weights.indices {
                    sum = sum + weights[i].node * x[i].node
                }
                switch nonlinearity {
                case .relu: return Value(sum.relu())
                case .tanh: return Value(sum.tanh())
                case .sigmoid: return Value(sum.sigmoid())
                case .linear: return Value(sum)
                }
            }
        }
    }

    /// The weights, then the bias.
    public func parameters() -> [Value] {
        weights + [bias]
    }

    /// Sets the gradient of every parameter to zero.
    public func zeroGrad() {
        parameters().zeroGrad()
    }
}
