/// One piece of a network file.
struct Token: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case number(Double)
        case name(String)
        case plus, minus, star, slash, power, leftParenthesis, rightParenthesis, comma, equals
        case newline
        case end
    }

    var kind: Kind
    var location: SourceLocation
    /// The characters the token was read from, for messages.
    var text: String
}

extension Token {
    /// How the token reads in a message, operators as the user spelled them (`'**'`).
    var described: String {
        switch kind {
        case .number, .name, .newline, .end: kind.described
        default: MessageText.quoted(text)
        }
    }
}

extension Token.Kind {
    /// How the token reads in a message: `'+'`, `the number 3.0`, `the end of the line`.
    var described: String {
        switch self {
        case .number(let value): "the number \(value)"
        case .name(let name): MessageText.quoted(name)
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .power: "'^'"
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .comma: "','"
        case .equals: "'='"
        case .newline: "the end of the line"
        case .end: "the end of the file"
        }
    }
}
