import ArgumentParser
import Foundation
import Micrograd
import MicrogradLanguage
import MicrogradViz

/// `micrograd train`: train a small network on a built-in dataset and plot what happened.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a small network on a built-in dataset, with a progress bar, plots and graph snapshots.",
        discussion: """
            Classification (moons, circles, spiral, xor, blobs, digits) follows micrograd's demo: full-batch loss \
            (max-margin for one output, cross-entropy for one output per class) plus an L2 penalty, and SGD whose \
            learning rate falls linearly to a tenth. --engine tensor runs the same MLP, from the same initial \
            weights, as tensors (the two engines follow the same path up to rounding, the tensor one far faster), \
            and --optimizer/--schedule pick other optimizers and schedules for either engine. digits is the 8×8 \
            handwritten digits (1,797 images, 10 classes) and trains on tensors by default.

            Writes DIR/<dataset>-loss.svg (loss and accuracy per step), DIR/<dataset>-boundary.svg (for the 2-D \
            datasets: the classes the model predicts over the plane), and, every --snapshot-every steps and at the \
            end, the graph of example 0's loss after backward() with that example's gradients alone, \
            DIR/<dataset>-example0-step<N>.svg (for the scalar engine with each neuron drawn as one box, as \
            --max-nodes decides; --depth, --roll and --focus choose another view; --format picks other formats, \
            and --diff adds DIR/<dataset>-example0-step<N>-diff.svg, how the graph changed since the snapshot before).

            linear-regression fits Linear(3, 1) to x = [[1, 2, 3], [4, 5, 6]], y = [[10], [20]] with the mean \
            squared error and SGD with learning rate 0.01 for 100 epochs, printing the loss every 10 epochs and \
            the parameters at the end (tensor engine only).

            Examples:
              micrograd train moons
              micrograd train spiral --engine tensor --model 2,100,3 --optimizer adam
              micrograd train linear-regression
            """
    )

    /// What can be trained: a classification dataset, or the linear-regression recipe.
    enum Recipe: String, CaseIterable, ExpressibleByArgument {
        case moons, circles, spiral, xor, blobs, digits
        case linearRegression = "linear-regression"

        /// How many classes a classification dataset has, without generating it.
        var classCount: Int {
            switch self {
            case .spiral, .blobs: 3
            case .digits: 10
            case .moons, .circles, .xor, .linearRegression: 2
            }
        }

        /// How many features each example has.
        var featureCount: Int { self == .digits ? 64 : 2 }
    }

    /// Which engine runs the model.
    enum Engine: String, CaseIterable, ExpressibleByArgument {
        /// Scalar `Value`s, micrograd's model: every multiply is a node.
        case scalar
        /// `Tensor`s: a layer is a handful of nodes.
        case tensor
    }

    @Argument(
        help: ArgumentHelp(
            "What to train: moons, circles, spiral (3 classes), xor, blobs (3 classes), digits (10 classes), or linear-regression.",
            valueName: "dataset"))
    var recipe: Recipe

    @Option(
        help: ArgumentHelp(
            "Layer sizes, inputs first: 2,16,16,1 (the default for two classes; the last size is the class count for more; 64,32,10 for digits).",
            valueName: "sizes"))
    var model: String?

    @Option(parsing: .unconditional, help: "Optimisation steps (epochs for linear-regression).")
    var steps = 100

    @Option(help: "The optimizer: sgd, momentum (0.9), adam, adamw.")
    var optimizer: OptimizerName = .sgd

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The learning rate of the first step (default: 1 for sgd, 0.1 for momentum, 0.02 for adam and adamw, 0.01 for linear-regression).",
            valueName: "rate"))
    var lr: Double?

    @Option(
        help: ArgumentHelp(
            "How the learning rate changes: constant, linear (to a tenth), cosine (to a tenth), step (a tenth as much after each third). (default: linear; constant for linear-regression)",
            valueName: "schedule"))
    var schedule: ScheduleName?

    @Option(
        parsing: .unconditional,
        help: "Seeds the dataset's points and the model's initial weights. (default: 1337; 42 for linear-regression)")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "How many points (per class for spiral). (default: 100)")
    var points: Int?

    @Option(parsing: .unconditional, help: "The strength of the L2 penalty. (default: 0.0001)")
    var l2: Double?

    @Option(
        parsing: .unconditional, help: "Draw the graph of one example's loss every K steps, and at the end (0: never).")
    var snapshotEvery = 25

    @OptionGroup var snapshotOutput: SnapshotOutputOptions

    @Option(
        help:
            "The engine: scalar (Values, like micrograd) or tensor. (default: scalar; tensor for digits and linear-regression)"
    )
    var engine: Engine?

    @Option(name: .shortAndLong, help: "The directory to write into; created if missing.")
    var out = "out"

    @OptionGroup(title: "Gradient diagnostics") var diagnosis: TrainingDiagnosisOptions
    @OptionGroup(title: "Graph snapshots") var view: ViewOptions
    @OptionGroup var viewer: RunViewerOptions

    /// The most units a layer may have, and the most numbers the engines may hold at once for one layer.
    static let maximumLayerSize = 1_000_000
    static let maximumActivations = 20_000_000

    mutating func validate() throws {
        try validateOut(out)
        guard (1...100_000).contains(steps) else { throw ValidationError("--steps must be between 1 and 100000") }
        if let lr {
            guard lr.isFinite, lr > 0 else {
                throw ValidationError("--lr must be a positive number, like 0.05, not \(lr)")
            }
        }
        if let l2 {
            guard l2.isFinite, l2 >= 0 else {
                throw ValidationError("--l2 must be zero or a positive number, not \(l2)")
            }
        }
        if let points {
            guard (2...100_000).contains(points) else { throw ValidationError("--points must be between 2 and 100000") }
        }
        guard snapshotEvery >= 0 else { throw ValidationError("--snapshot-every must be zero or positive") }
        if snapshotOutput.diff && snapshotEvery == 0 {
            throw ValidationError("--diff compares consecutive graph snapshots; give --snapshot-every a positive K")
        }
        if recipe == .linearRegression {
            let fixed = [("--model", model != nil), ("--points", points != nil), ("--l2", l2 != nil)]
            if let (flag, _) = fixed.first(where: \.1) {
                throw ValidationError(
                    "\(flag) does not apply to linear-regression: it fits Linear(3, 1) to two fixed examples")
            }
            guard engine != .scalar else {
                throw ValidationError("linear-regression runs on the tensor engine; leave out --engine scalar")
            }
            return
        }
        if recipe == .digits, points != nil {
            throw ValidationError("--points does not apply to digits: the data set has 1,797 images")
        }
        do {
            _ = try layerSizes()
        } catch let error as CLIError {
            throw ValidationError(error.message)
        }
    }

    /// The learning rate of the first step.
    var baseLearningRate: Double { lr ?? (recipe == .linearRegression ? 0.01 : optimizer.defaultLearningRate) }
    /// How the rate changes.
    var scheduleName: ScheduleName { schedule ?? (recipe == .linearRegression ? .constant : .linear) }
    /// The seed of the points and weights.
    var chosenSeed: UInt64 { seed ?? (recipe == .linearRegression ? LinearRegressionSample.seed : 1337) }
    /// The engine that runs the model.
    var chosenEngine: Engine { engine ?? (recipe == .linearRegression || recipe == .digits ? .tensor : .scalar) }
    /// How many examples a classification dataset has.
    var exampleCount: Int {
        switch recipe {
        case .digits: 1797
        case .spiral: (points ?? 100) * 3
        default: points ?? 100
        }
    }

    /// The examples of a classification recipe, generated from the seed.
    func makeDataset() -> ClassificationDataset {
        let count = points ?? 100
        switch recipe {
        case .moons, .linearRegression: return .moons(count: count, noise: 0.1, seed: chosenSeed)
        case .circles: return .circles(count: count, noise: 0.05, seed: chosenSeed)
        case .spiral: return .spiral(pointsPerClass: count, classes: 3, seed: chosenSeed)
        case .xor: return .xor(count: count, seed: chosenSeed)
        case .blobs: return .blobs(count: count, classes: 3, seed: chosenSeed)
        case .digits: return .digits()
        }
    }

    /// `--model` as sizes, checked against the dataset and against what fits in memory.
    func layerSizes() throws -> [Int] {
        let outputs = recipe.classCount == 2 ? 1 : recipe.classCount
        let defaultSizes = recipe == .digits ? [64, 32, 10] : [2, 16, 16, outputs]
        guard let model else { return defaultSizes }
        let pieces = model.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let sizes = pieces.compactMap { Int($0) }
        guard sizes.count == pieces.count, sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else {
            throw CLIError.usage("--model \(model) is not a list of layer sizes; write it like 2,16,16,1")
        }
        guard sizes.allSatisfy({ $0 <= Self.maximumLayerSize }) else {
            throw CLIError.usage(
                "--model \(model) has a layer of more than \(Self.maximumLayerSize) units; use smaller layers")
        }
        guard sizes[0] == recipe.featureCount else {
            throw CLIError.usage(
                "--model must start with \(recipe.featureCount): \(recipe.rawValue) has \(recipe.featureCount) features per example"
            )
        }
        let last = sizes.last!
        guard ClassificationDataset.modelFits(outputs: last, classCount: recipe.classCount) else {
            throw CLIError.usage(
                "--model ends with \(last) outputs, but \(recipe.rawValue) has \(recipe.classCount) classes; end it with "
                    + (recipe.classCount == 2 ? "1 (or 2)" : "\(recipe.classCount)"))
        }
        // Sizes are at most a million each, so these products cannot overflow.
        let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
        guard chosenEngine == .tensor || parameters * exampleCount <= Self.maximumActivations else {
            throw CLIError.usage(
                "--model \(model) has \(parameters) parameters; with \(exampleCount) points that is too much for the scalar "
                    + "engine (each multiply is a node). Use a smaller model or --engine tensor.")
        }
        let widest = sizes.max() ?? 0
        guard chosenEngine == .scalar || exampleCount * widest <= Self.maximumActivations else {
            throw CLIError.usage(
                "--model \(model) on \(exampleCount) points makes activations of over 20 million numbers per layer; "
                    + "use fewer --points or narrower layers")
        }
        guard chosenEngine == .scalar || zip(sizes, sizes.dropFirst()).map(*).max()! <= Self.maximumActivations else {
            throw CLIError.usage(
                "--model \(model) has a weight matrix of over 20 million numbers; use narrower layers")
        }
        return sizes
    }

    func run() throws {
        try reportingErrors {
            let directory = try SnapshotExporter.prepare(directory: out)
            if recipe == .linearRegression { return try runLinearRegression(directory: directory) }
            let sizes = try layerSizes()
            let data = makeDataset()
            let l2Strength = l2 ?? 1e-4
            let optimizer = optimizer.make(learningRate: baseLearningRate)
            let schedule = scheduleName.schedule(steps: steps)
            // The scalar engine's initial weights for both engines, so that they can be compared step for step.
            let scalarModel = diagnosis.makeModel(sizes: sizes, seed: chosenSeed, dataset: recipe.rawValue)
            switch chosenEngine {
            case .scalar:
                var trainer = Trainer(
                    task: ClassificationTask(model: scalarModel, dataset: data, l2Strength: l2Strength),
                    optimizer: optimizer, schedule: schedule)
                try runClassification(&trainer, directory: directory, diagram: DOTOptions())
            case .tensor:
                var trainer = Trainer(
                    task: TensorClassificationTask(
                        model: TensorMLP(copying: scalarModel), dataset: data, l2Strength: l2Strength),
                    optimizer: optimizer, schedule: schedule)
                try runClassification(&trainer, directory: directory, diagram: DOTOptions())
            }
        }
    }

    /// Trains a classifier with a progress bar, then writes its plots and snapshots.
    private func runClassification<Task: ClassifyingTask>(
        _ trainer: inout Trainer<Task>, directory: URL, diagram: DOTOptions
    ) throws {
        let data = trainer.task.dataset
        print(
            "training \(trainer.task.modelDescription) on \(recipe.rawValue) (\(data.count) points, \(data.classCount) classes)"
        )
        print(
            "\(counted(steps, "step")) of \(optimizer.title), \(scheduleName.describe(base: baseLearningRate)), "
                + "L2 \(l2 ?? 1e-4), engine \(chosenEngine.rawValue)")
        let snapshots = SnapshotRecorder(
            exporter: exampleExporter(directory: directory, options: diagram),
            baseName: "\(recipe.rawValue)-example0-step", lastStep: steps, view: view,
            comparesWithPrevious: snapshotOutput.diff)
        snapshots.keepsSnapshots = viewer.html
        attach(snapshots, to: &trainer)
        let diagnostics = diagnosis.attach(to: &trainer, steps: steps)
        var losses: [Double] = []
        var accuracies: [Double] = []
        let progress = ProgressReporter(steps: steps)
        for _ in 0..<steps {
            let report = trainer.step()
            try snapshots.rethrow()
            losses.append(report.loss)
            accuracies.append(report.accuracy ?? 0)
            progress.report(step: report.step + 1, loss: report.loss, accuracy: report.accuracy ?? 0)
        }
        let final = trainer.evaluate()
        losses.append(final.loss)
        accuracies.append(final.accuracy ?? 0)
        if snapshotEvery > 0 {
            let recorded = trainer.task.diagramSnapshotWithBackwardOrder()
            try snapshots.take(recorded.snapshot, at: steps, backwardOrder: recorded.backwardOrder)
        }

        let title = "\(recipe.rawValue): \(trainer.task.modelDescription)"
        var files: [SnapshotExporter.PendingFile] = []
        files.append(
            SnapshotExporter.PendingFile(
                url: directory.appendingPathComponent("\(recipe.rawValue)-loss.svg"),
                data: Data(LossCurvePlot.svg(losses: losses, accuracies: accuracies, title: title).utf8)))
        var figures: [ViewerFigure] = []
        if recipe.featureCount == 2 {
            let task = trainer.task
            let boundary = DecisionBoundaryPlot.svg(
                dataset: data, predict: task.predict, title: title,
                pointsPerCall: max(1, Self.maximumActivations / (try layerSizes().max() ?? 1)))
            files.append(
                SnapshotExporter.PendingFile(
                    url: directory.appendingPathComponent("\(recipe.rawValue)-boundary.svg"), data: Data(boundary.utf8))
            )
            figures.append(ViewerFigure(title: "Decision boundary after training", svg: boundary))
        }
        let plots = diagnostics.map { TrainingDiagnosisOptions.plots($0, title: title, lastStep: steps) } ?? []
        figures += plots.map { ViewerFigure(title: $0.caption, svg: $0.svg) }
        if viewer.html {
            files.append(
                try RunViewer.file(
                    at: directory.appendingPathComponent("\(recipe.rawValue)-run.html"), title: title,
                    snapshots: snapshots.snapshots, drawn: snapshots.drawn, losses: losses, accuracies: accuracies,
                    stepName: "step", figures: figures, diagram: diagram, gradients: diagnosis.coloring,
                    notes: runDescription(trainer.task.modelDescription)))
        }
        if let diagnostics {
            files += TrainingDiagnosisOptions.files(
                diagnostics, plots: plots, directory: directory, name: recipe.rawValue)
        }
        for path in try snapshots.commit(adding: files) { print("wrote " + path) }

        let accuracy = final.accuracy ?? 0
        let correct = Int((accuracy * Double(data.count)).rounded())
        print(
            "final loss \(NumberFormat().format(final.loss)), accuracy \(ProgressReporter.percent(accuracy)) (\(correct)/\(data.count))"
        )
        warnIfDiverged(final.loss)
    }

    /// Linear(3, 1) on two examples, printing the loss every tenth of the run and the parameters at the end.
    private func runLinearRegression(directory: URL) throws {
        print("training Linear(3 → 1) on x = [[1, 2, 3], [4, 5, 6]], y = [[10], [20]] with the mean squared error")
        print(
            "\(counted(steps, "epoch")) of \(optimizer.title), \(scheduleName.describe(base: baseLearningRate)), engine tensor"
        )
        let model = LinearRegressionSample.model(seed: chosenSeed)
        let data = LinearRegressionSample.data()
        var trainer = Trainer(
            task: RegressionTask(model: model, inputs: data.x, targets: data.y, modelName: "Linear(3 → 1)"),
            optimizer: optimizer.make(learningRate: baseLearningRate), schedule: scheduleName.schedule(steps: steps))
        let snapshots = SnapshotRecorder(
            exporter: exampleExporter(directory: directory, options: DOTOptions()),
            baseName: "linear-regression-epoch", lastStep: steps, view: view, comparesWithPrevious: snapshotOutput.diff)
        snapshots.keepsSnapshots = viewer.html
        attach(snapshots, to: &trainer)
        let diagnostics = diagnosis.attach(to: &trainer, steps: steps)
        let reportEvery = max(1, steps / 10)
        var losses: [Double] = []
        for _ in 0..<steps {
            let report = trainer.step()
            try snapshots.rethrow()
            losses.append(report.loss)
            if (report.step + 1) % reportEvery == 0 {
                print(String(format: "Epoch [%d], Loss: %.4f", report.step + 1, report.loss))
            }
        }
        if snapshotEvery > 0 {
            let recorded = trainer.task.diagramSnapshotWithBackwardOrder()
            try snapshots.take(recorded.snapshot, at: steps, backwardOrder: recorded.backwardOrder)
        }
        losses.append(trainer.evaluate().loss)
        print("Model Parameters:")
        for (name, parameter) in model.namedParameters() {
            print("linear." + name + " " + LinearRegressionSample.describe(parameter))
        }
        var files: [SnapshotExporter.PendingFile] = []
        let plots =
            diagnostics.map { TrainingDiagnosisOptions.plots($0, title: "linear-regression", lastStep: steps) } ?? []
        if viewer.html {
            files.append(
                try RunViewer.file(
                    at: directory.appendingPathComponent("linear-regression-run.html"),
                    title: "linear-regression: Linear(3 → 1), MSE", snapshots: snapshots.snapshots,
                    drawn: snapshots.drawn, losses: losses, accuracies: nil, stepName: "epoch",
                    figures: plots.map { ViewerFigure(title: $0.caption, svg: $0.svg) },
                    diagram: DOTOptions(), gradients: diagnosis.coloring,
                    notes: runDescription("Linear(3 → 1)")))
        }
        files.append(
            SnapshotExporter.PendingFile(
                url: directory.appendingPathComponent("linear-regression-loss.svg"),
                data: Data(
                    LossCurvePlot.svg(
                        losses: losses, accuracies: nil, title: "linear-regression: Linear(3 → 1), MSE",
                        stepName: "epoch"
                    ).utf8)))
        if let diagnostics {
            files += TrainingDiagnosisOptions.files(
                diagnostics, plots: plots, directory: directory, name: "linear-regression")
        }
        for path in try snapshots.commit(adding: files) { print("wrote " + path) }
        warnIfDiverged(losses.last ?? .nan)
    }

    /// Takes a snapshot of the task's diagram loss every `--snapshot-every` steps, before the update.
    private func attach<Task: TrainingTask>(_ snapshots: SnapshotRecorder, to trainer: inout Trainer<Task>) {
        guard snapshotEvery > 0 else { return }
        snapshots.overlay = { [diagnosis] snapshot in diagnosis.coloring.overlay(for: snapshot, theme: .light) }
        let task = trainer.task
        let every = snapshotEvery
        trainer.hooks.afterForward.append { event in
            guard event.step % every == 0 else { return }
            snapshots.record {
                let recorded = task.diagramSnapshotWithBackwardOrder()
                try snapshots.take(recorded.snapshot, at: event.step, backwardOrder: recorded.backwardOrder)
            }
        }
    }

    /// How the run was set up, for its page.
    private func runDescription(_ model: String) -> [String] {
        [
            "\(model) trained on \(recipe.rawValue) for \(steps) \(recipe == .linearRegression ? "epochs" : "steps") "
                + "with \(optimizer.title), \(scheduleName.describe(base: baseLearningRate)), seed \(chosenSeed)."
        ]
    }

    private func warnIfDiverged(_ loss: Double) {
        if !loss.isFinite {
            Terminal.warning("the loss is \(NumberFormat().format(loss)): training diverged; try a smaller --lr")
        }
    }

    /// Writes example graphs in the `--format` formats, in the given style.
    private func exampleExporter(directory: URL, options: DOTOptions) -> SnapshotExporter {
        SnapshotExporter(
            directory: directory, formats: snapshotOutput.formats, dotOptions: options,
            mermaidOptions: MermaidOptions(groupsScopes: options.groupsScopes), renderLimit: 3_000)
    }
}

