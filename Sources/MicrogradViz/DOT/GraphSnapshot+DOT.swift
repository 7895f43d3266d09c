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
    /// - Parameters:
    ///   - options: What to show and how; see ``DOTOptions``.
    ///   - overlay: Colours, tags and labels to add; see ``DiagramOverlay``.
    /// - Returns: A complete `digraph`.
    /// - Complexity: O(n) in the number of nodes and edges.
    public func dot(options: DOTOptions = DOTOptions(), overlay: DiagramOverlay = DiagramOverlay()) -> String {
        var writer = DOTWriter(snapshot: self, options: options, overlay: overlay)
        return writer.write()
    }
}

extension GraphView {
    /// The view as Graphviz DOT text: like ``Micrograd/GraphSnapshot/dot(options:overlay:)``,
    /// with each merged scope drawn as one rounded box (its outputs' numbers, and how many
    /// values and parameters it holds), edges into it labelled with the number of values
    /// when several flow, and a dashed stub `…` where inputs or users are left out.
    ///
    /// - Parameters:
    ///   - options: What to show and how; see ``DOTOptions``.
    ///   - overlay: Colours, tags and labels to add, by the view's node ids.
    /// - Returns: A complete `digraph`.
    public func dot(options: DOTOptions = DOTOptions(), overlay: DiagramOverlay = DiagramOverlay()) -> String {
        var writer = DOTWriter(snapshot: graph, view: self, options: options, overlay: overlay)
        return writer.write()
    }
}
