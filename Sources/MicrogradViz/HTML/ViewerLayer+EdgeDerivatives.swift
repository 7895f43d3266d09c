import Micrograd

extension ViewerLayer {
    /// A layer that writes each edge's local derivative ∂result/∂input on the edge, with
    /// its formula in the edge's tooltip (the side panel shows the whole chain rule).
    ///
    /// A scalar edge shows its number; a tensor edge of up to four elements lists them;
    /// other tensor edges show the derivative's formula (`1 − out²`, `g @ bᵀ`).
    ///
    /// - Parameters:
    ///   - edges: The snapshot's edge derivatives.
    ///   - snapshot: The graph they were computed from.
    ///   - format: How numbers are written.
    ///   - includes: Which edges to mark; by default all. A page whose diagrams merge
    ///     scopes leaves out the edges no diagram draws one by one.
    public static func edgeDerivatives(
        _ edges: EdgeDerivatives, in snapshot: GraphSnapshot, format: NumberFormat = NumberFormat(),
        includes: (EdgeDerivative) -> Bool = { _ in true }
    ) -> ViewerLayer {
        var overlay = DiagramOverlay()
        for edge in edges.edges where includes(edge) {
            let node = snapshot.nodes[edge.node]
            guard let op = node.op else { continue }
            let formula = op.localDerivative(operand: edge.operand)
            let label: String
            if let local = edge.local, local.count <= NodeText.listedElements {
                label =
                    local.count == 1
                    ? format.format(local[0]) : "[" + local.map(format.format).joined(separator: ", ") + "]"
            } else {
                label = formula
            }
            var tooltip = op.derivativeFormula(operand: edge.operand)
            if let local = edge.local, local.count == 1 { tooltip += " = " + format.format(local[0]) }
            overlay.edges[DiagramOverlay.EdgeID(node: edge.node, operand: edge.operand)] = DiagramOverlay.EdgeMark(
                label: label, tooltip: tooltip)
        }
        overlay.key = [
            .text(
                "Each edge shows ∂result/∂input, the local derivative; the chain rule multiplies it by the result's "
                    + "gradient to get what the input receives.")
        ]
        return ViewerLayer(
            id: "edge-derivatives", title: "Local derivatives on edges",
            summary: "∂result/∂input on each edge; hover one for the chain rule", overlay: overlay)
    }
}
