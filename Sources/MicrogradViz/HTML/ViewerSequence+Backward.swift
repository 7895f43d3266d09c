import Micrograd

extension ViewerSequence {
    /// The backward pass as steps: from the output back to the leaves, each value in
    /// reverse topological order (the snapshot's ids backwards), with its gradient, now
    /// complete, and what the chain rule sends to each of its inputs.
    ///
    /// Any order in which every value comes after all the values that use it gives the
    /// same gradients; this is the order the tensor engine runs. The scalar engine sweeps
    /// its tapes in the order values were recorded, which can differ among values that do
    /// not depend on each other.
    ///
    /// - Parameters:
    ///   - snapshot: The graph after `backward()`.
    ///   - edges: Its edge derivatives.
    ///   - format: How numbers are written.
    public static func backward(
        _ snapshot: GraphSnapshot, edges: EdgeDerivatives, format: NumberFormat = NumberFormat()
    ) -> ViewerSequence {
        var steps: [Step] = []
        steps.reserveCapacity(snapshot.nodes.count)
        for node in snapshot.nodes.reversed() {
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
        return ViewerSequence(id: "backward", title: "Backward pass", steps: steps)
    }
}
