/// Something in a network file that is allowed but probably a mistake, reported the way
/// compilers do; the program still builds.
///
/// ```
/// neuron.mg:4:7: warning: 'w3' is assigned but never used
///   param w3 = 0.5
///         ^
/// ```
public struct NetworkFileWarning: Equatable, CustomStringConvertible, Sendable {
    /// The file's name as the user gave it.
    public var source: String
    /// Where the questionable statement is.
    public var location: SourceLocation
    /// What looks wrong.
    public var message: String
    /// The line of text it is on.
    public var lineText: String

    /// Creates a warning.
    ///
    /// - Parameters:
    ///   - source: The file's name.
    ///   - location: Where the statement is.
    ///   - message: What looks wrong.
    ///   - lineText: The line it is on.
    public init(source: String, location: SourceLocation, message: String, lineText: String) {
        self.source = source
        self.location = location
        self.message = message
        self.lineText = lineText
    }

    /// `file:line:column: warning: message`, the line, and a caret under the column.
    public var description: String {
        "\(MessageText.escaped(source)):\(location.line):\(location.column): warning: \(message)\n"
            + SourceLocation.excerpt(of: lineText, at: location.column)
    }
}
