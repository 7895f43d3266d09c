import Micrograd

/// A recorded network ready to draw and differentiate: what running a `.mg` program
/// or building a sample gives.
///
/// ```swift
/// let network = try NetworkProgram(text: "a = 2.0\nb = a * a", source: "square.mg").build()
/// network.output.backward()
/// print(network.leaves.map { ($0.name, $0.value.gradElements) })   // [("a", [4.0])]
/// ```
public struct Network {
    /// The value to differentiate: a scalar `Value` or a one-element `Tensor`.
    public let output: any GraphValue
    /// Its name, such as `L` or `loss`.
    public let outputName: String
    /// The inputs and parameters, with the names a reader knows them by, in the order they were defined.
    public let leaves: [(name: String, value: any GraphValue)]

    /// Creates a network.
    ///
    /// - Parameters:
    ///   - output: The value to differentiate.
    ///   - outputName: Its name.
    ///   - leaves: The inputs and parameters, named.
    public init(output: any GraphValue, outputName: String, leaves: [(name: String, value: any GraphValue)]) {
        self.output = output
        self.outputName = outputName
        self.leaves = leaves
    }

    /// Whether the network is made of tensors rather than scalar values.
    public var isTensorNetwork: Bool { output.elementShape != nil }
}

extension Network {
    /// A tensor network named `loss`, whose leaves are `data` and then the model's
    /// parameters named by their path under `scope` (`mlp/layer0/weight`).
    init(loss: Tensor, data: [(name: String, tensor: Tensor)], model: some Module, scope: String) {
        self.init(
            output: loss, outputName: "loss",
            leaves: data.map { ($0.name, $0.tensor) }
                + model.namedParameters().map { (scope + "/" + $0.name, $0.parameter) })
    }
}
