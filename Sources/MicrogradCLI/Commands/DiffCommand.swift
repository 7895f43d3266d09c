import ArgumentParser
import Foundation
import Micrograd
import MicrogradViz

/// `micrograd diff`: how the numbers of one graph changed between two JSON snapshots.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Draw how a graph's data and gradients changed between two JSON snapshots of it.",
        discussion: """
            Reads two snapshots of the same graph written as JSON (micrograd snapshot --format json, or \
            micrograd train --format json), for example two training steps, and draws the second with each value's \
            old and new data and gradient. A box's fill shows how its data changed (its mean, for a tensor), its \
            border how the size of its gradient changed, on a blue (down) to red (up) scale with steps at 0.1%, 1% \
            and 10% of the old size. Then prints each parameter's changes.

            The two graphs must have the same structure: the same operations, inputs, shapes, roles, labels and \
            scopes, node for node; otherwise the first difference is reported.

            Examples:
              micrograd train moons --snapshot-every 25 --format json
              micrograd diff out/moons-example0-step000.json out/moons-example0-step025.json
            """
    )

    @Argument(help: ArgumentHelp("The earlier snapshot, a .json file.", valueName: "old.json"))
    var old: String

    @Argument(help: ArgumentHelp("The later snapshot, a .json file of the same graph.", valueName: "new.json"))
    var new: String

    @Option(name: .shortAndLong, help: "The directory to write into; created if missing.")
    var out: String = "out"

    @Option(help: "The base name of the files written.")
    var name: String = "diff"

    @Option(help: ArgumentHelp("Formats to write, separated by commas: svg, png, pdf, dot.", valueName: "formats"))
    var format: String = "svg"

    @Option(help: "Direction of the diagram: LR (left to right) or TB (top to bottom).")
    var rankdir: RankDirection = .leftToRight

    @Option(help: "Colours of the diagram.")
    var theme: Theme = .light

    @Option(parsing: .unconditional, help: "Digits after the decimal point in diagrams (0-12).")
    var precision: Int = 4

    @Option(help: "Draw module scopes as boxes: on, off, or auto (on; big graphs are laid out with faster settings).")
    var scopes: DiagramOptions.ScopeBoxes = .auto

    @Option(
        parsing: .unconditional,
        help: "The largest graph (in values) drawn as svg, png or pdf; bigger ones take Graphviz very long to lay out.")
    var renderLimit: Int = 3_000

    @OptionGroup var naming: NameOptions

    mutating func validate() throws {
        try validateOut(out)
        guard (0...12).contains(precision) else {
            throw ValidationError("--precision must be between 0 and 12, not \(precision)")
        }
        guard renderLimit > 0 else { throw ValidationError("--render-limit must be positive") }
        guard !name.isEmpty, !name.contains("/") else {
            throw ValidationError("--name must be a file name, not empty and without '/'")
        }
        do {
            let formats = try FormatList.parse(format)
            if let other = formats.first(where: { !ComparisonExporter.formats.contains($0) }) {
                throw ValidationError(
                    "a comparison is a diagram, so it cannot be written as \(other.rawValue); formats are svg, png, pdf, dot"
                )
            }
        } catch let error as CLIError {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        try reportingErrors {
            let directory = try SnapshotExporter.prepare(directory: out)
            let before = try Self.read(old)
            let after = try Self.read(new)
            let comparison: SnapshotComparison
            do throws(StructureMismatch) {
                comparison = try SnapshotComparison(from: before, to: after)
            } catch {
                throw CLIError.failure(
                    "'\(old)' and '\(new)' are not snapshots of the same graph: \(error.description)")
            }
            let drawsScopes: Bool
            switch scopes {
            case .on: drawsScopes = true
            case .off: drawsScopes = false
            case .auto: drawsScopes = true
            }
            var options = DOTOptions(
                precision: precision, rankDirection: rankdir, theme: theme, groupsScopes: drawsScopes,
                names: naming.names)
            // Big graphs keep their scope boxes, laid out with the settings that keep Graphviz fast.
            options.layoutTuning = LayoutPlan(nodeCount: after.nodes.count, drawsScopes: drawsScopes).tuning
            let files = try ComparisonExporter.files(
                for: comparison, baseName: name, formats: (try? FormatList.parse(format)) ?? [.svg], options: options,
                directory: directory, renderLimit: renderLimit, finish: ImageFinish(theme: theme))
            for path in try SnapshotExporter.write(files) { print("wrote " + path) }
            printParameters(comparison)
        }
    }

    /// Reads a JSON snapshot, or fails saying why.
    static func read(_ path: String) throws(CLIError) -> GraphSnapshot {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .failure("cannot read '\(path)': \(unreadableReason(path)); check the path")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .failure("'\(path)' is not UTF-8 text; give a JSON snapshot written by micrograd")
        }
        do throws(GraphJSONError) {
            return try GraphSnapshot(json: text)
        } catch {
            throw .failure(
                "'\(path)' is not a snapshot in micrograd's JSON format: \(error.description); write one with "
                    + "`micrograd snapshot --format json`")
        }
    }

    /// A table of each parameter's changes.
    private func printParameters(_ comparison: SnapshotComparison) {
        let parameters = comparison.new.nodes.filter { $0.role == .parameter }
        guard !parameters.isEmpty else { return }
        var rows = [["parameter", "data change", "grad change"]]
        for node in parameters {
            let name = [node.scopePath, node.label ?? "value \(node.id)"].filter { !$0.isEmpty }.joined(separator: "/")
            let change = comparison.changes[node.id]
            rows.append([
                name, SnapshotComparison.percent(change.dataChange), SnapshotComparison.percent(change.gradChange),
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        print()
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == 0
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            print(cells.joined(separator: "  "))
        }
    }
}
