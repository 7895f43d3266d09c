/// A place in a network file or expression: 1-based line and column.
struct SourceLocation: Equatable, Sendable {
    var line: Int
    var column: Int
}

/// A problem found in a network file or expression, reported the way compilers do:
///
/// ```
/// neuron.mg:7:14: error: undefined name 'w3' (did you mean 'w2'?)
///   n = x1*w1 + w3
///               ^
/// ```
struct NetworkFileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file's name as the user gave it, or `<expression>`.
    var source: String
    /// Where the problem is.
    var location: SourceLocation
    /// What is wrong and what was expected.
    var message: String
    /// The line of text the problem is on.
    var lineText: String

    var description: String {
        // The caret goes under the column; tabs stay tabs so it lines up.
        let prefix = lineText.prefix(max(location.column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(source):\(location.line):\(location.column): error: \(message)\n  \(lineText)\n  \(prefix)^"
    }
}
