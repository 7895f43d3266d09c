extension Value {
    /// The order in which ``backward()`` completes gradients: the ids, in this value's
    /// ``snapshot()``, of every value it was computed from, each listed when `backward()`
    /// reaches it with its gradient complete and passes that gradient on to its inputs.
    ///
    /// This is the engine's own sweep, not a copy of it: `backward()` walks the same
    /// function. The first id is this value's (the root's), and every value comes after
    /// all the values that use it. Read backwards, the operations in it are in the order
    /// they were recorded: the forward pass.
    ///
    /// ```swift
    /// let (x, w, b) = (Value(2.0, label: "x"), Value(-3.0, label: "w"), Value(6.9, label: "b"))
    /// let o = (x * w + b).tanh()   // snapshot ids: x 0, w 1, x*w 2, b 3, x*w + b 4, o 5
    /// o.backwardOrder()            // [5, 4, 2, 3, 1, 0]: b was recorded before x*w, so it comes after it
    /// ```
    ///
    /// Reading the order changes no gradient.
    ///
    /// - Complexity: O(n) for n reachable values.
    public func backwardOrder() -> [Int] {
        withTopologicalOrder { order in
            var ids: [Int] = []
            ids.reserveCapacity(order.count)
            // While the topological order is held, each record's slot is its snapshot id.
            sweepInBackwardOrder { node in ids.append(Int(node.pointee.slot)) }
            return ids
        }
    }
}
