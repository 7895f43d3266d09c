import Testing

@testable import Micrograd
@testable import MicrogradLanguage

/// Issue 9, item 19: files saved with CR LF or CR line endings, or with a UTF-8 byte-order
/// mark, read like LF files; user text in messages has its control characters escaped.
@Suite("Line endings and control characters")
struct LineEndingTests {
    static let lines = ["# a comment", "a = 2.0", "param w = -3", "b = a * w", "", "c = tanh(b + 1)"]

    @Test(arguments: ["\n", "\r\n", "\r"], [false, true])
    func lineEndingsAndByteOrderMarkReadTheSame(ending: String, byteOrderMark: Bool) throws {
        let text = (byteOrderMark ? "\u{FEFF}" : "") + Self.lines.joined(separator: ending) + ending
        let reference = ScalarNetwork(
            try NetworkProgram(text: Self.lines.joined(separator: "\n"), source: "lf.mg").build())
        let network = ScalarNetwork(try NetworkProgram(text: text, source: "other.mg").build())
        #expect(network.output.data == reference.output.data)
        #expect(network.leaves.map(\.name) == ["a", "w"])
        // Errors point at the same line and column, and quote the line without its ending.
        let broken = (byteOrderMark ? "\u{FEFF}" : "") + ["a = 2", "b = a +"].joined(separator: ending) + ending
        let error = try #require(throws: NetworkFileError.self) { try NetworkProgram(text: broken, source: "b.mg") }
        #expect(error.location == SourceLocation(line: 2, column: 8))
        #expect(
            error.description
                == "b.mg:2:8: error: expected an expression after '+', found the end of the line\n  b = a +\n         ^"
        )
    }

    @Test func controlCharactersInMessagesAreEscaped() throws {
        let error = try #require(throws: NetworkFileError.self) {
            try NetworkProgram(text: "x = 2\ny = x \u{1B}[31m + 1\n", source: "bad\u{7}.mg")
        }
        #expect(error.message == "unexpected character '\\u{1B}'")
        #expect(
            error.description
                == "bad\\u{7}.mg:2:7: error: unexpected character '\\u{1B}'\n  y = x \\u{1B}[31m + 1\n        ^")
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // A lone CR inside a line is a line break now, not an unexpected character.
        #expect(throws: Never.self) { try NetworkProgram(text: "x = 2\ry = x", source: "cr.mg").build() }
    }

    @Test func messageTextEscapesAndShortens() {
        #expect(MessageText.escaped("a\u{1B}b\u{202E}c\td\u{0}") == "a\\u{1B}b\\u{202E}c\td\\u{0}")
        #expect(MessageText.escaped("naïve ∂L/∂w") == "naïve ∂L/∂w")
        #expect(MessageText.quoted("w1") == "'w1'")
        #expect(MessageText.quoted("\r\n") == "'\\u{D}\\u{A}'")
        let long = String(repeating: "n", count: 1_000)
        #expect(
            MessageText.quoted(long) == "'" + String(repeating: "n", count: MessageText.maximumQuotedLength)
                + "…' (1000 characters)")
    }

    /// The caret lines up under the column after escapes, tabs, and in a window of a long line.
    @Test func excerptsLineUpTheCaret() {
        // `\u{1}` is shown as five characters, so the caret moves five columns for it.
        #expect(
            SourceLocation.excerpt(of: "\tx = \u{1}y", at: 7)
                == "  \tx = \\u{1}y\n  \t" + String(repeating: " ", count: 4 + 5) + "^")
        let long = String(repeating: "a", count: 300) + "?" + String(repeating: "b", count: 300)
        let excerpt = SourceLocation.excerpt(of: long, at: 301)
        let lines = excerpt.split(separator: "\n").map(String.init)
        #expect(lines[0].count == 2 + 1 + SourceLocation.maximumExcerptLength + 1, "a window between two ellipses")
        let caret = lines[1].count - 1
        #expect(Array(lines[0])[caret] == "?")
    }
}
