/// The options a `.mg` file gives for its own diagram, in `# micrograd-diagrams:` comment lines
/// at its top (before its first statement):
///
/// ```
/// # micrograd-diagrams: --stage after --rankdir TB
/// a = 2.0
/// ```
///
/// They are `micrograd snapshot`'s options, passed on as they are.
enum DiagramHeader {
    /// What starts a header line, after the `#`.
    static let marker = "micrograd-diagrams:"

    /// The options of the header lines of a network file's text, in order.
    ///
    /// - Throws: ``OptionWords/Failure`` with the line number if a header line has an unclosed quote.
    static func options(in text: String) throws(OptionWords.Failure) -> [String] {
        var options: [String] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = rawLine.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            if line.last == "\r" { line = line.dropLast() }
            if line.isEmpty { continue }
            guard line.first == "#" else { break }  // the first statement ends the header
            let comment = line.dropFirst().drop { $0 == " " || $0 == "\t" }
            guard comment.hasPrefix(marker) else { continue }
            do {
                options += try OptionWords.split(comment.dropFirst(marker.count))
            } catch {
                throw OptionWords.Failure(message: "line \(index + 1): \(error.message)")
            }
        }
        return options
    }

    /// `line` without a trailing carriage return and without a `#` comment that is outside quotes.
    static func removingComment(_ line: Substring) -> Substring {
        var quote: Character?
        var end = line.endIndex
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                end = index
                break
            }
        }
        var kept = line[..<end]
        if kept.last == "\r" { kept = kept.dropLast() }
        return kept
    }
}
