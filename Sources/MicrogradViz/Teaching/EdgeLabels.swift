import Micrograd

/// What the edges of a diagram say.
public enum EdgeLabels: String, Sendable, CaseIterable {
    /// Nothing but `a` and `b` on the operands of operations whose order matters.
    case plain
    /// The chain rule on every edge into an operation: the local derivative with names
    /// and its value (`∂o/∂n = 1 − o² = 0.5000`), and, after `backward()`, the product
    /// that flows back along it (`× 1.0000 = 0.5000`). A value used more than once shows
    /// its gradient as the sum of what its edges carry (`grad 6.0000 = 3.0000 + 3.0000`).
    case chain
    /// Arrows drawn backwards, from each value to its inputs, labelled with the gradient
    /// that flows along them: the backward pass on the same layout.
    case grad
}

extension GraphSnapshot {
    /// The graph as DOT with the edges labelled as `edges` says; see ``EdgeLabels``.
    ///
    /// ```swift
    /// loss.backward()
    /// let dot = loss.snapshot().dot(edges: .chain)
    /// ```
    ///
    /// - Parameters:
    ///   - options: What to show and how.
    ///   - edges: `.plain`, `.chain` or `.grad`.
    ///   - overlay: More marks, drawn over the edge labels.
    /// - Returns: A complete `digraph`.
    public func dot(options: DOTOptions = DOTOptions(), edges: EdgeLabels, overlay: DiagramOverlay = DiagramOverlay())
        -> String
    {
        dot(
            options: options,
            overlay: DiagramOverlay.edgeLabels(edges, for: self, options: options).merging(overlay))
    }
}

extension DiagramOverlay {
    /// The overlay that labels the edges of `snapshot` as `labels` says.
    ///
    /// - Parameters:
    ///   - labels: `.plain` (an empty overlay), `.chain` or `.grad`.
    ///   - snapshot: The graph; its own labels name the values in formulas.
    ///   - options: The diagram's options (numbers, fields, constants).
    public static func edgeLabels(_ labels: EdgeLabels, for snapshot: GraphSnapshot, options: DOTOptions = DOTOptions())
        -> DiagramOverlay
    {
        switch labels {
        case .plain: DiagramOverlay()
        case .chain: chainRule(snapshot, options: options)
        case .grad: gradientFlow(snapshot, options: options)
        }
    }

    /// The chain rule on every edge of `snapshot`; see ``EdgeLabels/chain``.
    ///
    /// Before `backward()` (every gradient zero) only the local derivatives are shown:
    /// they are known as soon as the forward pass has run.
    ///
    /// - Parameters:
    ///   - snapshot: The graph.
    ///   - options: The diagram's options: its number format, and whether gradients are shown.
    ///   - names: The names used in formulas; the snapshot's labels by default.
    public static func chainRule(
        _ snapshot: GraphSnapshot, options: DOTOptions = DOTOptions(), names: ValueNames? = nil
    ) -> DiagramOverlay {
        let text = ChainRuleText(snapshot, names: names, format: options.numberFormat)
        let flows = text.hasGradients
        var overlay = DiagramOverlay()
        for edge in text.edges.edges {
            let lines = flows ? [text.localLine(edge), text.productLine(edge)] : [text.localLine(edge)]
            overlay.edges[EdgeID(node: edge.node, operand: edge.operand)] = EdgeMark(
                label: lines.joined(separator: "\n"), tooltip: text.tooltip(edge))
        }
        if flows && options.fields.contains(.grad) {
            for node in snapshot.nodes where node.role != .constant || options.showsConstantGradients {
                if let sum = text.gradientSum(of: node.id) {
                    overlay.nodes[node.id] = NodeMark(lines: [sum], hidesGrad: true)
                }
            }
        }
        return overlay
    }

    /// Arrows from each value to its inputs, labelled with the gradient that flows along
    /// them; see ``EdgeLabels/grad``.
    ///
    /// - Parameters:
    ///   - snapshot: The graph, after `backward()`.
    ///   - options: The diagram's options: its number format.
    ///   - names: The names used in tooltips; the snapshot's labels by default.
    public static func gradientFlow(
        _ snapshot: GraphSnapshot, options: DOTOptions = DOTOptions(), names: ValueNames? = nil
    ) -> DiagramOverlay {
        let text = ChainRuleText(snapshot, names: names, format: options.numberFormat)
        var overlay = DiagramOverlay(reversesEdges: true)
        for edge in text.edges.edges {
            overlay.edges[EdgeID(node: edge.node, operand: edge.operand)] = EdgeMark(
                label: text.contribution(edge), tooltip: text.tooltip(edge))
        }
        return overlay
    }
}
