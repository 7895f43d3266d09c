/// `max(x, 0)` elementwise, as a module.
public struct ReLU: Module {
    /// Creates the activation.
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.relu() }
    public func namedParameters() -> [(name: String, parameter: Tensor)] { [] }
}

/// The logistic function elementwise, as a module.
public struct Sigmoid: Module {
    /// Creates the activation.
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.sigmoid() }
    public func namedParameters() -> [(name: String, parameter: Tensor)] { [] }
}

/// The hyperbolic tangent elementwise, as a module.
public struct Tanh: Module {
    /// Creates the activation.
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.tanh() }
    public func namedParameters() -> [(name: String, parameter: Tensor)] { [] }
}
