import ArgumentParser
import Micrograd

/// The optimizers `train --optimizer` offers.
enum OptimizerName: String, CaseIterable, ExpressibleByArgument {
    /// Plain stochastic gradient descent, micrograd's.
    case sgd
    /// SGD with momentum 0.9.
    case momentum
    /// Adam (β₁ 0.9, β₂ 0.999).
    case adam
    /// Adam with decoupled weight decay 0.01.
    case adamw

    /// The learning rate used when `--lr` is not given.
    var defaultLearningRate: Double {
        switch self {
        case .sgd: 1.0
        case .momentum: 0.1
        case .adam, .adamw: 0.02
        }
    }

    /// How the run describes it: `SGD`, `SGD with momentum 0.9`, …
    var title: String {
        switch self {
        case .sgd: "SGD"
        case .momentum: "SGD with momentum 0.9"
        case .adam: "Adam"
        case .adamw: "AdamW (weight decay 0.01)"
        }
    }

    /// A fresh optimizer.
    func make(learningRate: Double) -> any Optimizer {
        switch self {
        case .sgd: SGD(learningRate: learningRate)
        case .momentum: SGD(learningRate: learningRate, momentum: 0.9)
        case .adam: Adam(learningRate: learningRate)
        case .adamw: AdamW(learningRate: learningRate, weightDecay: 0.01)
        }
    }
}

/// The learning-rate schedules `train --schedule` offers, over a run of `steps` steps.
enum ScheduleName: String, CaseIterable, ExpressibleByArgument {
    /// The same rate throughout.
    case constant
    /// Falling in a straight line to a tenth (micrograd's demo).
    case linear
    /// Half a cosine down to a tenth.
    case cosine
    /// A tenth as much after each third of the run.
    case step

    /// The library's schedule for a run of `steps` steps.
    func schedule(steps: Int) -> LearningRateSchedule {
        switch self {
        case .constant: .constant
        case .linear: .linear(finalFraction: 0.1, steps: steps)
        case .cosine: .cosine(minimumFraction: 0.1, steps: steps)
        case .step: .step(every: max(1, (steps + 2) / 3), factor: 0.1)
        }
    }

    /// How the run describes it, for a base rate.
    func describe(base: Double) -> String {
        let tenth = String(base / 10)
        switch self {
        case .constant: return "learning rate \(String(base))"
        case .linear: return "learning rate \(String(base)) falling linearly to \(tenth)"
        case .cosine: return "learning rate \(String(base)) falling along a cosine to \(tenth)"
        case .step: return "learning rate \(String(base)), a tenth as much after each third of the run"
        }
    }
}
