import ArgumentParser
import Foundation
import Micrograd
import MicrogradLanguage
import MicrogradViz

/// `micrograd diagnose`: find gradient problems in a network and draw them on its diagram.
struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract:
            "Find gradient problems (vanishing, exploding, dead ReLU, saturated, NaN origin, unused) and draw them.",
        discussion: """
            Builds a sample or a .mg file and backpropagates, or trains an MLP on a dataset with any `train` option \
            (--model, --steps, --lr, --optimizer, --engine, --activation, --init, --init-gain, …) and backpropagates \
            the loss over every example. Then it prints each finding with its evidence and a hint, and the figures \
            of each layer, and writes DIR/<name>-diagnosis.svg: values and edges coloured by log10 |grad|, the \
            problems marked on their boxes and listed in the key. With --format html it also writes \
            DIR/<name>-diagnosis.html, a page to explore in a browser, the colours and the problems as layers and \
            the findings above the diagram. It exits with 0 whether or not it finds problems.

            Examples:
              micrograd diagnose mlp
              micrograd diagnose mlp --format html
              micrograd diagnose broken.mg --format json
              micrograd diagnose digits --model 64,64,64,10 --optimizer adam
              micrograd diagnose moons --activation sigmoid --model 2,16,16,16,16,16,16,16,1 --untrained
              micrograd diagnose moons --lr 50 --steps 20
            """
    )

    /// How the findings are given.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        /// Printed as a table.
        case table
        /// Printed as JSON.
        case json
        /// Printed as a table, and written as an interactive page, DIR/<name>-diagnosis.html.
        case html
    }

    @Argument(
        help: ArgumentHelp(
            "A sample name, the path of a .mg file, or a dataset (moons, circles, spiral, xor, blobs, digits).",
            valueName: "network"))
    var network: String

    @Option(
        help:
            "How to give the findings: table, json (the files written are then named on standard error), or html (the table, and DIR/<name>-diagnosis.html to explore in a browser)."
    )
    var format: Format = .table

    @Option(name: .shortAndLong, help: "The directory to write the diagram into; created if missing.")
    var out = "out"

    @Option(
        help: ArgumentHelp(
            "Formats of the diagram, separated by commas: svg, png, pdf, dot, html (an interactive page).",
            valueName: "formats"))
    var diagram = "svg"

    @Option(help: "Colours of the diagram.")
    var theme: Theme = .light

    @Option(help: "Direction of the diagram: LR (left to right) or TB (top to bottom).")
    var rankdir: RankDirection = .leftToRight

    @Option(help: "The colour scale: viridis or cividis.")
    var colorScale: GradientColorOptions.ScaleName = .viridis

    @Flag(help: "For a dataset: diagnose the network as initialised, without training it.")
    var untrained = false

    @OptionGroup var thresholds: GradientThresholdOptions

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "For a dataset: `micrograd train` options, such as --model 64,64,10 --lr 0.5.", visibility: .hidden))
    var trainingArguments: [String] = []

    mutating func validate() throws {
        try validateOut(out)
        do {
            let formats = try FormatList.parse(diagram, offered: [.svg, .png, .pdf, .dot, .html])
            if let other = formats.first(where: { $0.renderFormat == nil && $0 != .dot && $0 != .html }) {
                throw ValidationError("--diagram cannot be \(other.rawValue); use svg, png, pdf, dot or html")
            }
        } catch let error as CLIError {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        try reportingErrors {
            let directory = try SnapshotExporter.prepare(directory: out)
            let subject = try DiagnoseRun.Subject.make(
                network, trainingArguments: trainingArguments, untrained: untrained, options: thresholds.options)
            var diagrams = (try? FormatList.parse(diagram)) ?? []
            if format == .html && !diagrams.contains(.html) { diagrams.append(.html) }
            try DiagnoseRun(
                subject: subject, directory: directory, format: format, diagram: diagrams,
                theme: theme, rankDirection: rankdir, scale: colorScale.scale
            ).run()
        }
    }
}
