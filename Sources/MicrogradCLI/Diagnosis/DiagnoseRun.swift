import ArgumentParser
import Foundation
import Micrograd
import MicrogradLanguage
import MicrogradViz

/// What `micrograd diagnose` does once its command line is read: analyse a graph, print
/// the findings, and write the annotated diagram.
struct DiagnoseRun {
    /// A graph after backward(), ready to analyse and draw.
    struct Subject {
        /// The name files are given.
        let name: String
        /// What the report's first line calls it.
        let description: String
        /// The graph analysed.
        let snapshot: GraphSnapshot
        /// Its analysis.
        let flow: GradientFlow
        /// The graph drawn, with its own analysis, when the analysed one is too big to lay out.
        let drawn: (snapshot: GraphSnapshot, flow: GradientFlow, note: String)?
        /// The order backward() took through the graph drawn, for the page's backward steps.
        let backwardOrder: [Int]?

        /// Builds and backpropagates a sample, a network file, or a trained dataset's loss.
        static func make(
            _ argument: String, trainingArguments: [String], untrained: Bool, options: GradientFlowOptions
        ) throws -> Subject {
            if TrainCommand.Recipe(rawValue: argument) != nil && argument != "linear-regression" {
                return try dataset(
                    argument, trainingArguments: trainingArguments, untrained: untrained, options: options)
            }
            if let unknown = trainingArguments.first {
                throw CLIError.usage(
                    "unknown option '\(unknown)'; training options such as --lr only apply when the network is a dataset"
                )
            }
            if untrained { throw CLIError.usage("--untrained only applies when the network is a dataset") }
            let (name, network) = try SnapshotCommand.build(argument)
            network.output.backward()
            let snapshot = network.output.snapshot()
            let flow = GradientFlow(snapshot, options: options, unusedLeaves: unusedLeaves(of: network))
            return Subject(
                name: name, description: "\(name) (\(snapshot.nodes.count) values)", snapshot: snapshot, flow: flow,
                drawn: nil, backwardOrder: network.output.backwardOrder())
        }

        /// Trains an MLP as `micrograd train` would, then backpropagates the loss over every example.
        private static func dataset(
            _ name: String, trainingArguments: [String], untrained: Bool, options: GradientFlowOptions
        ) throws -> Subject {
            let command: TrainCommand
            do {
                command = try TrainCommand.parse([name] + trainingArguments)
            } catch {
                throw CLIError.usage(TrainCommand.message(for: error))
            }
            let sizes = try command.layerSizes()
            let data = command.makeDataset()
            let model = command.diagnosis.makeModel(sizes: sizes, seed: command.chosenSeed, dataset: name)
            let optimizer = command.optimizer.make(learningRate: command.baseLearningRate)
            let schedule = command.scheduleName.schedule(steps: command.steps)
            let l2 = command.l2 ?? 1e-4
            let steps = untrained ? 0 : command.steps
            switch command.chosenEngine {
            case .scalar:
                var trainer = Trainer(
                    task: ClassificationTask(model: model, dataset: data, l2Strength: l2), optimizer: optimizer,
                    schedule: schedule)
                for _ in 0..<steps { trainer.step() }
                return analyse(trainer.task, name: name, steps: steps, options: options)
            case .tensor:
                var trainer = Trainer(
                    task: TensorClassificationTask(model: TensorMLP(copying: model), dataset: data, l2Strength: l2),
                    optimizer: optimizer, schedule: schedule)
                for _ in 0..<steps { trainer.step() }
                return analyse(trainer.task, name: name, steps: steps, options: options)
            }
        }

        private static func analyse<Task: ClassifyingTask>(
            _ task: Task, name: String, steps: Int, options: GradientFlowOptions
        ) -> Subject {
            let parameters = task.parameters()
            for parameter in parameters { parameter.zeroGrad() }
            let (loss, _) = task.loss()
            loss.backward()
            let snapshot = loss.snapshot()
            let leaves = parameters.compactMap { $0 as? any GraphValue }
            let unused = LeafReachability.unusedLeaves(leaves, root: loss).map { index in
                GradientFlow.UnusedLeaf(name: leafName(leaves[index]), role: .parameter)
            }
            let flow = GradientFlow(snapshot, options: options, unusedLeaves: unused)
            let trained = steps == 0 ? "as initialised" : "after \(steps) steps"
            let description =
                "\(task.modelDescription) on \(name), \(trained): the loss over \(task.dataset.count) examples "
                + "(\(snapshot.nodes.count) values)"
            var drawn: (GraphSnapshot, GradientFlow, String)?
            var backwardOrder = loss.backwardOrder()
            if snapshot.nodes.count > DiagnoseRun.drawLimit {
                let (example, exampleOrder) = task.diagramSnapshotWithBackwardOrder()
                backwardOrder = exampleOrder
                drawn = (
                    example, GradientFlow(example, options: options),
                    "the loss graph has \(snapshot.nodes.count) values, too many to lay out; the diagram shows "
                        + "example 0's loss, analysed on its own"
                )
            }
            for parameter in parameters { parameter.zeroGrad() }
            return Subject(
                name: name, description: description, snapshot: snapshot, flow: flow, drawn: drawn,
                backwardOrder: backwardOrder)
        }

