/// A layer of neurons that all see the same inputs.
///
/// Neuron `j` records its values in the scope `neuron<j>` inside the layer's scope.
public struct Layer {
    /// The layer's neurons, one per output.
    public let neurons: [Neuron]

    /// Creates a layer of `outputCount` neurons with `inputCount` inputs each.
    ///
    /// - Parameters:
    ///   - inputCount: How many inputs each neuron takes.
    ///   - outputCount: How many neurons, and so how many outputs.
    ///   - nonlinearity: The function every neuron applies.
    ///   - name: The layer's scope name, nested in the current scope.
    ///   - weightRange: The weights are drawn uniformly from −weightRange…weightRange; 1 by default.
    ///   - generator: The source of the initial weights.
    public init(
        _ inputCount: Int, _ outputCount: Int, nonlinearity: Neuron.Nonlinearity = .relu, name: String = "layer",
        weightRange: Double = 1, using generator: inout SeededGenerator
    ) {
        neurons = withScope(name) {
            (0..<outputCount).map { j in
                Neuron(
                    inputCount, nonlinearity: nonlinearity, name: "neuron\(j)", weightRange: weightRange,
                    using: &generator)
            }
        }
    }

    /// Creates a layer with weights drawn from `SeededGenerator(seed: seed)`.
    ///
    /// - Parameters:
    ///   - inputCount: How many inputs each neuron takes.
    ///   - outputCount: How many neurons.
    ///   - nonlinearity: The function every neuron applies.
    ///   - seed: Fixes the initial weights.
    public init(_ inputCount: Int, _ outputCount: Int, nonlinearity: Neuron.Nonlinearity = .relu, seed: UInt64 = 1337) {
        var generator = SeededGenerator(seed: seed)
        self.init(inputCount, outputCount, nonlinearity: nonlinearity, using: &generator)
    }

    /// Each neuron's output for `x`.
    public func callAsFunction(_ x: [Value]) -> [Value] {
        neurons.map { $0(x) }
    }

    /// Every neuron's parameters, neuron by neuron.
    public func parameters() -> [Value] {
        neurons.flatMap { $0.parameters() }
    }

    /// Sets the gradient of every parameter to zero.
    public func zeroGrad() {
        parameters().zeroGrad()
    }
}
