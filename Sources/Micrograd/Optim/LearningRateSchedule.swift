import Foundation

/// How the learning rate changes over a run.
public enum LearningRateSchedule: Sendable, Equatable {
    /// The base rate throughout.
    case constant
    /// Multiplied by `factor` every `every` steps.
    case step(every: Int, factor: Double)
    /// Falling in a straight line from the base rate to `finalFraction` of it over
    /// `steps` steps (micrograd's demo: 1.0 − 0.9·k/100 is `.linear(finalFraction: 0.1, steps: 100)`).
    case linear(finalFraction: Double, steps: Int)
    /// Following half a cosine from the base rate down to `minimumFraction` of it over `steps` steps.
    case cosine(minimumFraction: Double, steps: Int)

    /// The rate for step `step` (from 0).
    ///
    /// - Parameters:
    ///   - base: The rate at step 0.
    ///   - step: The step, counted from 0.
    public func rate(base: Double, step: Int) -> Double {
        switch self {
        case .constant:
            return base
        case .step(let every, let factor):
            return base * Foundation.pow(factor, Double(step / Swift.max(every, 1)))
        case .linear(let finalFraction, let steps):
            let progress = Swift.min(Double(step) / Double(Swift.max(steps, 1)), 1)
            return base * (1 - (1 - finalFraction) * progress)
        case .cosine(let minimumFraction, let steps):
            let progress = Swift.min(Double(step) / Double(Swift.max(steps, 1)), 1)
            return base * (minimumFraction + (1 - minimumFraction) * (1 + cos(Double.pi * progress)) / 2)
        }
    }
}
