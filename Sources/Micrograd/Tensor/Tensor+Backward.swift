extension Tensor {
    /// Computes the derivative of this one-element tensor (a loss) with respect to
    /// every tensor it was computed from, and adds it to their ``grad``.
    ///
    /// Like ``Value/backward()``, it accumulates: each reachable tensor's gradient grows
    /// by ∂self/∂tensor. Reset with ``zeroGraphGrads()`` or a module's `zeroGrad()`.
    ///
    /// - Complexity: the cost of the forward pass, once more.
    public func backward() {
        backward(parametersOnly: false)
    }

    /// Computes the derivative of this one-element tensor (a loss), as ``backward()``
    /// does, but with `parametersOnly: true` only along the paths that lead to tensors
    /// whose role is ``Role/parameter``: inputs and constants, and tensors computed from
    /// them alone, get no gradient. A training step needs nothing else, and skips work
    /// such as the gradient of a batch of inputs (as PyTorch does for tensors that do
    /// not require a gradient).
    ///
    /// - Parameter parametersOnly: Whether to skip the gradients that lead to no parameter.
    /// - Complexity: at most the cost of the forward pass, once more.
    public func backward(parametersOnly: Bool) {
        var nobody = NoBackwardObserver()
        backward(parametersOnly: parametersOnly, observing: &nobody)
    }

    /// ``backward(parametersOnly:)``, showing `observer` every tensor reached from this one
    /// once its gradient is complete (this one first, each after every tensor that uses
    /// it), including those that get no gradient.
    func backward<Observer: TensorBackwardObserver>(parametersOnly: Bool, observing observer: inout Observer) {
        precondition(
            count == 1, "backward(): needs a one-element tensor such as a loss, not shape \(Shape.text(shape))")
        let order = topologicalOrder()
        // Inputs come before the tensors computed from them, so one pass settles who needs a gradient.
        for node in order {
            node.needsGradient =
                !parametersOnly || node.role == .parameter || node.inputs.contains { $0.needsGradient }
        }
        if needsGradient { pendingGradient = [1] }
        for node in order.reversed() {
            if let upstream = node.pendingGradient {
                node.pendingGradient = nil
                if node.gradStorage == nil {
                    node.gradStorage = upstream  // shared, not copied; a later write copies it first
                } else {
                    node.gradStorage!.withUnsafeMutableBufferPointer { gradient in
                        upstream.withUnsafeBufferPointer { upstream in
                            for i in gradient.indices { gradient[i] += upstream[i] }
                        }
                    }
                }
                // Chain rule: each input receives its share of the upstream gradient.
                node.backwardRule?(upstream, node.inputs, node.scalars)
            }
            observer.visit(node)
        }
    }

    /// Adds `gradient`, of this tensor's shape, to the gradient gathered for it in the
    /// current backward pass. The first share is kept as it is, not copied.
    func receiveGradient(_ gradient: [Double]) {
        guard needsGradient else { return }
        if pendingGradient == nil {
            pendingGradient = gradient
        } else {
            receiveGradient { pending, _ in
                gradient.withUnsafeBufferPointer { gradient in
                    for i in pending.indices { pending[i] += gradient[i] }
                }
            }
        }
    }

    /// Adds a share of the gradient that `body` writes straight into this tensor's
    /// gathered gradient: `body(buffer, accumulate)` must add its share to every element
    /// when `accumulate` is true, and store it in every element (whose old contents are
    /// undefined) when it is false, for the first share. Does nothing, and does not call
    /// `body`, when this tensor needs no gradient.
    func receiveGradient(_ body: (_ gradient: UnsafeMutableBufferPointer<Double>, _ accumulate: Bool) -> Void) {
        guard needsGradient else { return }
        if pendingGradient == nil {
            pendingGradient = BufferPool.make(count) { body($0, false) }
        } else {
            pendingGradient!.withUnsafeMutableBufferPointer { body($0, true) }
        }
    }

    /// Sets this tensor's gradient to zero, and nothing else.
    public func zeroGrad() {
        if let gradStorage { BufferPool.recycle(gradStorage) }
        gradStorage = nil
    }

    /// Sets the gradient of this tensor and of every tensor it was computed from to zero.
    public func zeroGraphGrads() {
        for node in topologicalOrder() { node.zeroGrad() }
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
