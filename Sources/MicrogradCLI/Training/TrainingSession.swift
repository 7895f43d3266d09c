import Micrograd
import MicrogradViz

/// A model being trained on a classification dataset, whichever engine runs it.
protocol TrainingSession {
    /// The examples.
    var dataset: ClassificationDataset { get }
    /// A one-line description of the model, such as `MLP(2 → 16 ReLU → 16 ReLU → 1 linear, 337 parameters)`.
    var modelDescription: String { get }
    /// How to draw the graph of one example: a scalar graph has about a thousand
    /// values and needs the compact style; a tensor graph has a dozen.
    var exampleDiagram: DOTOptions { get }
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
    var optimizer: any Optimizer

    var dataset: ClassificationDataset { trainer.dataset }
    var modelDescription: String { trainer.model.description }
    // Without scope boxes: Graphviz takes about 1 s for a 2-16-16-1 example this way, 40 s with boxes.
    var exampleDiagram: DOTOptions { DOTOptions(style: .compact, groupsScopes: false) }

    mutating func step(learningRate: Double) -> ClassifierTrainer.StepReport {
        optimizer.learningRate = learningRate
        return trainer.step(using: &optimizer)
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

/// Training with `Tensor`s: a layer is a matmul, an add and an activation.
struct TensorSession: TrainingSession {
    var trainer: TensorClassifierTrainer

    var dataset: ClassificationDataset { trainer.dataset }
    var modelDescription: String { trainer.model.description }
    var exampleDiagram: DOTOptions { DOTOptions() }

    mutating func step(learningRate: Double) -> ClassifierTrainer.StepReport {
        trainer.step(learningRate: learningRate)
    }

    func evaluate() -> ClassifierTrainer.StepReport {
        let (loss, accuracy) = trainer.loss()
        return ClassifierTrainer.StepReport(loss: loss.item(), accuracy: accuracy)
    }

    func predict(_ points: [[Double]]) -> [Int] {
        trainer.predict(points)
    }

    func exampleSnapshot(at index: Int) -> GraphSnapshot {
        let loss = trainer.exampleLoss(at: index)
        loss.backward()
        let snapshot = loss.snapshot()
        trainer.model.zeroGrad()
        return snapshot
    }
}
