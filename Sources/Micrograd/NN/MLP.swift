/// A multi-layer perceptron: layers of neurons, each feeding the next.
///
/// `MLP(2, [16, 16, 1])` has the meaning it has in micrograd: two inputs, two
/// hidden layers of 16 ReLU neurons, and one linear output neuron. Values are
/// recorded in the scopes `mlp/layer<i>/neuron<j>`, so diagrams can draw each
/// neuron and layer in its own box.
///
/// ```swift
/// let model = MLP(2, [16, 16, 1])
/// let score = model([0.5, -1.0])[0]
/// ```
public struct MLP {
    /// The layers, from the first hidden layer to the output layer.
    public let layers: [Layer]

    /// Creates an MLP with random weights.
    ///
    /// - Parameters:
    ///   - inputCount: How many inputs the network takes.
    ///   - layerSizes: How many neurons in each layer, the last being the output layer.
    ///   - name: The network's scope name.
    ///   - generator: The source of the initial weights.
    public init(_ inputCount: Int, _ layerSizes: [Int], name: String = "mlp", using generator: inout SeededGenerator) {
        let sizes = [inputCount] + layerSizes
        layers = withScope(name) {
            (0..<layerSizes.count).map { i in
                Layer(
                    sizes[i], sizes[i + 1], nonlinearity: i == layerSizes.count - 1 ? .linear : .relu,
                    name: "layer\(i)", using: &generator)
            }
        }
    }

    /// Creates an MLP with weights drawn from `SeededGenerator(seed: seed)`.
    ///
    /// - Parameters:
    ///   - inputCount: How many inputs the network takes.
    ///   - layerSizes: How many neurons in each layer, the last being the output layer.
    ///   - seed: Fixes the initial weights. The default, 1337, is the seed of micrograd's demo.
    public init(_ inputCount: Int, _ layerSizes: [Int], seed: UInt64 = 1337) {
        var generator = SeededGenerator(seed: seed)
        self.init(inputCount, layerSizes, using: &generator)
    }

    /// Creates an MLP whose hidden layers use `activation`, with weights drawn uniformly
    /// from a range set by `initialization` and multiplied by `gain`, from
    /// `SeededGenerator(seed: seed)`. With the defaults it is ``init(_:_:seed:)``'s network.
    ///
    /// A gain above 1 makes activations and gradients grow from layer to layer, below 1
    /// shrink: the way to reproduce exploding and vanishing gradients.
    ///
    /// - Parameters:
    ///   - inputCount: How many inputs the network takes.
    ///   - layerSizes: How many neurons in each layer, the last being the (linear) output layer.
    ///   - activation: The hidden layers' function.
    ///   - initialization: The range the weights are drawn from, before the gain.
    ///   - gain: A factor on that range.
    ///   - name: The network's scope name.
    ///   - seed: Fixes the initial weights.
    public init(
        _ inputCount: Int, _ layerSizes: [Int], activation: Neuron.Nonlinearity,
        initialization: Initialization = .micrograd,
        gain: Double = 1, name: String = "mlp", seed: UInt64 = 1337
    ) {
        var generator = SeededGenerator(seed: seed)
        let sizes = [inputCount] + layerSizes
        layers = withScope(name) {
            (0..<layerSizes.count).map { i in
                Layer(
                    sizes[i], sizes[i + 1], nonlinearity: i == layerSizes.count - 1 ? .linear : activation,
                    name: "layer\(i)", weightRange: gain * initialization.range(fanIn: sizes[i], fanOut: sizes[i + 1]),
                    using: &generator)
            }
        }
    }

    /// The range an MLP's initial weights are drawn from, uniformly.
    public enum Initialization: String, Sendable, CaseIterable {
        /// −1…1 in every layer, as micrograd does.
        case micrograd
        /// He (Kaiming) uniform, ±√(6 / fan-in): keeps the size of ReLU activations from layer to layer.
        case he
        /// Xavier (Glorot) uniform, ±√(6 / (fan-in + fan-out)): for tanh and sigmoid layers.
        case xavier

        /// The half-width of the range for a layer with `fanIn` inputs and `fanOut` outputs.
        public func range(fanIn: Int, fanOut: Int) -> Double {
            switch self {
            case .micrograd: 1
            case .he: (6 / Double(fanIn)).squareRoot()
            case .xavier: (6 / Double(fanIn + fanOut)).squareRoot()
            }
        }
    }

    /// How many inputs the network takes.
    public var inputCount: Int { layers.first?.neurons.first?.weights.count ?? 0 }

    /// The network's outputs for `x`.
    ///
    /// - Parameter x: One value per input.
    public func callAsFunction(_ x: [Value]) -> [Value] {
        layers.reduce(x) { activations, layer in layer(activations) }
    }

    /// The network's outputs for plain numbers, each recorded as an input value.
    ///
    /// - Parameter x: One number per input.
    public func callAsFunction(_ x: [Double]) -> [Value] {
        self(x.map { Value($0) })
    }

    /// Every layer's parameters, layer by layer.
    public func parameters() -> [Value] {
        layers.flatMap { $0.parameters() }
    }

    /// Sets the gradient of every parameter to zero.
    public func zeroGrad() {
        parameters().zeroGrad()
    }
}

extension MLP: CustomStringConvertible {
    /// `MLP(2 → 16 ReLU → 16 ReLU → 1 linear, 337 parameters)`.
    public var description: String {
        let layerText = layers.map { layer in
            "\(layer.neurons.count) \(layer.neurons.first.map { $0.nonlinearity == .relu ? "ReLU" : $0.nonlinearity.rawValue } ?? "")"
        }
        return "MLP(\(([String(inputCount)] + layerText).joined(separator: " → ")), \(parameters().count) parameters)"
    }
}
