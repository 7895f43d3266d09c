/// A place in a network file or expression: 1-based line and column.
public struct SourceLocation: Equatable, Sendable {
    /// The line, from 1.
    public var line: Int
    /// The column in characters, from 1.
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A problem found in a network file or expression, reported the way compilers do:
///
/// ```
/// neuron.mg:7:14: error: undefined name 'w3' (did you mean 'w2'?)
///   n = x1*w1 + w3
///               ^
/// ```
public struct NetworkFileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file's name as the user gave it, or `<expression>`.
    public var source: String
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong and what was expected.
    public var message: String
    /// The line of text the problem is on.
    public var lineText: String

    /// `file:line:column: error: message`, the line, and a caret under the column.
    public var description: String {
        "\(MessageText.escaped(source)):\(location.line):\(location.column): error: \(message)\n"
            + SourceLocation.excerpt(of: lineText, at: location.column)
    }
}

extension SourceLocation {
    /// The most characters of a line a message shows; longer lines are cut around the column.
    static let maximumExcerptLength = 120

    /// Two indented lines: the text of a line, and a caret under `column`.
    ///
    /// Control characters in the line are escaped as ``MessageText/escaped(_:)`` does, and a
    /// line longer than ``maximumExcerptLength`` characters is cut to a window around the
    /// column, marked with `…`, so that a message stays short whatever the file holds.
    ///
    /// - Parameters:
    ///   - lineText: The line, as the file has it.
    ///   - column: The 1-based column to point at; one past the end points after the line.
    static func excerpt(of lineText: String, at column: Int) -> String {
        let characters = Array(lineText)
        let target = min(max(column - 1, 0), characters.count)
        var start = 0
        var end = characters.count
        if characters.count > maximumExcerptLength {
            start = max(0, target - maximumExcerptLength / 2)
            end = min(characters.count, start + maximumExcerptLength)
            start = max(0, end - maximumExcerptLength)
        }
        let opening = start > 0 ? "…" : ""
        let closing = end < characters.count ? "…" : ""
        let shown = opening + MessageText.escaped(String(characters[start..<end])) + closing
        // The caret goes under the column; tabs stay tabs so that it lines up.
        let before = opening + MessageText.escaped(String(characters[start..<target]))
        let prefix = String(before.map { $0 == "\t" ? "\t" : " " })
        return "  \(shown)\n  \(prefix)^"
    }
}
