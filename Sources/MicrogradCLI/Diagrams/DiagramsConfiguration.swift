import Foundation

/// A folder's `micrograd-diagrams.conf`: options for every `.mg` file of the folder, and more
/// diagrams drawn by `micrograd snapshot` or `micrograd train` command lines.
///
/// ```
/// # Lines starting with # are comments.
/// --stage after --theme light          # options for every .mg file here (a file's own come after)
/// snapshot mlp --stage after           # one more diagram: a sample, drawn here
/// train moons --snapshot-every 0       # a training run's plots, drawn here
/// ```
struct DiagramsConfiguration: Equatable {
    /// The file's name, looked for in each folder that holds `.mg` files.
    static let fileName = "micrograd-diagrams.conf"

    /// The commands a configuration line may run.
    static let commands = ["snapshot", "train"]

    /// Options given to every `.mg` file of the folder, before the file's own.
    var options: [String] = []
    /// Further command lines (`snapshot mlp --stage after`), each drawn into the folder.
    var commandLines: [[String]] = []

    /// The configuration of `folder`, empty if it has no configuration file.
    ///
    /// - Throws: ``CLIError`` naming the file and line of a malformed line.
    static func read(in folder: URL) throws(CLIError) -> DiagramsConfiguration {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return DiagramsConfiguration() }
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw .failure("cannot read \(url.path) as UTF-8 text; check the file")
        }
        return try parse(text, path: url.path)
    }

    /// Parses a configuration file's text.
    ///
    /// - Throws: ``CLIError`` naming `path` and the line of a malformed line.
    static func parse(_ text: String, path: String) throws(CLIError) -> DiagramsConfiguration {
        var configuration = DiagramsConfiguration()
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = DiagramHeader.removingComment(rawLine)
            let words: [String]
            do {
                words = try OptionWords.split(line)
            } catch {
                throw .failure("\(path):\(index + 1): \(error.message)")
            }
            guard let first = words.first else { continue }
            if first.hasPrefix("-") {
                configuration.options += words
            } else if commands.contains(first) {
                configuration.commandLines.append(words)
            } else {
                throw .failure(
                    "\(path):\(index + 1): '\(first)' is neither an option (starting with -) nor a command "
                        + "(\(commands.joined(separator: " or "))); see `micrograd diagrams --help`")
            }
        }
        return configuration
    }
}
