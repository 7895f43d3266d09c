import Micrograd

/// The title of a scope's box, shared by the writers: its full path and how many
/// parameter numbers it holds, such as `mlp/layer0 · 48 params`.
///
/// The writers write the `·` as an entity (`&#183;` in DOT, `#183;` in Mermaid), which
/// Graphviz and Mermaid show as the character: big diagrams stay ASCII, which Swift turns
/// into a `String` several times faster than text with other characters.
enum ScopeTitle {
    /// `48 params`, `1 param`, or `nil` for a scope without parameters.
    ///
    /// - Parameter parameters: The parameter numbers the scope holds, nested scopes
    ///   included (see ``Micrograd/ScopeTree/parameterCounts(in:)``).
    static func parameterText(_ parameters: Int) -> String? {
        switch parameters {
        case 0: nil
        case 1: "1 param"
        default: "\(parameters) params"
        }
    }
}
