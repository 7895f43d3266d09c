import ArgumentParser
import Foundation
import MicrogradViz

/// The options `snapshot` and `expr` share: where to write, in which formats, and how diagrams look.
struct DiagramOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help:
            "The directory to write into; created if missing. With -, the one file of one --stage and one --format goes to standard output."
    )
    var out: String = "out"

    @Option(
        help: ArgumentHelp(
            "Formats to write, separated by commas: svg, png, pdf, dot, json, mermaid, html (a page to explore the graph in a browser).",
            valueName: "formats"))
    var format: String = "svg,dot"

    @Option(help: "Which snapshots to write: before backward(), after it, or both.")
    var stage: Stage = .both

    @Option(help: "Direction of the diagram: LR (left to right) or TB (top to bottom).")
    var rankdir: RankDirection = .leftToRight

    @Option(help: "Colours of the diagram.")
    var theme: Theme = .light

    // Numbers take the next argument even when it starts with '-', so that `--precision -1`
    // reaches validate() and its message rather than the parser's "missing value".
    @Option(parsing: .unconditional, help: "Digits after the decimal point in diagrams (0-12).")
    var precision: Int = 4

    @Option(help: "record: a box per value and a node per operation; compact: the operation inside the value's box.")
    var style: DOTOptions.Style = .record

    @Option(
        help: """
            Draw module scopes as boxes: on, off, or auto (on; big graphs are laid out with settings that keep \
            Graphviz fast with boxes, see --layout).
            """)
    var scopes: ScopeBoxes = .auto

    @Option(
        parsing: .unconditional,
        help: "The largest graph (in values) drawn as svg, png or pdf; bigger ones take Graphviz very long to lay out.")
    var renderLimit: Int = 3_000

    @OptionGroup var coloring: GradientColorOptions

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "In json, write tensors of more than N elements as a summary (count, mean, min, max, norm) instead of every element.",
            valueName: "n"))
    var jsonSummaryAbove: Int?

    @OptionGroup var naming: NameOptions

    /// When scope boxes are drawn.
    enum ScopeBoxes: String, CaseIterable, ExpressibleByArgument {
        case auto, on, off
    }

    mutating func validate() throws {
        try validateOut(out)
        guard (0...12).contains(precision) else {
            throw ValidationError("--precision must be between 0 and 12, not \(precision)")
        }
        guard renderLimit > 0 else { throw ValidationError("--render-limit must be positive, not \(renderLimit)") }
        if let jsonSummaryAbove, jsonSummaryAbove < 0 {
            throw ValidationError("--json-summary-above must be zero or positive, not \(jsonSummaryAbove)")
        }
        do {
            _ = try FormatList.parse(format)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// The requested formats (validated in ``validate()``).
    var formats: [OutputFormat] { (try? FormatList.parse(format)) ?? [] }

    /// The look of diagrams of a graph of `valueCount` values.
    func dotOptions(valueCount: Int) -> DOTOptions {
        DOTOptions(
            style: style, precision: precision, rankDirection: rankdir, theme: theme,
            groupsScopes: drawsScopes(valueCount: valueCount), names: naming.names)
    }

    /// Whether scope boxes are drawn for a graph of `valueCount` values.
    func drawsScopes(valueCount: Int) -> Bool {
        switch scopes {
        case .on: true
        case .off: false
        case .auto: true
        }
    }

    /// How JSON is written.
    var jsonOptions: JSONOptions { JSONOptions(summarizingAbove: jsonSummaryAbove) }

    /// The look of Mermaid flowcharts of a graph of `valueCount` values.
    func mermaidOptions(valueCount: Int) -> MermaidOptions {
        MermaidOptions(precision: precision, rankDirection: rankdir, groupsScopes: drawsScopes(valueCount: valueCount))
    }
}
