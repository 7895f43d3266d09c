/// Splits a line of options into words, as a shell would for simple cases: words are separated by
/// spaces or tabs, and a word may be quoted with `"` or `'` to hold spaces (`--title "Lecture 1"`).
enum OptionWords {
    /// Why a line could not be split.
    struct Failure: Error, Equatable {
        /// What is wrong, for a message.
        let message: String
    }

    /// The words of `line`.
    ///
    /// - Throws: ``Failure`` if a quote is not closed.
    static func split(_ line: Substring) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else {
                current.append(character)
                inWord = true
            }
        }
        if let quote { throw Failure(message: "the quote \(quote) is not closed") }
        if inWord { words.append(current) }
        return words
    }
}
