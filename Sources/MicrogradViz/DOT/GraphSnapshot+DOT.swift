import Micrograd

extension GraphSnapshot {
    /// The graph as Graphviz DOT text, ready for ``GraphRenderer/render(dot:format:layout:)``
    /// or any Graphviz tool.
    ///
    /// By default each value is a record box `label | data … | grad …` coloured by
    /// its role, each operation a small node feeding its result, module scopes are
    /// boxes around their values, and a key explains the colours. Each value's
    /// tooltip (shown on hover in SVG) has its full-precision data and grad.
    ///
    /// The output is byte-stable: the same graph gives the same text on every run.
    ///
    /// - Parameter options: What to show and how; see ``DOTOptions``.
    /// - Returns: A complete `digraph`.
    /// - Complexity: O(n) in the number of nodes and edges.
    public func dot(options: DOTOptions = DOTOptions()) -> String {
        var writer = DOTWriter(snapshot: self, options: options)
        return writer.write()
    }
}
