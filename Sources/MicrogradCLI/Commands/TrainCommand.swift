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
            Classification (moons, circles, spiral, xor, blobs) follows micrograd's demo: full-batch loss \
            (max-margin for one output, cross-entropy for one output per class) plus an L2 penalty, and SGD whose \
            learning rate falls linearly to a tenth. --engine tensor runs the same MLP, from the same initial weights, as tensors (the two \
            engines follow the same path up to rounding, the tensor one far faster), and \
            --optimizer/--schedule pick other optimizers and schedules for either engine.

            Writes DIR/<dataset>-loss.svg (loss and accuracy per step), DIR/<dataset>-boundary.svg (the classes \
            the model predicts over the plane), and, every --snapshot-every steps and at the end, the graph of \
            example 0's loss after backward(), DIR/<dataset>-example0-step<N>.svg (for the scalar engine compact \
            and without scope boxes, so that Graphviz lays it out in about a second).

            linear-regression runs the seed documents' example as written: Linear(3, 1) on \
            x = [[1, 2, 3], [4, 5, 6]], y = [[10], [20]], the mean squared error and SGD with learning rate 0.01 for \
            100 epochs, printing the loss every 10 and the parameters at the end (tensor engine only).

            Examples:
              micrograd train moons
              micrograd train spiral --engine tensor --model 2,100,3 --optimizer adam
              micrograd train linear-regression
            """
    )

    /// The built-in datasets.
    enum DatasetName: String, CaseIterable, ExpressibleByArgument {
        case moons, circles, spiral, xor, blobs
        case linearRegression = "linear-regression"
    }

    /// Which engine runs the model.
    enum Engine: String, CaseIterable, ExpressibleByArgument {
        /// Scalar `Value`s, micrograd's model: every multiply is a node.
        case scalar
        /// `Tensor`s: a layer is a handful of nodes.
        case tensor
    }

    @Argument(
        help: "The dataset: moons, circles, spiral (3 classes), xor, blobs (3 classes), or linear-regression.")
    var dataset: DatasetName

    @Option(
        help: ArgumentHelp(
            "Layer sizes, inputs first: 2,16,16,1 (the default for two classes; the last size is the class count for more).",
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

    @Option(
        help: "The engine: scalar (Values, like micrograd) or tensor. (default: scalar; tensor for linear-regression)")
    var engine: Engine?

    @Option(name: .shortAndLong, help: "The directory to write into; created if missing.")
    var out = "out"

    mutating func validate() throws {
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
        if dataset == .linearRegression {
            let fixed = [("--model", model != nil), ("--points", points != nil), ("--l2", l2 != nil)]
            if let (flag, _) = fixed.first(where: \.1) {
                throw ValidationError(
                    "\(flag) does not apply to linear-regression: it is the seed's Linear(3, 1) on two fixed examples")
            }
            guard engine != .scalar else {
                throw ValidationError("linear-regression runs on the tensor engine; leave out --engine scalar")
            }
            return
        }
        do {
            _ = try layerSizes()
        } catch let error as CLIError {
            throw ValidationError(error.message)
        }
    }

    /// The learning rate of the first step.
    var baseLearningRate: Double { lr ?? (dataset == .linearRegression ? 0.01 : optimizer.defaultLearningRate) }
    /// How the rate changes.
    var scheduleName: ScheduleName { schedule ?? (dataset == .linearRegression ? .constant : .linear) }
    /// How many points a classification dataset has.
    var pointCount: Int { points ?? 100 }
    /// The seed of the points and weights.
    var chosenSeed: UInt64 { seed ?? (dataset == .linearRegression ? LinearRegressionSample.seed : 1337) }
    /// The engine that runs the model.
    var chosenEngine: Engine { engine ?? (dataset == .linearRegression ? .tensor : .scalar) }

    /// The examples, generated from the seed.
    func makeDataset() -> ClassificationDataset {
        switch dataset {
        case .moons, .linearRegression: .moons(count: pointCount, noise: 0.1, seed: chosenSeed)
        case .circles: .circles(count: pointCount, noise: 0.05, seed: chosenSeed)
        case .spiral: .spiral(pointsPerClass: pointCount, classes: 3, seed: chosenSeed)
        case .xor: .xor(count: pointCount, seed: chosenSeed)
        case .blobs: .blobs(count: pointCount, classes: 3, seed: chosenSeed)
        }
    }

    /// The classes the dataset has, without generating it.
    var classCount: Int { dataset == .spiral || dataset == .blobs ? 3 : 2 }

    /// `--model` as sizes, checked against the dataset.
    func layerSizes() throws -> [Int] {
        let defaultSizes = [2, 16, 16, classCount == 2 ? 1 : classCount]
        guard let model else { return defaultSizes }
        let pieces = model.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let sizes = pieces.compactMap { Int($0) }
        guard sizes.count == pieces.count, sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else {
            throw CLIError.usage("--model \(model) is not a list of layer sizes; write it like 2,16,16,1")
        }
        guard sizes[0] == 2 else {
            throw CLIError.usage("--model must start with 2: the datasets have two features (x, y)")
        }
        let outputs = sizes.last!
        guard ClassificationDataset.modelFits(outputs: outputs, classCount: classCount) else {
            throw CLIError.usage(
                "--model ends with \(outputs) outputs, but \(dataset.rawValue) has \(classCount) classes; end it with "
                    + (classCount == 2 ? "1 (or 2)" : "\(classCount)"))
        }
        let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
        guard chosenEngine == .tensor || parameters * pointCount <= 20_000_000 else {
            throw CLIError.usage(
                "--model \(model) has \(parameters) parameters; with \(pointCount) points that is too much for the scalar "
                    + "engine (each multiply is a node). Use a smaller model or --engine tensor.")
        }
        let points = dataset == .spiral ? pointCount * classCount : pointCount
        guard chosenEngine == .scalar || points * (sizes.max() ?? 0) <= 20_000_000 else {
            throw CLIError.usage(
                "--model \(model) on \(points) points makes activations of over 20 million numbers per layer; "
                    + "use fewer --points or narrower layers")
        }
        return sizes
    }

    func run() throws {
        try reportingErrors {
            if dataset == .linearRegression { return try runLinearRegression() }
            let directory = try SnapshotExporter.prepare(directory: out)
            let sizes = try layerSizes()
            let data = makeDataset()
            var session = makeSession(sizes: sizes, data: data)
            print(
                "training \(session.modelDescription) on \(dataset.rawValue) (\(data.count) points, \(data.classCount) classes)"
            )
            let rates = scheduleName.schedule(steps: steps)
            print(
                "\(steps) steps of \(optimizer.title), \(scheduleName.describe(base: baseLearningRate)), "
                    + "L2 \(l2 ?? 1e-4), engine \(chosenEngine.rawValue)")

            let exporter = exampleExporter(directory: directory, options: session.exampleDiagram)
            var files: [SnapshotExporter.PendingFile] = []
            var losses: [Double] = []
            var accuracies: [Double] = []
            let progress = ProgressReporter(steps: steps)
            for step in 0..<steps {
                if snapshotEvery > 0 && step % snapshotEvery == 0 {
                    files += try snapshot(session.exampleSnapshot(at: 0), at: step, exporter: exporter)
                }
                let report = session.step(learningRate: rates.rate(base: baseLearningRate, step: step))
                losses.append(report.loss)
                accuracies.append(report.accuracy)
                progress.report(step: step + 1, loss: report.loss, accuracy: report.accuracy)
            }
            let final = session.evaluate()
            losses.append(final.loss)
            accuracies.append(final.accuracy)
            if snapshotEvery > 0 {
                files += try snapshot(session.exampleSnapshot(at: 0), at: steps, exporter: exporter)
            }

            let title = "\(dataset.rawValue): \(session.modelDescription)"
            files.append(
                SnapshotExporter.PendingFile(
                    url: directory.appendingPathComponent("\(dataset.rawValue)-loss.svg"),
                    data: Data(LossCurvePlot.svg(losses: losses, accuracies: accuracies, title: title).utf8)))
            files.append(
                SnapshotExporter.PendingFile(
                    url: directory.appendingPathComponent("\(dataset.rawValue)-boundary.svg"),
                    data: Data(DecisionBoundaryPlot.svg(dataset: data, predict: session.predict, title: title).utf8)))
            for path in try SnapshotExporter.write(files) { print("wrote " + path) }

            let correct = Int((final.accuracy * Double(data.count)).rounded())
            print(
                "final loss \(NumberFormat().format(final.loss)), accuracy \(ProgressReporter.percent(final.accuracy)) (\(correct)/\(data.count))"
            )
            warnIfDiverged(final.loss)
        }
    }

    /// The seed documents' linear regression, printing what the seed prints.
    private func runLinearRegression() throws {
        let directory = try SnapshotExporter.prepare(directory: out)
        print("training Linear(3 → 1) on x = [[1, 2, 3], [4, 5, 6]], y = [[10], [20]] with the mean squared error")
        print("\(steps) epochs of \(optimizer.title), \(scheduleName.describe(base: baseLearningRate)), engine tensor")
        let exporter = exampleExporter(directory: directory, options: DOTOptions())
        var files: [SnapshotExporter.PendingFile] = []
        var optimizer = optimizer.make(learningRate: baseLearningRate)
        let rates = scheduleName.schedule(steps: steps)
        let run = try LinearRegressionSample.train(
            seed: chosenSeed, epochs: steps, optimizer: &optimizer,
            learningRate: { rates.rate(base: baseLearningRate, step: $0) },
            reportEvery: max(1, steps / 10),
            beforeEpoch: { epoch, model in
                guard snapshotEvery > 0 && (epoch % snapshotEvery == 0 || epoch == steps) else { return }
                let loss = LinearRegressionSample.loss(of: model, on: LinearRegressionSample.data())
                loss.backward()
                files += try snapshot(
                    loss.snapshot(), at: epoch, exporter: exporter, baseName: "linear-regression-epoch")
                model.zeroGrad()
            }, print: { print($0) })
        files.append(
            SnapshotExporter.PendingFile(
                url: directory.appendingPathComponent("linear-regression-loss.svg"),
                data: Data(
                    LossCurvePlot.svg(
                        losses: run.losses, accuracies: nil, title: "linear-regression: Linear(3 → 1), MSE",
                        stepName: "epoch"
                    ).utf8)))
        for path in try SnapshotExporter.write(files) { print("wrote " + path) }
        warnIfDiverged(run.losses.last ?? .nan)
    }

    private func warnIfDiverged(_ loss: Double) {
        if !loss.isFinite {
            Terminal.warning("the loss is \(NumberFormat().format(loss)): training diverged; try a smaller --lr")
        }
    }

    private func makeSession(sizes: [Int], data: ClassificationDataset) -> TrainingSession {
        let optimizer = optimizer.make(learningRate: baseLearningRate)
        switch chosenEngine {
        case .scalar:
            let model = MLP(sizes[0], Array(sizes.dropFirst()), seed: chosenSeed)
            return ScalarSession(
                trainer: ClassifierTrainer(model: model, dataset: data, l2Strength: l2 ?? 1e-4), optimizer: optimizer)
        case .tensor:
            // The scalar engine's initial weights, so that the two engines can be compared step for step.
            let model = TensorMLP(copying: MLP(sizes[0], Array(sizes.dropFirst()), seed: chosenSeed))
            return TensorSession(
                trainer: TensorClassifierTrainer(
                    model: model, dataset: data, optimizer: optimizer, l2Strength: l2 ?? 1e-4))
        }
    }

    /// Writes example graphs as SVG in the given style.
    private func exampleExporter(directory: URL, options: DOTOptions) -> SnapshotExporter {
        SnapshotExporter(
            directory: directory, formats: [.svg], dotOptions: options,
            mermaidOptions: MermaidOptions(groupsScopes: options.groupsScopes), renderLimit: 3_000)
    }

    /// A graph at `step`, as SVG (DOT if it is too big to lay out), named
    /// `<dataset>-example0-step<N>` with N padded to the width of the last step.
    private func snapshot(
        _ snapshot: GraphSnapshot, at step: Int, exporter: SnapshotExporter, baseName: String? = nil
    ) throws -> [SnapshotExporter.PendingFile] {
        let digits = String(steps).count
        let number = String(repeating: "0", count: max(0, digits - String(step).count)) + String(step)
        let name = (baseName ?? "\(dataset.rawValue)-example0-step") + number
        if snapshot.nodes.count > exporter.renderLimit {
            let dotExporter = SnapshotExporter(
                directory: exporter.directory, formats: [.dot], dotOptions: exporter.dotOptions,
                mermaidOptions: exporter.mermaidOptions, renderLimit: exporter.renderLimit)
            if step == 0 {
                Terminal.warning(
                    "example graphs have \(snapshot.nodes.count) values, too many to lay out; writing DOT instead of SVG"
                )
            }
            return try dotExporter.files(for: snapshot, baseName: name)
        }
        return try exporter.files(for: snapshot, baseName: name)
    }
}
