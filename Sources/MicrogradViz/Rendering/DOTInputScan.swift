/// A quick pass over DOT text before Graphviz reads it: no NUL bytes (the text goes to C), and,
/// for untrusted text, no more bytes and no longer tokens than ``RenderLimits`` allows. cgraph's
/// scanner takes time quadratic in a token's length (a 20 MB comment took minutes); `dot` refuses
/// quoted strings and comments over 16,384 characters, and so do we, for every kind of token.
enum DOTInputScan {
    /// Checks `dot`.
    ///
    /// - Parameters:
    ///   - dot: The DOT text.
    ///   - limits: The caps, or `nil` for trusted text (only NUL bytes are refused).
    /// - Throws: ``RenderError`` of kind `.syntax` for a NUL byte, `.tooLarge` for a limit.
    /// - Complexity: O(n) in the text's length.
    static func check(_ dot: String, limits: RenderLimits?) throws(RenderError) {
        var text = dot
        let outcome = text.withUTF8 { bytes in
            Result { () throws(RenderError) in try check(bytes, limits: limits) }
        }
        try outcome.get()
    }

    private static func check(_ bytes: UnsafeBufferPointer<UInt8>, limits: RenderLimits?) throws(RenderError) {
        if let limits, bytes.count > limits.maximumInputBytes {
            throw RenderError(
                .tooLarge,
                "the DOT text is \(bytes.count) bytes, over the limit of \(limits.maximumInputBytes) bytes for DOT "
                    + "that is not trusted")
        }
        let maximum = limits?.maximumTokenLength ?? Int.max
        var index = 0
        var line = 1
        let count = bytes.count
        /// Throws when the token that started at `start` (on `startLine`) and ends before `end` is too long.
        func checkLength(_ start: Int, _ end: Int, _ startLine: Int, _ what: String) throws(RenderError) {
            if end - start > maximum {
                throw RenderError(
                    .tooLarge,
                    "line \(startLine): \(what) is \(end - start) bytes long, over the limit of \(maximum) (`dot` has "
                        + "the same limit); shorten it")
            }
        }
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0:
                throw RenderError(
                    .syntax, "line \(line): the DOT text contains a NUL byte; DOT is text, remove the byte")
            case UInt8(ascii: "\n"):
                line += 1
                index += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
                continue
            case UInt8(ascii: "#"):
                // A comment (or preprocessor output) up to the end of the line, wherever it starts.
                let start = index
                while index < count && bytes[index] != UInt8(ascii: "\n") {
                    if bytes[index] == 0 { break }
                    index += 1
                }
                try checkLength(start, index, line, "a '#' line")
            case UInt8(ascii: "\""):
                let start = index
                let startLine = line
                index += 1
                while index < count && bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == 0 { break }
                    if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                    if bytes[index] == UInt8(ascii: "\\") && index + 1 < count {
                        index += 1
                        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                        if bytes[index] == 0 { break }
                    }
                    index += 1
                }
                if index < count && bytes[index] == UInt8(ascii: "\"") { index += 1 }
                try checkLength(start, index, startLine, "a quoted string")
            case UInt8(ascii: "<"):
                let start = index
                let startLine = line
                var depth = 0
                while index < count {
                    let inner = bytes[index]
                    if inner == 0 { break }
                    if inner == UInt8(ascii: "\n") { line += 1 }
                    if inner == UInt8(ascii: "<") { depth += 1 }
                    if inner == UInt8(ascii: ">") {
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            break
                        }
                    }
                    index += 1
                }
                try checkLength(start, index, startLine, "an HTML string")
            case UInt8(ascii: "/") where index + 1 < count && bytes[index + 1] == UInt8(ascii: "*"):
                let start = index
                let startLine = line
                index += 2
                while index < count
                    && !(bytes[index] == UInt8(ascii: "*") && index + 1 < count
                        && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    if bytes[index] == 0 { break }
                    if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                    index += 1
                }
                if index < count && bytes[index] == UInt8(ascii: "*") { index += 2 }
                try checkLength(start, min(index, count), startLine, "a /* */ comment")
            case UInt8(ascii: "/") where index + 1 < count && bytes[index + 1] == UInt8(ascii: "/"):
                let start = index
                while index < count && bytes[index] != UInt8(ascii: "\n") {
                    if bytes[index] == 0 { break }
                    index += 1
                }
                try checkLength(start, index, line, "a // comment")
            default:
                if isNameByte(byte) {
                    let start = index
                    while index < count && isNameByte(bytes[index]) { index += 1 }
                    try checkLength(start, index, line, "a name")
                } else {
                    index += 1  // punctuation: { } [ ] ; , = : - > and anything cgraph will reject
                }
            }
        }
    }

    /// Letters, digits, `_`, `.`, and every byte of a multi-byte UTF-8 character.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte >= 0x80
    }
}
