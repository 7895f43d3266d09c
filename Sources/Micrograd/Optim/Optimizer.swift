/// Updates parameters from their gradients.
///
/// Pass the same parameters, in the same order, to every ``step(_:)``: optimizers
/// with memory (momentum, Adam's moments) keep it by position.
public protocol Optimizer {
    /// The step size, which a schedule may change between steps.
    var learningRate: Double { get set }

    /// Moves each parameter using its gradient. Gradients are left as they are.
    mutating func step(_ parameters: [any TrainableParameter])
}
