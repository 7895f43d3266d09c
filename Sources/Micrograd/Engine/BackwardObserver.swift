/// Something shown every value of a backward pass once its gradient is complete.
///
/// ``Value/backward(observing:)`` calls ``visit(_:)`` once for each value reached from the
/// root, root first, each after every value that uses it and before its inputs: the
/// record's `grad` is final, its inputs' are not yet. A visit may write the inputs'
/// `slot` (no depth-first walk runs during the sweep) but nothing the sweep reads.
protocol BackwardObserver {
    /// Sees one value whose gradient is complete.
    mutating func visit(_ node: UnsafeMutablePointer<NodeRecord>)
}

/// What ``BackwardObserver`` is to scalar values, for tensors:
/// ``Tensor/backward(parametersOnly:observing:)`` calls ``visit(_:)`` once for each tensor
/// reached from the root, in the same order.
protocol TensorBackwardObserver {
    /// Sees one tensor whose gradient is complete.
    mutating func visit(_ tensor: Tensor)
}

/// The observer of a plain `backward()`: it sees nothing, and costs nothing.
struct NoBackwardObserver: BackwardObserver, TensorBackwardObserver {
    @inline(__always)
    func visit(_ node: UnsafeMutablePointer<NodeRecord>) {}

    @inline(__always)
    func visit(_ tensor: Tensor) {}
}
