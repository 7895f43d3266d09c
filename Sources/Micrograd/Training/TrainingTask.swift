/// What a ``Trainer`` trains: a model, the data it learns from, and the loss that
/// scores it. Each task records its graphs on its own engine (``Value``s or ``Tensor``s);
/// the trainer only sees ``GraphValue``s and ``TrainableParameter``s.
///
/// The library has ``ClassificationTask`` (a scalar ``MLP``), ``TensorClassificationTask``
/// (a ``TensorMLP``) and ``RegressionTask`` (any tensor ``Module`` with the mean squared
/// error). Write your own by conforming to this protocol.
public protocol TrainingTask {
    /// A one-line description of the model, such as `MLP(2 → 16 ReLU → 1 linear, 65 parameters)`.
    var modelDescription: String { get }

    /// Every learned parameter, in the same order on every call: optimizers with
    /// memory (momentum, Adam's moments) keep it by position.
    func parameters() -> [any TrainableParameter]

    /// Records the loss on the training data (a one-element ``GraphValue``) and
    /// measures the accuracy, or `nil` when accuracy does not apply (regression).
    func loss() -> (loss: any GraphValue, accuracy: Double?)

    /// Records a loss graph small enough to draw: one example's loss for a
    /// classifier (without any penalty), the whole loss for a small regression.
    func diagramLoss() -> any GraphValue
}

// MARK: - Default implementations

extension TrainingTask {
    /// A snapshot of ``diagramLoss()`` after `backward()`, with the gradients of that
    /// loss alone: the parameters' gradients are set aside and zeroed first, then put
    /// back, so neither the picture nor a training step sees the other's gradients.
    public func diagramSnapshot() -> GraphSnapshot {
        diagramSnapshotWithBackwardOrder().snapshot
    }
}

/// A ``TrainingTask`` that sorts points into classes, so that it can predict.
public protocol ClassifyingTask: TrainingTask {
    /// The examples it learns from.
    var dataset: ClassificationDataset { get }

    /// The class the model predicts for each point.
    ///
    /// - Parameter points: Feature vectors, each as long as the dataset's.
    func predict(_ points: [[Double]]) -> [Int]
}