/// Turns the graph snapshots a training run takes into files named `<base><step>`,
/// with the step padded to the width of the last one, as SVG (DOT when the graph is
/// too big to lay out).
///
/// Each file is written as it is made, as a hidden temporary file (a long run holds none in
/// memory); they appear with the run's other files at ``commit(adding:)``, and a run that fails or
/// is interrupted before then leaves none.
final class SnapshotRecorder {
    let exporter: SnapshotExporter
    let baseName: String
    let lastStep: Int
    /// How the graphs are viewed: decided at the first snapshot, as its notes say.
    let view: ViewOptions
    private(set) var plan: DiagramPlan?
    /// Whether the snapshots and their SVGs are kept for a run page (`--html`); otherwise each
    /// snapshot's files go to disk as it is taken and nothing of it stays in memory.
    var keepsSnapshots = false
    /// The snapshots taken so far, by step, with the order backward() took, when they are kept.
    private(set) var snapshots: [(step: Int, snapshot: GraphSnapshot, backwardOrder: [Int]?)] = []
    /// The SVG of each diagram drawn so far, by its DOT, when the snapshots are kept, so that
    /// `--html` need not lay it out again.
    private(set) var drawn: [String: Data] = [:]
    /// The run's output, staged as it is made.
    private let output = OutputTransaction()
    /// The files staged so far, in order.
    private(set) var files: [URL] = []
    /// Whether each snapshot is also compared with the one before it (`--diff`).
    let comparesWithPrevious: Bool
    /// The snapshot taken before, and its step, for `--diff`.
    private(set) var previous: (snapshot: GraphSnapshot, step: Int)?
    /// The first error a hook met; hooks cannot throw, so the loop checks after each step.
    private var failure: Error?
    private var warnedAboutSize = false
    /// Marks to draw on each snapshot, such as the gradient view's.
    var overlay: (GraphSnapshot) -> DiagramOverlay? = { _ in nil }

