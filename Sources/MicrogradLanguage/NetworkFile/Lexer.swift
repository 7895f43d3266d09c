/// Splits network-file text into tokens. `#` starts a comment to the end of the
/// line; `**` is the same as `^`. Lines end with LF, CR LF or CR, and a UTF-8
/// byte-order mark at the start is skipped, so files saved by any editor read the same.
struct Lexer {
    private let lines: [Substring]
    let source: String

    /// Prepares to read `text`.
    ///
    /// - Parameters:
    ///   - text: The whole file or expression.
    ///   - source: Its name for messages.
    init(text: String, source: String) {
        // Swift reads CR LF as one Character, "\r\n", which is neither "\n" nor "\r".
        let body = text.first == "\u{FEFF}" ? text.dropFirst() : Substring(text)
        self.lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        self.source = source
    }

    /// The text of a 1-based line, for messages.
    func lineText(_ line: Int) -> String {
        lines.indices.contains(line - 1) ? String(lines[line - 1]) : ""
    }

    /// An error at `location`.
    func error(_ message: String, at location: SourceLocation) -> NetworkFileError {
        NetworkFileError(source: source, location: location, message: message, lineText: lineText(location.line))
    }

    /// Every token, each line ending with `.newline`, the whole ending with `.end`.
    func tokens() throws(NetworkFileError) -> [Token] {
        var tokens: [Token] = []
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            let characters = Array(line)
            var position = 0
            while position < characters.count {
                let character = characters[position]
                let location = SourceLocation(line: lineNumber, column: position + 1)
                if character == "#" { break }
                if character == " " || character == "\t" {
                    position += 1
                    continue
                }
                if character.isNumber
                    || (character == "." && position + 1 < characters.count && characters[position + 1].isNumber)
                {
                    var end = position
                    while end < characters.count,
                        characters[end].isNumber || characters[end] == "." || characters[end].isLetter
                            || ((characters[end] == "+" || characters[end] == "-") && end > position
                                && (characters[end - 1] == "e" || characters[end - 1] == "E"))
                    {
                        end += 1
                    }
                    let text = String(characters[position..<end])
                    guard text.allSatisfy(\.isASCII), let value = Double(text), value.isFinite else {
                        throw error(
                            "bad number \(MessageText.quoted(text)) (write numbers like 2, -3.5 or 1e-4)", at: location)
                    }
                    tokens.append(Token(kind: .number(value), location: location, text: text))
                    position = end
                    continue
                }
                if character.isLetter || character == "_" {
                    var end = position
                    while end < characters.count,
                        characters[end].isLetter || characters[end].isNumber || characters[end] == "_"
                    {
                        end += 1
                    }
                    let text = String(characters[position..<end])
                    tokens.append(Token(kind: .name(text), location: location, text: text))
                    position = end
                    continue
                }
                let kind: Token.Kind
                var length = 1
                switch character {
                case "+": kind = .plus
                case "-": kind = .minus
                case "*" where position + 1 < characters.count && characters[position + 1] == "*":
                    kind = .power
                    length = 2
                case "*": kind = .star
                case "/": kind = .slash
                case "^": kind = .power
                case "(": kind = .leftParenthesis
                case ")": kind = .rightParenthesis
                case ",": kind = .comma
                case "=": kind = .equals
                default:
                    throw error("unexpected character \(MessageText.quoted(String(character)))", at: location)
                }
                tokens.append(
                    Token(kind: kind, location: location, text: String(characters[position..<position + length])))
                position += length
            }
            tokens.append(
                Token(
                    kind: .newline, location: SourceLocation(line: lineNumber, column: characters.count + 1), text: ""))
        }
        let last = max(lines.count, 1)
        tokens.append(
            Token(kind: .end, location: SourceLocation(line: last, column: lineText(last).count + 1), text: ""))
        return tokens
    }
}
