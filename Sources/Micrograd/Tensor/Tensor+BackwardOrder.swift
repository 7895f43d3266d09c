extension Tensor {
    /// The order in which ``backward()`` completes gradients: the ids, in this tensor's
    /// ``snapshot()``, of every tensor it was computed from, each listed when `backward()`
    /// passes its complete gradient on to its inputs.
    ///
    /// `backward()` walks the topological order that ``snapshot()`` numbers nodes by,
    /// from the end, so this is every id from the root's down to 0. Read backwards, the
    /// operations in it are the forward pass.
    ///
    /// - Complexity: O(n) for n reachable tensors.
    public func backwardOrder() -> [Int] {
        Array(topologicalOrder().indices.reversed())
    }
}