    init(
        exporter: SnapshotExporter, baseName: String, lastStep: Int, view: ViewOptions,
        comparesWithPrevious: Bool = false
    ) {
        self.exporter = exporter
        self.baseName = baseName
        self.lastStep = lastStep
        self.view = view
        self.comparesWithPrevious = comparesWithPrevious
    }

    /// Runs `body`, keeping its first error for ``rethrow()``.
    func record(_ body: () throws -> Void) {
        guard failure == nil else { return }
        do { try body() } catch { failure = error }
    }

    /// Throws the first error a hook met, if any.
    func rethrow() throws {
        if let failure { throw failure }
    }

    /// Makes the files of one snapshot and stages them.
    ///
    /// - Parameter backwardOrder: The order backward() took, for the run page's backward steps.
    func take(_ snapshot: GraphSnapshot, at step: Int, backwardOrder: [Int]? = nil) throws {
        if keepsSnapshots { snapshots.append((step, snapshot, backwardOrder)) }
        let digits = String(lastStep).count
        let number = String(repeating: "0", count: max(0, digits - String(step).count)) + String(step)
        let name = baseName + number
        if comparesWithPrevious {
            for file in try comparisonFiles(to: snapshot, at: step, name: name + "-diff") {
                try SnapshotExporter.stage(file, into: output)
                files.append(file.url)
            }
            previous = (snapshot, step)
        }
        if plan == nil {
            let plan = try DiagramPlan(
                snapshot: snapshot, view: view, look: exporter.dotOptions,
                // The scalar engine's graphs are drawn without scope boxes, as the exporter's look says.
                scopes: exporter.dotOptions.groupsScopes ? nil : false, requestedLayout: nil)
            for note in plan.notes { Terminal.standardError(note + "\n") }
            self.plan = plan
        }
        let diagram = plan!.diagram(of: snapshot)
        guard diagram.drawnValueCount <= exporter.renderLimit else {
            if !warnedAboutSize {
                Terminal.warning(
                    "example graphs have \(diagram.drawnValueCount) values, too many to lay out; writing DOT instead of SVG"
                )
                warnedAboutSize = true
            }
            let dotExporter = SnapshotExporter(
                directory: exporter.directory, formats: [.dot] + exporter.formats.filter { $0 == .json },
                dotOptions: exporter.dotOptions,
                mermaidOptions: exporter.mermaidOptions, renderLimit: exporter.renderLimit)
            files += try dotExporter.stage(diagram, baseName: name, into: output)
            return
        }
        let marks = overlay(snapshot)
        let made = try exporter.files(for: diagram, baseName: name, overlay: marks)
        for file in made { try SnapshotExporter.stage(file, into: output) }
        files += made.map(\.url)
        if keepsSnapshots, let svg = made.first(where: { $0.url.pathExtension == "svg" }) {
            drawn[diagram.dot(overlay: marks ?? DiagramOverlay())] = svg.data
        }
    }

    /// Stages `others` after the snapshots, then makes every file appear, or none.
    ///
    /// - Returns: The paths written, in order.
    /// - Throws: ``CLIError`` naming a file that could not be written; nothing is then written.
    func commit(adding others: [SnapshotExporter.PendingFile]) throws(CLIError) -> [String] {
        for file in others { try SnapshotExporter.stage(file, into: output) }
        return try SnapshotExporter.commit(output, files: files + others.map(\.url))
    }
}
