import ArgumentParser
import Foundation
import Micrograd
import MicrogradLanguage
import MicrogradViz

/// `micrograd snapshot`: a network's graph before and after backward().
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Build a sample or a .mg network file and write its graph before and after backward().",
        discussion: """
            Writes DIR/<name>-before.<ext> (every gradient zero) and DIR/<name>-after.<ext>, prints each path, \
            then a table of the output's, inputs' and parameters' data and gradients. With --out - the one file \
            of one --stage and one --format goes to standard output, and the table to standard error.

            Examples:
              micrograd snapshot neuron
              micrograd snapshot my-lecture.mg --format svg,png --theme dark --out slides
              micrograd snapshot neuron --stage after --format dot --out - | dot -Tpng > neuron.png
            """
    )

    @Argument(
        help: ArgumentHelp("A sample name (see `micrograd samples`) or the path of a .mg file.", valueName: "network"))
    var network: String

    @OptionGroup var diagram: DiagramOptions
    @OptionGroup(title: "Teaching") var teaching: TeachingOptions
    @OptionGroup(title: "Slides") var slides: SlideOptions
    @OptionGroup(title: "Big graphs") var view: ViewOptions
    @OptionGroup var layout: LayoutOptions

    func run() throws {
        try reportingErrors {
            let (name, built) = try Self.build(network)
            try SnapshotRun(
                name: name, network: built, options: diagram, teaching: teaching, slides: slides, view: view,
                layout: layout
            ).run()
        }
    }

    /// The most warnings printed for one file; the rest are counted.
    static let maximumWarnings = 20

    /// Builds a sample by name, or a network file by path.
    static func build(_ argument: String) throws -> (name: String, network: Network) {
        if let sample = SampleCatalogue.named(argument) {
            return (sample.name, try sample.build())
        }
        let looksLikePath =
            argument.contains("/") || argument.hasSuffix(".mg")
            || FileManager.default.fileExists(atPath: argument)
        guard looksLikePath else {
            var message = "unknown sample \(MessageText.quoted(argument))"
            if let nearest = Suggestions.nearest(to: argument, in: SampleCatalogue.all.map(\.name)) {
                message += " (did you mean '\(nearest)'?)"
            }
            message +=
                "; the samples are " + SampleCatalogue.all.map(\.name).joined(separator: ", ")
                + ", or give the path of a .mg file"
            throw CLIError.usage(message)
        }
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: argument))
            guard data.count <= NetworkProgram.maximumFileBytes else {
                throw CLIError.failure(
                    "\(MessageText.quoted(argument)) is larger than 1 MB; network files are meant to be short")
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CLIError.failure("\(MessageText.quoted(argument)) is not UTF-8 text; save it as UTF-8")
            }
            text = decoded
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.failure(
                "cannot read \(MessageText.quoted(argument)): \(unreadableReason(argument)); check the path")
        }
        let program = try NetworkProgram(text: text, source: argument)
        let name = URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent
        let network = try program.build()
        for warning in program.warnings.prefix(maximumWarnings) { Terminal.standardError(warning.description + "\n") }
        if program.warnings.count > maximumWarnings {
            Terminal.warning("\(program.warnings.count - maximumWarnings) more warnings not shown")
        }
        return (name, network)
    }
}

/// Builds snapshots of one network, writes them, and prints what it did.
struct SnapshotRun {
    let name: String
    let network: Network
    let options: DiagramOptions
    let teaching: TeachingOptions
    let slides: SlideOptions
    let view: ViewOptions
    let layout: LayoutOptions

