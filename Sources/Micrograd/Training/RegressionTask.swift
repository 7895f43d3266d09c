/// Fitting a tensor ``Module`` to targets with the mean squared error, full batch:
/// linear regression with a ``Linear`` model, or any regression network.
///
/// ```swift
/// let x = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], label: "x")
/// let y = Tensor([[10.0], [20.0]], label: "y", role: .constant)
/// var trainer = Trainer(task: RegressionTask(model: Linear(3, 1), inputs: x, targets: y),
///                       optimizer: SGD(learningRate: 0.01))
/// for _ in 0..<100 { trainer.step() }
/// ```
public struct RegressionTask<Model: Module>: TrainingTask {
    /// The model being fitted.
    public let model: Model
    /// The examples, one per row.
    public let inputs: Tensor
    /// The wanted outputs, one row per example, shaped like the model's output.
    public let targets: Tensor
    /// How ``modelDescription`` names the model.
    public var modelName: String
    /// The scope path the model records its values in (`linear`), for naming parameters.
    public var scope: String

    /// Creates a task.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - inputs: The examples, one per row.
    ///   - targets: The wanted outputs, shaped like `model(inputs)`.
    ///   - modelName: A description of the model for reports.
    ///   - scope: The model's scope path, used to name its parameters.
    public init(model: Model, inputs: Tensor, targets: Tensor, modelName: String = "model", scope: String = "") {
        self.model = model
        self.inputs = inputs
        self.targets = targets
        self.modelName = modelName
        self.scope = scope
    }

    public var modelDescription: String { modelName }

    public func parameters() -> [any TrainableParameter] { model.parameters() }

    /// Records the mean squared error of the model on every example, labelled `loss`.
    public func loss() -> (loss: any GraphValue, accuracy: Double?) {
        let loss = Loss.meanSquaredError(predictions: model(inputs), targets: targets)
        loss.label = "loss"
        return (loss, nil)
    }

    /// The whole loss: a regression on a few examples is small enough to draw.
    public func diagramLoss() -> any GraphValue {
        loss().loss
    }
}
