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

    /// No hooks.
    public init() {}
}