    func run() throws {
        // `--out -`: one file to standard output, everything else printed to standard error.
        let toStandardOutput = StandardOutput.isRequested(options.out)
        if toStandardOutput {
            try StandardOutput.checkOneFile(baseName: name, formats: options.formats, stage: options.stage)
        }
        let report: (String) -> Void =
            toStandardOutput ? { Terminal.standardError($0 + "\n") } : { print($0) }
        let directory =
            toStandardOutput
            ? URL(fileURLWithPath: StandardOutput.path) : try SnapshotExporter.prepare(directory: options.out)
        let diagrams = TeachingDiagrams(name: name, network: network, teaching: teaching, slides: slides)
        let before = diagrams.prepare(network.output.snapshot())
        let valueCount = before.nodes.count
        let plan = try DiagramPlan(
            snapshot: before, view: view, look: diagrams.dotOptions(options.dotOptions(valueCount: valueCount)),
            scopes: options.scopes == .auto ? nil : options.scopes == .on, requestedLayout: layout.layout)
        for note in plan.notes { Terminal.standardError(note + "\n") }
        var exporter = SnapshotExporter(
            directory: directory, formats: options.formats, dotOptions: plan.dotOptions,
            mermaidOptions: options.mermaidOptions(valueCount: valueCount), jsonOptions: options.jsonOptions,
            renderLimit: options.renderLimit)
        exporter.finish = ImageFinish(slides: slides, theme: options.theme)
        exporter.scopeBoxLimit = options.scopeBoxLimit
        network.output.backward()
        let after = diagrams.prepare(network.output.snapshot())
        let backwardOrder = network.output.backwardOrder()
        let check = try diagrams.gradientCheck()
        let showsGradients = options.coloring.color == .grad
        // The gradient view, made once: merged into images with --color grad, layers of html pages.
        let gradientMarks =
            showsGradients || options.formats.contains(.html)
            ? GradientMarks(
                after, scale: options.coloring.colorScale.scale,
                flow: GradientFlow(after, unusedLeaves: DiagnoseRun.unusedLeaves(of: network)))
            : nil
        // Each file goes to disk as it is made; they all appear at the end, or none.
        let output = OutputTransaction()
        var files: [URL] = []
        var inMemory: [SnapshotExporter.PendingFile] = []
        for (stage, snapshot) in [(Stage.before, before), (.after, after)]
        where options.stage == .both || options.stage == stage {
            var overlay = diagrams.overlay(
                for: snapshot, options: exporter.dotOptions, check: stage == .after ? check : nil)
            if stage == .after, showsGradients, let gradientMarks {
                overlay = overlay.merging(gradientMarks.overlay(theme: options.theme))
            }
            exporter.viewerExtras =
                stage == .after
                ? ViewerExtras(backwardOrder: backwardOrder, layers: gradientMarks?.layers(areOn: showsGradients) ?? [])
                : ViewerExtras()
            let diagram = plan.diagram(of: snapshot)
            let baseName = name + "-" + stage.rawValue
            let title = diagrams.title(stage: stage)
            let description = diagrams.description(of: snapshot, stage: stage, check: check)
            if toStandardOutput {
                inMemory += try exporter.files(
                    for: diagram, baseName: baseName, overlay: overlay, title: title, description: description)
            } else {
                files += try exporter.stage(
                    diagram, baseName: baseName, overlay: overlay, title: title, description: description,
                    into: output)
            }
        }
        if toStandardOutput {
            for file in inMemory { try StandardOutput.write(file.data) }
        } else {
            for path in try SnapshotExporter.commit(output, files: files) { print("wrote " + path) }
            print()
        }
        printTable(report)
        if let check {
            report("")
            for line in diagrams.checkTable(check, names: ValueNames(after), precision: options.precision) {
                report(line)
            }
            if teaching.strict && !check.passes {
                throw CLIError.failure(
                    "the gradient check failed for \(check.mismatches.count) of \(check.leaves.count) leaves (--strict)"
                )
            }
        }
        if !network.output.scalar.isFinite {
            Terminal.warning(
                "\(network.outputName) is \(NumberFormat().format(network.output.scalar)): an operation got an input outside its "
                    + "domain (log or a fractional power of a negative number, division by zero, exp overflow)")
        }
    }

    /// The network's table: the output and every input and parameter, one line each, each given to `report`.
    private func printTable(_ report: (String) -> Void) {
        let table = ResultsTable.rows(of: network, format: NumberFormat(precision: options.precision))
        for line in ResultsTable.lines(table.rows, textColumns: table.textColumns) { report(line) }
    }
}
