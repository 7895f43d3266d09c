import Micrograd

extension DiagramOverlay {
    /// This overlay, made for a snapshot, moved onto a view of it: the marks of values the
    /// view draws as themselves, and of the edges between them, keep their meaning under
    /// the view's ids; marks of values merged into a bigger node are left out, since the
    /// merged node does not stand for any one of them. The key and the edge direction are
    /// kept as they are.
    ///
    /// - Parameter view: A view of the snapshot this overlay was made for.
    /// - Returns: An overlay whose ids are the view's.
    public func projected(onto view: GraphView) -> DiagramOverlay {
        var projected = DiagramOverlay(key: key, reversesEdges: reversesEdges)
        let snapshot = view.snapshot
        for (drawn, origin) in view.origins.enumerated() {
            guard case .value(let id) = origin else { continue }
            if let mark = nodes[id] { projected.nodes[drawn] = mark }
            // An edge keeps its mark when the drawn node has the value's operands, slot for slot.
            let inputs = snapshot.nodes[id].inputs
            guard view.edgeValues[drawn].count == inputs.count,
                zip(view.edgeValues[drawn], inputs).allSatisfy({ $0 == [$1] })
            else { continue }
            for slot in inputs.indices {
                if let mark = edges[EdgeID(node: id, operand: slot)] {
                    projected.edges[EdgeID(node: drawn, operand: slot)] = mark
                }
            }
        }
        return projected
    }
}
