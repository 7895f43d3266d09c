extension Value {
    /// Computes the derivative of this value with respect to every value it was
    /// computed from, and adds it to their ``grad``.
    ///
    /// Like PyTorch, `backward()` **accumulates**: it seeds this value with a
    /// gradient of 1, and each reachable value's `grad` grows by ∂self/∂value.
    /// Calling it twice doubles every gradient. Reset with ``zeroGraphGrads()``
    /// (or `zeroGrad()` on a model's parameters) between steps.
    ///
    /// The walk is iterative, so graphs millions of operations deep are fine.
    /// Values recorded afterwards go on a new tape (see ``Value``).
    ///
    /// - Complexity: O(n) time and memory for n reachable values.
    public func backward() {
        var nobody = NoBackwardObserver()
        backward(observing: &nobody)
    }

    /// ``backward()``, showing `observer` each value once its gradient is complete: a
    /// reader of the whole graph (``TrainingDiagnostics``' census) rides along the sweep
    /// instead of sweeping the tapes a second time.
    @inline(__always)
    func backward<Observer: BackwardObserver>(observing observer: inout Observer) {
        record.pointee.upstream = 1
        sweepInBackwardOrder { node in
            let gradient = node.pointee.upstream  // ∂root/∂node, complete now
            node.pointee.upstream = 0
            node.pointee.grad += gradient
            // Chain rule: each input receives local derivative × upstream gradient.
            if let input = node.pointee.lhs {
                input.pointee.upstream += node.pointee.localDerivatives.lhs * gradient
            }
            if let input = node.pointee.rhs {
                input.pointee.upstream += node.pointee.localDerivatives.rhs * gradient
            }
            observer.visit(node)
        }
        Tape.startNewTape()
    }

    /// The backward sweep: calls `visit` once for every value this one was computed
    /// from (and for this value first), each after every value that uses it.
    ///
    /// Every input was recorded before the values computed from it, so sweeping the
    /// tapes from newest to oldest, each from its last record to its first, meets
    /// every value after all the values that use it; only records reached from this
    /// value are visited. ``backward()`` and ``backwardOrder()`` both walk this sweep.
    ///
    /// - Complexity: O(n) for n records on the tapes involved.
    @inline(__always)
    func sweepInBackwardOrder(_ visit: (UnsafeMutablePointer<NodeRecord>) -> Void) {
        record.pointee.reached = true
        for tape in tape.withDependencies() {
            var node = tape === self.tape ? record : tape.records + (tape.count - 1)
            while node >= tape.records {
                if node.pointee.reached {
                    node.pointee.reached = false
                    visit(node)
                    node.pointee.lhs?.pointee.reached = true
                    node.pointee.rhs?.pointee.reached = true
                }
                node -= 1
            }
        }
    }

    /// Sets this value's ``grad`` to zero, and nothing else.
    public func zeroGrad() {
        record.pointee.grad = 0
    }

    /// Sets ``grad`` to zero for this value and every value it was computed from.
    ///
    /// - Complexity: O(n) for n reachable values.
    public func zeroGraphGrads() {
        withTopologicalOrder { order in
            for node in order { node.pointee.grad = 0 }
        }
    }

    /// Calls `body` with every value reachable from this one, each exactly once,
    /// inputs before the values computed from them, this value last; inputs are
    /// visited in operand order. While `body` runs, `order[i].pointee.slot == i`.
    ///
    /// The order depends only on the graph's structure, never on memory addresses.
    /// `self` keeps every record alive while `body` runs.
    func withTopologicalOrder<Result>(_ body: ([UnsafeMutablePointer<NodeRecord>]) throws -> Result) rethrows -> Result
    {
        let order = topologicalOrder()
        defer { for node in order { node.pointee.slot = -1 } }
        return try withExtendedLifetime(self) { try body(order) }
    }

    /// Depth-first post-order without recursion; see ``withTopologicalOrder(_:)``.
    private func topologicalOrder() -> [UnsafeMutablePointer<NodeRecord>] {
        let onStack: Int32 = -2
        var order: [UnsafeMutablePointer<NodeRecord>] = []
        // Each frame holds a node and the operand it visits next (0 = lhs, 1 = rhs, 2 = done).
        var stack: [(node: UnsafeMutablePointer<NodeRecord>, next: UInt8)] = [(record, 0)]
        record.pointee.slot = onStack
        while let frame = stack.last {
            let input: UnsafeMutablePointer<NodeRecord>?
            switch frame.next {
            case 0: input = frame.node.pointee.lhs
            case 1: input = frame.node.pointee.rhs
            default:
                stack.removeLast()
                frame.node.pointee.slot = Int32(order.count)
                order.append(frame.node)
                continue
            }
            stack[stack.count - 1].next = frame.next + 1
            if let input, input.pointee.slot == -1 {
                input.pointee.slot = onStack
                stack.append((input, 0))
            }
        }
        return order
    }
}

extension Sequence where Element == Value {
    /// Sets ``Value/grad`` to zero for each value in the sequence, such as a model's parameters.
    public func zeroGrad() {
        for value in self { value.zeroGrad() }
    }

    /// The sum of the values, recorded as a chain of `+` nodes; `0` (a constant) when empty.
    public func sum() -> Value {
        var iterator = makeIterator()
        guard let first = iterator.next() else { return Value(0, role: .constant) }
        return Tape.withPinnedTapes {
            var total = first.node
            while let value = iterator.next() { total = total + value.node }
            return Value(total)
        }
    }
}
