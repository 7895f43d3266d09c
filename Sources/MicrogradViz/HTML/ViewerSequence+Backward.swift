import Micrograd

extension ViewerSequence {
    /// The backward pass as steps: from the output back to the leaves, one value a step,
    /// with its gradient, now complete, and what the chain rule sends to each of its inputs.
    /// A gradient is unknown until the step that completes it.
    ///
    /// The steps follow `order`, the engine's own order from `GraphValue.backwardOrder()`
    /// of the value the snapshot was taken from. Without it they follow the reverse
    /// topological order (the snapshot's ids backwards), which is the tensor engine's; the
    /// scalar engine may take values that do not depend on each other in another order (the
    /// gradients are the same).
    ///
    /// ```swift
    /// loss.backward()
    /// let steps = ViewerSequence.backward(
    ///     loss.snapshot(), edges: loss.snapshot().edgeDerivatives(), order: loss.backwardOrder())
    /// ```
    ///
    /// - Parameters:
    ///   - snapshot: The graph after `backward()`.
    ///   - edges: Its edge derivatives.
    ///   - format: How numbers are written.
    ///   - order: The snapshot ids in the order `backward()` completes their gradients;
    ///     every id once. By default the reverse topological order.
    public static func backward(
        _ snapshot: GraphSnapshot, edges: EdgeDerivatives, format: NumberFormat = NumberFormat(),
        order: [Int]? = nil
    ) -> ViewerSequence {
        let order = order ?? Array(snapshot.nodes.indices.reversed())
        precondition(
            order.count == snapshot.nodes.count && Set(order).count == order.count
                && order.allSatisfy { snapshot.nodes.indices.contains($0) },
            "order must list every snapshot id once")
        var steps: [Step] = []
        steps.reserveCapacity(snapshot.nodes.count)
        var knownFrom = [Int](repeating: 0, count: snapshot.nodes.count)
        for (position, id) in order.enumerated() { knownFrom[id] = position + 1 }
        for id in order {
            let node = snapshot.nodes[id]
            let name = ViewerText.name(of: node)
            let gradient = ViewerText.numbers(node.grad, format: format)
            var caption =
                node.id == snapshot.rootID
                ? "\(name), the output: backward() starts with grad \(gradient)."
                : "\(name): grad \(gradient) is complete."
            let incoming = edges.edges(into: node.id)
            if incoming.isEmpty {
                caption += " A leaf (\(node.role.rawValue)): nothing to pass on."
            } else {
                let parts = incoming.map { edge in
                    let input = ViewerText.name(of: snapshot.nodes[edge.input])
                    let sent = ViewerText.numbers(edge.contribution, format: format)
                    if let local = edge.local, local.count == 1, node.grad.count == 1 {
                        return "\(format.format(local[0])) × \(gradient) = \(sent) to \(input)"
                    }
                    return "\(sent) to \(input)"
                }
                caption += " Sends local derivative × grad: " + parts.joined(separator: ", ") + "."
            }
            steps.append(Step(caption: caption, nodes: [node.id]))
        }
        return ViewerSequence(
            id: "backward", title: "Backward pass", steps: steps, unknown: Unknown(field: .grad, knownFrom: knownFrom))
    }
}
