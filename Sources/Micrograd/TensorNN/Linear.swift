/// A fully connected layer: `x.matmul(weight) + bias`, with `weight` of shape
/// `[inputs, outputs]` and `bias` of shape `[outputs]` broadcast over the rows of `x`.
public struct Linear: Module {
    /// The weights, `[inputs, outputs]`, labelled `weight`.
    public let weight: Tensor
    /// The biases, `[outputs]`, labelled `bias`, starting at zero.
    public let bias: Tensor
    /// The scope the layer's parameters and computations are recorded in.
    let scope: ScopeID

    /// Creates a layer with random weights.
    ///
    /// - Parameters:
    ///   - inputCount: Features in.
    ///   - outputCount: Features out.
    ///   - initializer: How to draw the weights; He by default.
    ///   - name: The layer's scope name, nested in the current scope.
    ///   - generator: The source of the weights.
    public init(
        _ inputCount: Int, _ outputCount: Int, initializer: WeightInitializer = .he, name: String = "linear",
        using generator: inout SeededGenerator
    ) {
        precondition(inputCount > 0 && outputCount > 0, "Linear: sizes must be positive")
        let scope = childScope(named: name)
        self.scope = scope
        (weight, bias) = ScopeStack.with(scope) {
            let weight: Tensor
            switch initializer {
            case .he: weight = .heNormal(fanIn: inputCount, fanOut: outputCount, label: "weight", using: &generator)
            case .xavier:
                weight = .xavierUniform(fanIn: inputCount, fanOut: outputCount, label: "weight", using: &generator)
            case .uniform(let range):
                weight = .uniform(
                    [inputCount, outputCount], in: range, label: "weight", role: .parameter, using: &generator)
            }
            return (weight, .zeros([outputCount], label: "bias", role: .parameter))
        }
    }

    /// Creates a layer with the given weights, such as ones copied from another model.
    ///
    /// - Parameters:
    ///   - weights: `[inputs][outputs]`: row `i` holds input `i`'s weight to each output.
    ///   - bias: One per output.
    ///   - name: The layer's scope name, nested in the current scope.
    public init(weights: [[Double]], bias: [Double], name: String = "linear") {
        let outputCount = bias.count
        precondition(
            !weights.isEmpty && outputCount > 0 && weights.allSatisfy { $0.count == outputCount },
            "Linear: weights must be [inputs][outputs] with one bias per output")
        let scope = childScope(named: name)
        self.scope = scope
        (weight, self.bias) = ScopeStack.with(scope) {
            (
                Tensor(leaf: [weights.count, outputCount], weights.flatMap { $0 }, label: "weight", role: .parameter),
                Tensor(leaf: [outputCount], bias, label: "bias", role: .parameter)
            )
        }
    }

    /// `x.matmul(weight) + bias`, for a batch `[rows, inputs]` or one example `[inputs]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        ScopeStack.with(scope) {
            x.rank == 1 ? weight.transposed().matmul(x) + bias : x.matmul(weight) + bias
        }
    }

    public func namedParameters() -> [(name: String, parameter: Tensor)] {
        [("weight", weight), ("bias", bias)]
    }
}
