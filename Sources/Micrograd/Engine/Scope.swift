/// Runs `body` inside a named module scope, so that every value created in it
/// records the scope, and diagrams draw those values together in one box.
///
/// Scopes nest: inside `withScope("mlp") { withScope("layer0") { … } }` values
/// record the scope path `mlp/layer0`. ``Neuron``, ``Layer`` and ``MLP`` open their
/// own scopes, so you only need this for graphs you build by hand.
///
/// ```swift
/// let y = withScope("neuron") { (w * x + b).tanh() }
/// print(y.scope)   // "neuron"
/// ```
///
/// The scope belongs to the calling thread and lasts until `body` returns.
///
/// - Parameters:
///   - name: The scope's name. It must not be empty or contain `/`.
///   - body: The code whose values belong to the scope.
/// - Returns: Whatever `body` returns.
/// - Throws: Whatever `body` throws.
public func withScope<Result>(_ name: String, _ body: () throws -> Result) rethrows -> Result {
    try ScopeStack.with(childScope(named: name), body)
}

/// The id of the scope `name` inside the calling thread's current scope.
func childScope(named name: String) -> ScopeID {
    precondition(!name.isEmpty && !name.contains("/"), "A scope name must be non-empty and contain no '/': \(name)")
    return ScopeRegistry.shared.child(of: ScopeStack.current, named: name)
}
