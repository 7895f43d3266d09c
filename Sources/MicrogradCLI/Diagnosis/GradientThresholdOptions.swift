import ArgumentParser
import Micrograd

/// The thresholds of gradient findings, for `diagnose` and `train --diagnose`; the defaults
/// are ``Micrograd/GradientFlowOptions``'.
struct GradientThresholdOptions: ParsableArguments {
    @Option(help: "A layer whose output gradient (RMS) is below this fraction of the output layer's is vanishing.")
    var vanishingRatio = GradientFlowOptions().vanishingRatio

    @Option(help: "A layer whose output gradient (RMS) is above this multiple of the output layer's is exploding.")
    var explodingRatio = GradientFlowOptions().explodingRatio

    @Option(help: "A layer's parameter gradient norm above this is exploding.")
    var explodingNorm = GradientFlowOptions().explodingNorm

    @Option(help: "The fraction of a layer's tanh or sigmoid outputs that must be saturated for a finding.")
    var saturatedFraction = GradientFlowOptions().saturatedFraction

    @Option(help: "The fraction of a layer's ReLU units that must be dead for a finding (0: any).")
    var deadFraction = GradientFlowOptions().deadUnitFraction

    mutating func validate() throws {
        for (flag, value) in [
            ("--vanishing-ratio", vanishingRatio), ("--exploding-ratio", explodingRatio),
            ("--exploding-norm", explodingNorm),
        ] {
            guard value.isFinite, value > 0 else { throw ValidationError("\(flag) must be a positive number") }
        }
        for (flag, value) in [("--saturated-fraction", saturatedFraction), ("--dead-fraction", deadFraction)] {
            guard (0...1).contains(value) else { throw ValidationError("\(flag) must be between 0 and 1") }
        }
    }

    /// The library's options.
    var options: GradientFlowOptions {
        var options = GradientFlowOptions()
        options.vanishingRatio = vanishingRatio
        options.explodingRatio = explodingRatio
        options.explodingNorm = explodingNorm
        options.saturatedFraction = saturatedFraction
        options.deadUnitFraction = deadFraction
        return options
    }
}
