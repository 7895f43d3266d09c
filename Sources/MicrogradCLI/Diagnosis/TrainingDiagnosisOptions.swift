import ArgumentParser
import Foundation
import Micrograd
import MicrogradViz

/// The options of `train` for reproducing and watching gradient problems: the hidden
/// layers' activation, the initial weights, `--diagnose` and the gradient view of snapshots.
struct TrainingDiagnosisOptions: ParsableArguments {
    /// The activations `--activation` offers.
    enum Activation: String, CaseIterable, ExpressibleByArgument {
        case relu, tanh, sigmoid

        var nonlinearity: Neuron.Nonlinearity {
            switch self {
            case .relu: .relu
            case .tanh: .tanh
            case .sigmoid: .sigmoid
            }
        }
    }

    @Option(help: "The hidden layers' activation: relu, tanh or sigmoid.")
    var activation: Activation = .relu

    @Option(
        help: ArgumentHelp(
            "The initial weights, uniform in: micrograd (±1), he (±√(6/fan-in)) or xavier (±√(6/(fan-in+fan-out))). (default: micrograd; he for digits)",
            valueName: "init"))
    var `init`: MLP.Initialization?

    @Option(
        help: "A factor on the initial weights' range: above 1 to make gradients explode, below 1 to make them vanish.")
    var initGain = 1.0

    @Flag(
        help:
            "Record every step, per layer: gradient norm, update:data ratio, activation mean/std, saturated and dead fractions; warn when the loss blows up or a problem first appears; write plots and the figures as JSON and CSV."
    )
    var diagnose = false

    @Option(
        help: ArgumentHelp(
            "With --diagnose: the steps whose activation and gradient histograms are drawn (default: the first and the last).",
            valueName: "steps"))
    var histogramSteps: String?

    @OptionGroup var coloring: GradientColorOptions

    @OptionGroup var thresholds: GradientThresholdOptions

    mutating func validate() throws {
        guard initGain.isFinite, initGain > 0 else { throw ValidationError("--init-gain must be a positive number") }
        if let histogramSteps {
            guard parsedHistogramSteps(lastStep: Int.max) != nil else {
                throw ValidationError(
                    "--histogram-steps \(histogramSteps) is not a list of steps; write it like 0,50,99")
            }
        }
    }

    /// The histogram steps, or `nil` if the text is malformed.
    func parsedHistogramSteps(lastStep: Int) -> Set<Int>? {
        guard let histogramSteps else { return [0, lastStep] }
        let pieces = histogramSteps.split(separator: ",", omittingEmptySubsequences: false)
        let steps = pieces.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 >= 0 }
        return steps.count == pieces.count && !steps.isEmpty ? Set(steps) : nil
    }

    /// The scalar MLP a training run starts from: `sizes` with the chosen activation and
    /// initial weights, from `seed`.
    func makeModel(sizes: [Int], seed: UInt64, dataset: String) -> MLP {
        let initialization = self.`init` ?? (dataset == "digits" ? .he : .micrograd)
        return MLP(
            sizes[0], Array(sizes.dropFirst()), activation: activation.nonlinearity, initialization: initialization,
            gain: initGain, seed: seed)
    }

    /// A recorder attached to `trainer`, printing each warning once, or `nil` without `--diagnose`.
    func attach<Task: TrainingTask>(to trainer: inout Trainer<Task>, steps: Int) -> TrainingDiagnostics? {
        guard diagnose else {
            if histogramSteps != nil { Terminal.warning("--histogram-steps draws nothing without --diagnose") }
            return nil
        }
        let histograms = parsedHistogramSteps(lastStep: steps - 1) ?? []
        let late = histograms.filter { $0 >= steps }.sorted()
        if !late.isEmpty {
            let list = late.map(String.init).joined(separator: ", ")
            Terminal.warning(
                "--histogram-steps \(list): past the last step (\(steps - 1)), so not drawn; steps count from 0")
        }
        let diagnostics = TrainingDiagnostics(options: thresholds.options, histogramSteps: histograms)
        diagnostics.onWarning = { warning in
            if Terminal.outputIsTerminal { Terminal.standardError("\n") }
            Terminal.warning(warning.message)
        }
        diagnostics.attach(to: &trainer)
        return diagnostics
    }

    /// One plot of a recorded run.
    struct Plot {
        /// What the file name ends with, such as `-grad-norms.svg`.
        let suffix: String
        /// What it shows, as a run page's caption.
        let caption: String
        /// The SVG document.
        let svg: String
    }

    /// The plots of a recorded run: the gradient norms, the update:data ratios, the gradient
    /// flow, and the activation and gradient histograms of each histogram step.
    static func plots(_ diagnostics: TrainingDiagnostics, title: String, lastStep: Int) -> [Plot] {
        var plots = [
            Plot(
                suffix: "-grad-norms.svg", caption: "Gradient norm of each layer's parameters, per step",
                svg: DiagnosticsPlots.gradientNorms(diagnostics, title: title)),
            Plot(
                suffix: "-update-ratios.svg", caption: "Update:data ratio of each layer, per step",
                svg: DiagnosticsPlots.updateRatios(diagnostics, title: title)),
            Plot(
                suffix: "-grad-flow.svg", caption: "Gradient flow: |grad| of each layer's parameters",
                svg: DiagnosticsPlots.gradientFlow(diagnostics, title: title)),
        ]
        let digits = String(lastStep).count
        for step in Set(diagnostics.samples.map(\.step)).sorted() {
            let number = String(repeating: "0", count: max(0, digits - String(step).count)) + String(step)
            for kind in DiagnosticsPlots.HistogramKind.allCases {
                if let svg = DiagnosticsPlots.histogram(diagnostics, step: step, kind: kind, title: title) {
                    let what = kind == .activations ? "Activations" : "Gradients of the activations"
                    plots.append(
                        Plot(
                            suffix: "-\(kind.rawValue)-step\(number).svg", caption: "\(what) at step \(step)", svg: svg)
                    )
                }
            }
        }
        return plots
    }

    /// The plots and data files of a recorded run: DIR/<name>-grad-norms.svg, -update-ratios.svg,
    /// -grad-flow.svg, -activations-step<N>.svg and -gradients-step<N>.svg for each histogram step
    /// (the `plots`), -diagnostics.json and -diagnostics.csv.
    static func files(
        _ diagnostics: TrainingDiagnostics, plots: [Plot], directory: URL, name: String
    ) -> [SnapshotExporter.PendingFile] {
        func file(_ suffix: String, _ text: String) -> SnapshotExporter.PendingFile {
            SnapshotExporter.PendingFile(url: directory.appendingPathComponent(name + suffix), data: Data(text.utf8))
        }
        return plots.map { file($0.suffix, $0.svg) } + [
            file("-diagnostics.json", diagnostics.json()), file("-diagnostics.csv", diagnostics.csv()),
        ]
    }
}

extension MLP.Initialization: ExpressibleByArgument {}
