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
        // The caret goes under the column; tabs stay tabs so it lines up.
        let prefix = lineText.prefix(max(location.column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(source):\(location.line):\(location.column): error: \(message)\n  \(lineText)\n  \(prefix)^"
    }
}
