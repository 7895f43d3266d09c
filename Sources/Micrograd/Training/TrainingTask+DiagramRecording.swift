extension TrainingTask {
    /// ``diagramSnapshot()`` with the order `backward()` completed its gradients in
    /// (``GraphValue/backwardOrder()`` of the diagram loss, as ids of the snapshot), for
    /// pictures that walk the backward pass in the engine's own order.
    ///
    /// ```swift
    /// let (snapshot, order) = task.diagramSnapshotWithBackwardOrder()
    /// order.first == snapshot.rootID   // true: backward() starts at the loss
    /// ```
    public func diagramSnapshotWithBackwardOrder() -> (snapshot: GraphSnapshot, backwardOrder: [Int]) {
        let parameters = parameters()
        let saved = parameters.map(\.learnedGradients)
        for parameter in parameters { parameter.zeroGrad() }
        let loss = diagramLoss()
        loss.backward()
        let recorded = (loss.snapshot(), loss.backwardOrder())
        for (parameter, gradients) in zip(parameters, saved) { parameter.learnedGradients = gradients }
        return recorded
    }
}
