/// A piece of a tensor network: takes a tensor, gives a tensor, and owns parameters.
///
/// ```swift
/// let model = Sequential([Linear(2, 16, using: &generator), ReLU(), Linear(16, 1, using: &generator)])
/// let loss = Loss.meanSquaredError(predictions: model(x), targets: y)
/// model.zeroGrad()
/// loss.backward()
/// ```
public protocol Module {
    /// The module's output for `input`.
    func callAsFunction(_ input: Tensor) -> Tensor

    /// Every parameter with its path inside the module, such as `layer0/weight`.
    func namedParameters() -> [(name: String, parameter: Tensor)]
}

// MARK: - Default implementations

extension Module {
    /// Every parameter, in the order of ``namedParameters()``.
    public func parameters() -> [Tensor] {
        namedParameters().map(\.parameter)
    }

    /// Sets the gradient of every parameter to zero.
    public func zeroGrad() {
        parameters().zeroGrad()
    }
}
