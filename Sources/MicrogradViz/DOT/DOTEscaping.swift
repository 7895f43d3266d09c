/// Escaping for the kinds of text in a DOT file. Graphviz reads each
/// differently, and mixing them up is the classic cause of "bad label format".
/// The rules were measured on Graphviz 2.42 (see the tests of hostile labels).
enum DOTEscaping {
    /// `text` with tabs as spaces and other control characters (which are not allowed
    /// in SVG's XML) replaced by their visible Unicode symbols, such as ␀ and ␍.
    static func visible(_ text: String) -> String {
        guard !TextBuffer.isPlain(text, avoiding: { _ in false }) else { return text }
        var buffer = TextBuffer(capacity: text.utf8.count + 8)
        TextBuffer.forEachVisibleByte(of: text) { buffer.append($0) }
        return buffer.string
    }

    /// A number for a Graphviz attribute such as `penwidth`: `2`, `1.5`, written the
    /// same way in every locale.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Text inside an HTML-like label: `& < > "` as entities, newline as `<BR/>`.
    static func html(_ text: String) -> String {
        var buffer = TextBuffer(capacity: text.utf8.count + 8)
        TextBuffer.forEachVisibleByte(of: text) { byte in
            switch byte {
            case UInt8(ascii: "&"): buffer.append("&amp;")
            case UInt8(ascii: "<"): buffer.append("&lt;")
            case UInt8(ascii: ">"): buffer.append("&gt;")
            case UInt8(ascii: "\""): buffer.append("&quot;")
            case UInt8(ascii: "\n"): buffer.append("<BR/>")
            default: buffer.append(byte)
            }
        }
        return buffer.string
    }
}

extension TextBuffer {
    /// A DOT quoted string. Backslash first, then the quote; a newline becomes `\n`,
    /// which Graphviz turns back into a line break. With `entities`, for text that
    /// Graphviz displays (labels, titles, tooltips), `&` is written `&amp;`, since
    /// Graphviz decodes HTML entities there (else `&amp;` would show as `&`).
    mutating func appendDOTQuoted(_ text: String, entities: Bool = true) {
        append(UInt8(ascii: "\""))
        appendDOTEscaped(text, entities: entities)
        append(UInt8(ascii: "\""))
    }

    /// The inside of ``appendDOTQuoted(_:entities:)``, for quoted strings built from pieces.
    mutating func appendDOTEscaped(_ text: String, entities: Bool = true) {
        let isSpecial: (UInt8) -> Bool = { byte in
            byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") || (entities && byte == UInt8(ascii: "&"))
        }
        if TextBuffer.isPlain(text, avoiding: isSpecial) {
            append(text)
        } else {
            TextBuffer.forEachVisibleByte(of: text) { byte in
                switch byte {
                case UInt8(ascii: "\\"): append("\\\\")
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\n"): append("\\n")
                case UInt8(ascii: "&") where entities: append("&amp;")
                default: append(byte)
                }
            }
        }
    }

    /// One field of a record label, to go between `{`, `|` and `}` inside a DOT
    /// quoted string. `{ } | < >`, quote and backslash are structure in a record
    /// label, so each gets a backslash; `&` is written `&amp;`. A space that
    /// Graphviz would drop or collapse (leading, trailing, beside a line break, or
    /// in a run) is written `&#32;`: `\ ` is dropped at the start of a field and
    /// disturbs the spacing of later lines, while `&#32;` is kept everywhere.
    mutating func appendRecordField(_ text: String) {
        if TextBuffer.isPlain(text, avoiding: Self.isRecordSpecial), !TextBuffer.hasLooseSpace(text) {
            append(text)
            return
        }
        var visible: [UInt8] = []
        visible.reserveCapacity(text.utf8.count)
        TextBuffer.forEachVisibleByte(of: text) { visible.append($0) }
        let space = UInt8(ascii: " ")
        let newline = UInt8(ascii: "\n")
        for (i, byte) in visible.enumerated() {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "<"),
                UInt8(ascii: ">"), UInt8(ascii: "\""):
                append(UInt8(ascii: "\\"))
                append(byte)
            case UInt8(ascii: "&"):
                append("&amp;")
            case newline:
                append("\\n")
            case space:
                let isLoose =
                    i == 0 || i == visible.count - 1 || visible[i - 1] == space || visible[i + 1] == space
                    || visible[i - 1] == newline || visible[i + 1] == newline
                if isLoose { append("&#32;") } else { append(space) }
            default:
                append(byte)
            }
        }
    }

    private static func isRecordSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "&"), UInt8(ascii: "\n"):
            true
        default: false
        }
    }
}
