import Micrograd

/// The title of a scope's box, shared by the writers: its full path and how many
/// parameter numbers it holds, such as `mlp/layer0 · 48 params`.
enum ScopeTitle {
    /// `mlp/layer0 · 48 params`, `mlp/layer2/neuron0 · 1 param`, or the path alone for
    /// a scope without parameters.
    ///
    /// - Parameters:
    ///   - scope: The scope.
    ///   - parameters: The parameter numbers it holds, nested scopes included (see
    ///     ``Micrograd/ScopeTree/parameterCounts(in:)``).
    static func text(of scope: ScopeTree.Scope, parameters: Int) -> String {
        switch parameters {
        case 0: scope.path
        case 1: scope.path + " · 1 param"
        default: scope.path + " · \(parameters) params"
        }
    }
}
