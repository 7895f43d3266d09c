/// User text inside messages: control characters escaped, so that a message cannot move
/// the cursor, clear the screen or reorder a terminal's text, and long text shortened, so
/// that a 400,000-character name does not become a 400,000-character message.
public enum MessageText {
    /// The most characters ``quoted(_:)`` shows before shortening.
    public static let maximumQuotedLength = 60

    /// `text` in single quotes, escaped with ``escaped(_:)``; text longer than
    /// ``maximumQuotedLength`` characters is cut, ending with `…` and its length:
    /// `'aaaa…' (400000 characters)`.
    ///
    /// - Parameter text: What the user wrote: a name, a path, a value.
    /// - Complexity: O(``maximumQuotedLength``) for long text, O(n) for short.
    public static func quoted(_ text: some StringProtocol) -> String {
        var shown = ""
        var count = 0
        for character in text {
            if count == maximumQuotedLength {
                return "'" + shown + "…' (\(text.count) characters)"
            }
            shown += escaped(character)
            count += 1
        }
        return "'" + shown + "'"
    }

    /// `text` with each control, format and line-separator character written as `\u{1B}`;
    /// other characters, and tabs, unchanged.
    ///
    /// - Parameter text: Text to print to a terminal.
    public static func escaped(_ text: some StringProtocol) -> String {
        var result = ""
        for character in text { result += escaped(character) }
        return result
    }

    /// One character, escaped as ``escaped(_:)`` does (a tab stays a tab).
    static func escaped(_ character: Character) -> String {
        guard character != "\t", character.unicodeScalars.contains(where: needsEscape) else {
            return String(character)
        }
        return character.unicodeScalars.map { scalar in
            needsEscape(scalar) ? "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}" : String(scalar)
        }.joined()
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }
}
