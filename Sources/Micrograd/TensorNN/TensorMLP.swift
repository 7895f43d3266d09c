/// A multi-layer perceptron on tensors: `Linear` layers with an activation between
/// them and none after the last, recorded in the scopes `mlp/layer0`, `mlp/layer1`, …
///
/// `TensorMLP(2, [16, 16, 1])` is the tensor twin of ``MLP``: where a scalar MLP
/// records thousands of values, this records a dozen tensors, each layer a matmul,
/// an add and an activation.
public struct TensorMLP: Module {
    /// The layers, from the first hidden layer to the output layer.
    public let layers: [Linear]
    /// The function between layers.
    public let activation: Neuron.Nonlinearity

    /// Creates an MLP with random weights (He for ReLU, Xavier otherwise).
    ///
    /// - Parameters:
    ///   - inputCount: Features in.
    ///   - layerSizes: Units in each layer, the last being the output layer.
    ///   - activation: The function between layers; ReLU by default.
    ///   - name: The network's scope name.
    ///   - generator: The source of the weights.
    public init(
        _ inputCount: Int, _ layerSizes: [Int], activation: Neuron.Nonlinearity = .relu, name: String = "mlp",
        using generator: inout SeededGenerator
    ) {
        let sizes = [inputCount] + layerSizes
        self.activation = activation
        layers = withScope(name) {
            (0..<layerSizes.count).map { i in
                Linear(
                    sizes[i], sizes[i + 1], initializer: activation == .relu ? .he : .xavier, name: "layer\(i)",
                    using: &generator)
            }
        }
    }

    /// Creates an MLP with weights drawn from `SeededGenerator(seed: seed)`.
    public init(_ inputCount: Int, _ layerSizes: [Int], activation: Neuron.Nonlinearity = .relu, seed: UInt64 = 1337) {
        var generator = SeededGenerator(seed: seed)
        self.init(inputCount, layerSizes, activation: activation, using: &generator)
    }

    /// The tensor twin of a scalar ``MLP``, with the same weights: trained with the same
    /// loss and optimizer, the two follow the same path step for step (up to rounding).
    ///
    /// - Parameters:
    ///   - mlp: The scalar network; its hidden layers' nonlinearity becomes the activation.
    ///   - name: The network's scope name.
    public init(copying mlp: MLP, name: String = "mlp") {
        activation = mlp.layers.first?.neurons.first?.nonlinearity ?? .relu
        layers = withScope(name) {
            mlp.layers.enumerated().map { index, layer in
                let inputs = layer.neurons[0].weights.count
                let weights = (0..<inputs).map { i in layer.neurons.map { $0.weights[i].data } }
                return Linear(weights: weights, bias: layer.neurons.map(\.bias.data), name: "layer\(index)")
            }
        }
    }

    /// The outputs for a batch `[rows, inputs]` (or one example `[inputs]`).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        var x = input
        for (index, layer) in layers.enumerated() {
            x = layer(x)
            guard index < layers.count - 1 else { break }
            // The activation belongs to its layer's box in diagrams.
            x = ScopeStack.with(layer.scope) {
                switch activation {
                case .relu: x.relu()
                case .tanh: x.tanh()
                case .sigmoid: x.sigmoid()
                case .linear: x
                }
            }
        }
        return x
    }

    public func namedParameters() -> [(name: String, parameter: Tensor)] {
        layers.enumerated().flatMap { index, layer in
            layer.namedParameters().map { ("layer\(index)/" + $0.name, $0.parameter) }
        }
    }
}

extension TensorMLP: CustomStringConvertible {
    /// `TensorMLP(2 → 16 ReLU → 16 ReLU → 1 linear, 337 parameters)`.
    public var description: String {
        let name = activation == .relu ? "ReLU" : activation.rawValue
        let sizes = layers.enumerated().map { index, layer in
            "\(layer.bias.count) " + (index == layers.count - 1 ? "linear" : name)
        }
        let parameterCount = parameters().reduce(0) { $0 + $1.count }
        return
            "TensorMLP(\(([String(layers.first?.weight.shape[0] ?? 0)] + sizes).joined(separator: " → ")), \(parameterCount) parameters)"
    }
}
