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
            then a table of the output's, inputs' and parameters' data and gradients.

            Examples:
              micrograd snapshot neuron
              micrograd snapshot my-lecture.mg --format svg,png --theme dark --out slides
            """
    )

    @Argument(
        help: ArgumentHelp("A sample name (see `micrograd samples`) or the path of a .mg file.", valueName: "network"))
    var network: String

    @OptionGroup var diagram: DiagramOptions
    @OptionGroup(title: "Big graphs") var view: ViewOptions
    @OptionGroup var layout: LayoutOptions

    func run() throws {
        try reportingErrors {
            let (name, built) = try Self.build(network)
            try SnapshotRun(name: name, network: built, options: diagram, view: view, layout: layout).run()
        }
    }

    /// Builds a sample by name, or a network file by path.
    static func build(_ argument: String) throws -> (name: String, network: Network) {
        if let sample = SampleCatalogue.named(argument) {
            return (sample.name, try sample.build())
        }
        let looksLikePath =
            argument.contains("/") || argument.hasSuffix(".mg")
            || FileManager.default.fileExists(atPath: argument)
        guard looksLikePath else {
            var message = "unknown sample '\(argument)'"
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
                throw CLIError.failure("'\(argument)' is larger than 1 MB; network files are meant to be short")
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CLIError.failure("'\(argument)' is not UTF-8 text; save it as UTF-8")
            }
            text = decoded
        } catch let error as CLIError {
            throw error
        } catch {
            let reason = FileManager.default.fileExists(atPath: argument) ? "it cannot be read" : "no such file"
            throw CLIError.failure("cannot read '\(argument)': \(reason); check the path")
        }
        let program = try NetworkProgram(text: text, source: argument)
        let name = URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent
        return (name, try program.build())
    }
}

/// Builds snapshots of one network, writes them, and prints what it did.
struct SnapshotRun {
    let name: String
    let network: Network
    let options: DiagramOptions
    let view: ViewOptions
    let layout: LayoutOptions

    func run() throws {
        let directory = try SnapshotExporter.prepare(directory: options.out)
        let before = network.output.snapshot()
        let valueCount = before.nodes.count
        let plan = try DiagramPlan(
            snapshot: before, view: view, look: options.dotOptions(valueCount: valueCount),
            scopes: options.scopes == .auto ? nil : options.scopes == .on, requestedLayout: layout.layout)
        for note in plan.notes { Terminal.standardError(note + "\n") }
        let exporter = SnapshotExporter(
            directory: directory, formats: options.formats, dotOptions: plan.dotOptions,
            mermaidOptions: options.mermaidOptions(valueCount: valueCount), jsonOptions: options.jsonOptions,
            renderLimit: options.renderLimit)
        network.output.backward()
        let after = network.output.snapshot()
        var files: [SnapshotExporter.PendingFile] = []
        if options.stage != .after {
            files += try exporter.files(for: plan.diagram(of: before), baseName: name + "-before")
        }
        if options.stage != .before {
            files += try exporter.files(for: plan.diagram(of: after), baseName: name + "-after")
        }
        for path in try SnapshotExporter.write(files) { print("wrote " + path) }
        print()
        printTable()
        if !network.output.scalar.isFinite {
            Terminal.warning(
                "\(network.outputName) is \(NumberFormat().format(network.output.scalar)): an operation got an input outside its "
                    + "domain (log or a fractional power of a negative number, division by zero, exp overflow)")
        }
    }

    /// The network's table: the output and every input and parameter.
    private func printTable() {
        let (rows, textColumns) = ResultsTable.rows(of: network, format: NumberFormat(precision: options.precision))
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column < textColumns
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            print(cells.joined(separator: "  "))
        }
    }
}
