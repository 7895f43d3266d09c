import ArgumentParser
import Foundation
import Micrograd
import MicrogradViz

/// `micrograd train`: train a small network on a built-in dataset and plot what happened.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an MLP on a built-in 2-D dataset, with a progress bar, plots and graph snapshots.",
        discussion: """
            Follows micrograd's demo: full-batch loss (max-margin for one output, cross-entropy for one output \
            per class) plus an L2 penalty, and SGD whose learning rate falls linearly from --lr to a tenth of it.

            Writes DIR/<dataset>-loss.svg (loss and accuracy per step), DIR/<dataset>-boundary.svg (the classes \
            the model predicts over the plane), and, every --snapshot-every steps and at the end, the graph of \
            example 0's loss after backward(), DIR/<dataset>-example0-step<N>.svg (compact and without scope \
            boxes, so that Graphviz lays it out in about a second).

            Examples:
              micrograd train moons
              micrograd train spiral --model 2,32,32,3 --steps 300 --lr 0.5
            """
    )

    /// The built-in datasets.
    enum DatasetName: String, CaseIterable, ExpressibleByArgument {
        case moons, circles, spiral, xor, blobs
    }

    /// Which engine runs the model.
    enum Engine: String, CaseIterable, ExpressibleByArgument {
        /// Scalar `Value`s, micrograd's model: every multiply is a node.
        case scalar
        /// `Tensor`s: a layer is a handful of nodes.
        case tensor
    }

    @Argument(help: "The dataset: moons, circles, spiral (3 classes), xor or blobs (3 classes).")
    var dataset: DatasetName

    @Option(
        help: ArgumentHelp(
            "Layer sizes, inputs first: 2,16,16,1 (the default for two classes; the last size is the class count for more).",
            valueName: "sizes"))
    var model: String?

    @Option(help: "Optimisation steps.")
    var steps = 100

    @Option(help: "The learning rate of the first step; it falls linearly to a tenth of this.")
    var lr = 1.0

    @Option(help: "Seeds the dataset's points and the model's initial weights.")
    var seed: UInt64 = 1337

    @Option(help: "How many points (per class for spiral).")
    var points = 100

    @Option(help: "The strength of the L2 penalty.")
    var l2 = 1e-4

    @Option(help: "Draw the graph of one example's loss every K steps, and at the end (0: never).")
    var snapshotEvery = 25

    @Option(help: "The engine: scalar (Values, like micrograd) or tensor.")
    var engine: Engine = .scalar

    @Option(name: .shortAndLong, help: "The directory to write into; created if missing.")
    var out = "out"

    mutating func validate() throws {
        guard (1...100_000).contains(steps) else { throw ValidationError("--steps must be between 1 and 100000") }
        guard lr.isFinite, lr > 0 else { throw ValidationError("--lr must be a positive number") }
        guard l2.isFinite, l2 >= 0 else { throw ValidationError("--l2 must be zero or a positive number") }
        guard (2...100_000).contains(points) else { throw ValidationError("--points must be between 2 and 100000") }
        guard snapshotEvery >= 0 else { throw ValidationError("--snapshot-every must be zero or positive") }
        do {
            _ = try layerSizes()
        } catch let error as CLIError {
            throw ValidationError(error.message)
        }
    }

    /// The examples, generated from the seed.
    func makeDataset() -> ClassificationDataset {
        switch dataset {
        case .moons: .moons(count: points, noise: 0.1, seed: seed)
        case .circles: .circles(count: points, noise: 0.05, seed: seed)
        case .spiral: .spiral(pointsPerClass: points, classes: 3, seed: seed)
        case .xor: .xor(count: points, seed: seed)
        case .blobs: .blobs(count: points, classes: 3, seed: seed)
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
        guard outputs == classCount || (outputs == 1 && classCount == 2) else {
            throw CLIError.usage(
                "--model ends with \(outputs) outputs, but \(dataset.rawValue) has \(classCount) classes; end it with "
                    + (classCount == 2 ? "1 (or 2)" : "\(classCount)"))
        }
        let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
        guard engine == .tensor || parameters * points <= 20_000_000 else {
            throw CLIError.usage(
                "--model \(model) has \(parameters) parameters; with \(points) points that is too much for the scalar "
                    + "engine (each multiply is a node). Use a smaller model or --engine tensor.")
        }
        return sizes
    }

    func run() throws {
        try reportingErrors {
            let directory = try SnapshotExporter.prepare(directory: out)
            let sizes = try layerSizes()
            let data = makeDataset()
            var session = try makeSession(sizes: sizes, data: data)
            print(
                "training \(session.modelDescription) on \(dataset.rawValue) (\(data.count) points, \(data.classCount) classes)"
            )
            print(
                "\(steps) steps of SGD, learning rate \(lr) falling linearly to \(lr / 10), L2 \(l2), engine \(engine.rawValue)"
            )

            // Compact and without scope boxes: an example graph of a 2-16-16-1 MLP has about
            // 1,000 values, which Graphviz lays out in about a second this way and 40 s with boxes.
            let exporter = SnapshotExporter(
                directory: directory, formats: [.svg],
                dotOptions: DOTOptions(style: .compact, groupsScopes: false),
                mermaidOptions: MermaidOptions(groupsScopes: false), renderLimit: 3_000)
            var files: [SnapshotExporter.PendingFile] = []
            var losses: [Double] = []
            var accuracies: [Double] = []
            let progress = ProgressReporter(steps: steps)
            for step in 0..<steps {
                if snapshotEvery > 0 && step % snapshotEvery == 0 {
                    files += try snapshot(of: session, at: step, exporter: exporter)
                }
                let report = session.step(learningRate: lr * (1 - 0.9 * Double(step) / Double(steps)))
                losses.append(report.loss)
                accuracies.append(report.accuracy)
                progress.report(step: step + 1, loss: report.loss, accuracy: report.accuracy)
            }
            let final = session.evaluate()
            losses.append(final.loss)
            accuracies.append(final.accuracy)
            if snapshotEvery > 0 { files += try snapshot(of: session, at: steps, exporter: exporter) }

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
            if !final.loss.isFinite {
                Terminal.warning(
                    "the loss is \(NumberFormat().format(final.loss)): training diverged; try a smaller --lr")
            }
        }
    }

    private func makeSession(sizes: [Int], data: ClassificationDataset) throws -> TrainingSession {
        switch engine {
        case .scalar:
            let model = MLP(sizes[0], Array(sizes.dropFirst()), seed: seed)
            return ScalarSession(trainer: ClassifierTrainer(model: model, dataset: data, l2Strength: l2))
        case .tensor:
            throw CLIError.usage("--engine tensor is not available yet")
        }
    }

    /// The graph of example 0's loss at `step`, as SVG (DOT if it is too big to lay out).
    private func snapshot(
        of session: TrainingSession, at step: Int, exporter: SnapshotExporter
    ) throws -> [SnapshotExporter.PendingFile] {
        let snapshot = session.exampleSnapshot(at: 0)
        let digits = String(steps).count
        let number = String(repeating: "0", count: max(0, digits - String(step).count)) + String(step)
        let name = "\(dataset.rawValue)-example0-step\(number)"
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
