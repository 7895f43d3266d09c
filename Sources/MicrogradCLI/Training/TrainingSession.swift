import Micrograd

/// A model being trained on a classification dataset, whichever engine runs it.
protocol TrainingSession {
    /// The examples.
    var dataset: ClassificationDataset { get }
    /// A one-line description of the model, such as `MLP(2 → 16 ReLU → 16 ReLU → 1 linear, 337 parameters)`.
    var modelDescription: String { get }
    /// Runs one optimisation step.
    ///
    /// - Parameter learningRate: The step size for this step.
    /// - Returns: The loss and accuracy measured before the update.
    mutating func step(learningRate: Double) -> ClassifierTrainer.StepReport
    /// The loss and accuracy on every example, without changing the model.
    func evaluate() -> ClassifierTrainer.StepReport
    /// The class predicted for each point.
    func predict(_ points: [[Double]]) -> [Int]
    /// The forward and backward graph of one example's loss, after backward().
    func exampleSnapshot(at index: Int) -> GraphSnapshot
}

/// Training with scalar `Value`s: every weight and every multiply is a node.
struct ScalarSession: TrainingSession {
    let trainer: ClassifierTrainer

    var dataset: ClassificationDataset { trainer.dataset }
    var modelDescription: String { trainer.model.description }

    mutating func step(learningRate: Double) -> ClassifierTrainer.StepReport {
        trainer.step(learningRate: learningRate)
    }

    func evaluate() -> ClassifierTrainer.StepReport {
        let (loss, accuracy) = trainer.loss()
        return ClassifierTrainer.StepReport(loss: loss.data, accuracy: accuracy)
    }

    func predict(_ points: [[Double]]) -> [Int] {
        points.map(trainer.predict)
    }

    func exampleSnapshot(at index: Int) -> GraphSnapshot {
        let loss = trainer.exampleLoss(at: index)
        loss.backward()
        let snapshot = loss.snapshot()
        trainer.model.zeroGrad()  // this backward() was for the picture, not for training
        return snapshot
    }
}