        private static func leafName(_ value: any GraphValue) -> String {
            let label = value.label ?? "parameter"
            return value.scope.isEmpty ? label : value.scope + "/" + label
        }
    }

    /// The largest graph drawn; bigger ones take Graphviz very long to lay out.
    static let drawLimit = 3_000

    let subject: Subject
    let directory: URL
    let format: DiagnoseCommand.Format
    let diagram: [OutputFormat]
    let theme: Theme
    let rankDirection: RankDirection
    let scale: ColorScale

    /// The inputs and parameters of `network` that its output is not computed from.
    static func unusedLeaves(of network: Network) -> [GradientFlow.UnusedLeaf] {
        LeafReachability.unusedLeaves(network.leaves.map(\.value), root: network.output).map { index in
            GradientFlow.UnusedLeaf(name: network.leaves[index].name, role: network.leaves[index].value.role)
        }
    }

    func run() throws {
        let (snapshot, flow) = subject.drawn.map { ($0.snapshot, $0.flow) } ?? (subject.snapshot, subject.flow)
        let marks = GradientMarks(snapshot, scale: scale, flow: flow)
        let overlay = marks.overlay(theme: theme)
        var options = DOTOptions(rankDirection: rankDirection, theme: theme, groupsScopes: true)
        // Big graphs keep their scope boxes, laid out with the settings that keep Graphviz fast.
        options.layoutTuning = LayoutPlan(nodeCount: snapshot.nodes.count, drawsScopes: true).tuning
        var exporter = SnapshotExporter(
            directory: directory, formats: diagram, dotOptions: options, mermaidOptions: MermaidOptions(),
            renderLimit: Self.drawLimit)
        if diagram.contains(.html) {
            exporter.viewerExtras = ViewerExtras(
                backwardOrder: subject.backwardOrder, layers: marks.layers(areOn: true), notes: pageNotes())
        }
        let files = try exporter.files(for: snapshot, baseName: subject.name + "-diagnosis", overlay: overlay)
        let written = try SnapshotExporter.write(files)
        switch format {
        case .json:
            print(subject.flow.json(), terminator: "")
            for path in written { Terminal.standardError("wrote " + path + "\n") }
        case .table, .html:
            for path in written { print("wrote " + path) }
            if let note = subject.drawn?.note { print("(" + note + ")") }
            print()
            printReport()
        }
    }

    /// The report as the page's notes: what was analysed, then each finding with its evidence and hint.
    private func pageNotes() -> [String] {
        let flow = subject.flow
        let count = flow.findings.count
        var notes = [
            count == 0
                ? "No gradient problems found in \(subject.description)."
                : "\(count) finding\(count == 1 ? "" : "s") in \(subject.description):"
        ]
        if let note = subject.drawn?.note { notes.append("(" + note + ")") }
        for finding in flow.findings {
            notes.append("\(finding.kind.title) at \(finding.place): \(finding.evidence). Hint: \(finding.hint)")
        }
        return notes
    }

    private func printReport() {
        let flow = subject.flow
        let count = flow.findings.count
        print(
            count == 0
                ? "no gradient problems found in \(subject.description)"
                : "\(count) finding\(count == 1 ? "" : "s") in \(subject.description):")
        if count > 0 {
            print()
            let rows = flow.findings.map { [$0.kind.title, $0.place, $0.evidence] }
            let widths = (0..<2).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for (finding, row) in zip(flow.findings, rows) {
                print(
                    row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  "
                        + row[1].padding(toLength: widths[1], withPad: " ", startingAt: 0) + "  " + row[2])
                print(String(repeating: " ", count: widths[0] + widths[1] + 4) + "hint: " + finding.hint)
            }
        }
        guard !flow.layers.isEmpty else { return }
        print()
        var table = [
            [
                "layer", "param |grad| norm", "mean |grad|", "output grad RMS", "activation", "mean", "std",
                "saturated", "dead",
            ]
        ]
        for layer in flow.layers {
            let activations = layer.activations
            let function = activations?.function
            table.append([
                layer.path, ReportNumber.text(layer.parameterGradient.norm),
                ReportNumber.text(layer.parameterGradient.mean), ReportNumber.text(layer.outputGradientRMS),
                function?.symbol ?? (activations == nil ? "-" : "mixed"),
                activations.map { ReportNumber.text($0.mean) } ?? "-",
                activations.map { ReportNumber.text($0.standardDeviation) } ?? "-",
                function.map(ActivationStatistics.saturates) == true
                    ? ReportNumber.percent(activations!.saturatedFraction) : "-",
                function == .relu ? "\(activations!.deadUnits)/\(activations!.unitCount)" : "-",
            ])
        }
        let widths = table[0].indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            print(
                row.enumerated().map { column, cell in
                    column == 0 || column == 4
                        ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[column] - cell.count) + cell
                }.joined(separator: "  "))
        }
    }
}
