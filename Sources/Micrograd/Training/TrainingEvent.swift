/// What a ``Trainer`` hands to its hooks at each point of a step.
///
/// Hooks run after the forward pass, after the backward pass (the parameters'
/// gradients are exactly this step's, the update not yet made) and after the update.
public struct TrainingEvent {
    /// The step, counted from 0.
    public let step: Int
    /// The learning rate of this step.
    public let learningRate: Double
    /// This step's loss graph: gradients filled in from the after-backward hook on.
    public let loss: any GraphValue
    /// The fraction classified correctly before the update, if the task has classes.
    public let accuracy: Double?
    /// The task's parameters, in the task's order.
    public let parameters: [any TrainableParameter]

    /// The step's report.
    public var report: StepReport {
        StepReport(step: step, loss: loss.scalar, accuracy: accuracy, learningRate: learningRate)
    }

    /// The step's backward pass, showing `observer` every value once its gradient is
    /// complete. A tensor loss skips the gradients that lead to no parameter (the gradient
    /// of a batch of inputs); the values a parameter feeds still get theirs.
    func backpropagate<Observer: BackwardObserver & TensorBackwardObserver>(observing observer: inout Observer) {
        if let tensor = loss as? Tensor {
            tensor.backward(parametersOnly: true, observing: &observer)
        } else if let value = loss as? Value {
            value.backward(observing: &observer)
        } else {
            loss.backward()
        }
    }
}

/// The code a ``Trainer`` runs at fixed points of every step, in the order added.
///
/// ```swift
/// trainer.hooks.afterBackward.append { event in
///     print(event.step, Summary(event.parameters[0].learnedGradients).norm)
/// }
/// ```
public struct TrainingHooks {
    /// Runs after the loss is recorded, before `backward()`.
    public var afterForward: [(TrainingEvent) -> Void] = []
    /// Runs after `backward()`, with this step's gradients, before the optimizer moves anything.
    public var afterBackward: [(TrainingEvent) -> Void] = []
    /// Runs after the optimizer has updated the parameters.
    public var afterUpdate: [(TrainingEvent) -> Void] = []
    /// Runs the step's backward pass in the trainer's place, when set, with
    /// ``TrainingEvent/backpropagate(observing:)``: ``TrainingDiagnostics`` reads the graph
    /// during the pass instead of walking it a second time.
    var backwardPass: ((TrainingEvent) -> Void)?

    /// No hooks.
    public init() {}
}
