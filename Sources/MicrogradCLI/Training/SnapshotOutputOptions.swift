import ArgumentParser

/// How `train` writes the graph snapshots it takes every `--snapshot-every` steps: in
/// which formats, and whether it also draws how each changed from the one before.
struct SnapshotOutputOptions: ParsableArguments {
    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "Formats of the graph snapshots, separated by commas: svg, png, pdf, dot, json.",
            valueName: "formats"))
    var formatList: String = "svg"

    @Flag(
        help: """
            Also draw how each graph snapshot changed from the one before it (its data and gradients, old and new, \
            coloured by the change), as <name>-diff next to it.
            """)
    var diff = false

    /// The formats a snapshot can be written in by `train`.
    static let allowed: [OutputFormat] = [.svg, .png, .pdf, .dot, .json]

    mutating func validate() throws {
        do {
            let formats = try FormatList.parse(formatList)
            if let other = formats.first(where: { !Self.allowed.contains($0) }) {
                throw ValidationError(
                    "train cannot write its graph snapshots as \(other.rawValue); formats are svg, png, pdf, dot, json")
            }
        } catch let error as CLIError {
            throw ValidationError(error.message)
        }
    }

    /// The formats asked for (validated in ``validate()``).
    var formats: [OutputFormat] { (try? FormatList.parse(formatList)) ?? [.svg] }
}
