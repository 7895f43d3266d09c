extension Tensor {
    /// Computes the derivative of this one-element tensor (a loss) with respect to
    /// every tensor it was computed from, and adds it to their ``grad``.
    ///
    /// Like ``Value/backward()``, it accumulates: each reachable tensor's gradient grows
    /// by ∂self/∂tensor. Reset with ``zeroGraphGrads()`` or a module's `zeroGrad()`.
    ///
    /// - Complexity: the cost of the forward pass, once more.
    public func backward() {
        precondition(
            count == 1, "backward(): needs a one-element tensor such as a loss, not shape \(Shape.text(shape))")
        let order = topologicalOrder()
        pendingGradient = [1]
        for node in order.reversed() {
            guard let upstream = node.pendingGradient else { continue }
            node.pendingGradient = nil
            if var gradient = node.gradStorage {
                for i in gradient.indices { gradient[i] += upstream[i] }
                node.gradStorage = gradient
            } else {
                node.gradStorage = upstream
            }
            guard let rule = node.backwardRule else { continue }
            // Chain rule: each input receives its share of the upstream gradient.
            for (input, gradient) in zip(node.inputs, rule(upstream, node.inputs, node.scalars)) {
                if var pending = input.pendingGradient {
                    for i in pending.indices { pending[i] += gradient[i] }
                    input.pendingGradient = pending
                } else {
                    input.pendingGradient = gradient
                }
            }
        }
    }

    /// Sets this tensor's gradient to zero, and nothing else.
    public func zeroGrad() {
        gradStorage = nil
    }

    /// Sets the gradient of this tensor and of every tensor it was computed from to zero.
    public func zeroGraphGrads() {
        for node in topologicalOrder() { node.gradStorage = nil }
    }

    /// Every tensor reachable from this one, each once, inputs before the tensors computed
    /// from them, this one last; inputs are visited in operand order. Iterative.
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        var stack: [(node: Tensor, next: Int)] = [(self, 0)]
        while let (node, next) = stack.last.map({ ($0.node, $0.next) }) {
            if next < node.inputs.count {
                stack[stack.count - 1].next += 1
                let input = node.inputs[next]
                if visited.insert(ObjectIdentifier(input)).inserted { stack.append((input, 0)) }
            } else {
                stack.removeLast()
                order.append(node)
            }
        }
        return order
    }

    /// An immutable copy of the graph this tensor was computed from, for the exporters:
    /// each node carries its shape and all of its elements.
    public func snapshot() -> GraphSnapshot {
        let order = topologicalOrder()
        let ids = Dictionary(uniqueKeysWithValues: order.enumerated().map { (ObjectIdentifier($0.element), $0.offset) })
        var scopes = ScopeCache()
        let nodes = order.enumerated().map { id, tensor in
            GraphSnapshot.Node(
                id: id, label: tensor.label, op: tensor.op,
                inputs: tensor.inputs.map { ids[ObjectIdentifier($0)]! },
                data: tensor.scalars, grad: tensor.gradScalars, role: tensor.role,
                scope: scopes.components(of: tensor.scopeID), shape: tensor.shape, indices: tensor.chosenIndices)
        }
        return GraphSnapshot(nodes: nodes, rootID: nodes.count - 1)
    }
}

extension Sequence where Element == Tensor {
    /// Sets each tensor's gradient to zero, such as a model's parameters.
    public func zeroGrad() {
        for tensor in self { tensor.zeroGrad() }
    }
}
