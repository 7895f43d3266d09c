import ArgumentParser
import MicrogradLanguage
import MicrogradViz

/// A file format the CLI writes a snapshot in.
enum OutputFormat: String, CaseIterable, Sendable {
    case svg, png, pdf, dot, json, mermaid, html

    /// The file extension.
    var fileExtension: String { self == .mermaid ? "mmd" : rawValue }

    /// The Graphviz format for images (not html, a page of its own).
    var renderFormat: RenderFormat? { self == .html ? nil : RenderFormat(rawValue: rawValue) }
}

/// `--format svg,png,dot`: one or more formats, separated by commas.
struct FormatList: ExpressibleByArgument, Sendable {
    let formats: [OutputFormat]

    init(_ formats: [OutputFormat]) {
        self.formats = formats
    }

    init?(argument: String) {
        guard let formats = try? Self.parse(argument) else { return nil }
        self.formats = formats
    }

    /// The formats in `text`, or an error naming the one that is not known.
    ///
    /// - Parameters:
    ///   - text: The list as typed.
    ///   - offered: The formats the command offers, which an unknown name's message lists (all by default).
    static func parse(_ text: String, offered: [OutputFormat] = OutputFormat.allCases) throws(CLIError)
        -> [OutputFormat]
    {
        var formats: [OutputFormat] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = piece.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = OutputFormat(rawValue: name == "mmd" ? "mermaid" : name) else {
                var message = "unknown format '\(name)'"
                if let nearest = Suggestions.nearest(to: name, in: offered.map(\.rawValue)) {
                    message += " (did you mean '\(nearest)'?)"
                }
                throw CLIError.usage(message + "; formats are " + offered.map(\.rawValue).joined(separator: ", "))
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }

    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }
}

/// Which snapshots to write.
enum Stage: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Before backward(): every gradient is zero.
    case before
    /// After backward().
    case after
    /// Both.
    case both
}

extension Theme: ExpressibleByArgument {}
extension DOTOptions.Style: ExpressibleByArgument {}

extension RankDirection: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }
}
