/// Modules applied one after another; parameters are named by position (`0/weight`, `2/bias`).
public struct Sequential: Module {
    /// The modules, in order.
    public let layers: [any Module]

    /// Creates a chain of modules.
    ///
    /// - Parameter layers: Applied first to last.
    public init(_ layers: [any Module]) {
        self.layers = layers
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }

    public func namedParameters() -> [(name: String, parameter: Tensor)] {
        layers.enumerated().flatMap { index, layer in
            layer.namedParameters().map { ("\(index)/" + $0.name, $0.parameter) }
        }
    }
}
