/// Trains any ``TrainingTask`` with any ``Optimizer``, on either engine: the one
/// training loop of the library.
///
/// Each ``step()`` zeroes the gradients, records the loss, backpropagates, and lets
/// the optimizer move the parameters, with the learning rate the ``schedule`` gives
/// for the step. ``hooks`` run after each of those phases, which is where per-step
/// diagnostics and snapshots attach.
///
/// ```swift
/// var trainer = Trainer(
///     task: ClassificationTask(model: MLP(2, [16, 16, 1]), dataset: .moons()),
///     optimizer: SGD(learningRate: 1.0), schedule: .linear(finalFraction: 0.1, steps: 100))
/// for _ in 0..<100 {
///     let report = trainer.step()
///     print(report.step, report.loss, report.accuracy ?? 0)
/// }
/// ```
public struct Trainer<Task: TrainingTask> {
    /// What is trained.
    public let task: Task
    /// What moves the parameters; it keeps its state (momentum, moments) between steps.
    public var optimizer: any Optimizer
    /// How the learning rate changes from step to step.
    public var schedule: LearningRateSchedule
    /// The learning rate of step 0, which the schedule scales.
    public var baseLearningRate: Double
    /// The code run at fixed points of each step.
    public var hooks = TrainingHooks()
    /// How many steps have been taken.
    public private(set) var stepsTaken = 0

    /// Creates a trainer.
    ///
    /// - Parameters:
    ///   - task: What to train.
    ///   - optimizer: What moves the parameters; its learning rate is the base rate.
    ///   - schedule: How the rate changes; constant by default.
    public init(task: Task, optimizer: any Optimizer, schedule: LearningRateSchedule = .constant) {
        self.task = task
        self.optimizer = optimizer
        self.schedule = schedule
        self.baseLearningRate = optimizer.learningRate
    }

    /// One step: zero the gradients, record the loss, backpropagate, update.
    ///
    /// - Returns: The loss and accuracy measured before the update.
    @discardableResult
    public mutating func step() -> StepReport {
        let parameters = task.parameters()
        for parameter in parameters { parameter.zeroGrad() }
        optimizer.learningRate = schedule.rate(base: baseLearningRate, step: stepsTaken)
        let (loss, accuracy) = task.loss()
        let event = TrainingEvent(
            step: stepsTaken, learningRate: optimizer.learningRate, loss: loss, accuracy: accuracy,
            parameters: parameters)
        for hook in hooks.afterForward { hook(event) }
        if let backwardPass = hooks.backwardPass {
            backwardPass(event)
        } else {
            var nobody = NoBackwardObserver()
            event.backpropagate(observing: &nobody)
        }
        for hook in hooks.afterBackward { hook(event) }
        optimizer.step(parameters)
        for hook in hooks.afterUpdate { hook(event) }
        stepsTaken += 1
        return event.report
    }

    /// The loss and accuracy of the model as it is now, on all the data, without
    /// backpropagating or changing anything.
    public func evaluate() -> StepReport {
        let (loss, accuracy) = task.loss()
        return StepReport(
            step: stepsTaken, loss: loss.scalar, accuracy: accuracy,
            learningRate: schedule.rate(base: baseLearningRate, step: stepsTaken))
    }

    /// A snapshot of the task's diagram loss with the gradients of that loss alone;
    /// see ``TrainingTask/diagramSnapshot()``.
    public func diagramSnapshot() -> GraphSnapshot {
        task.diagramSnapshot()
    }
}
