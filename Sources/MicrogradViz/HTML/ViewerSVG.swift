/// Prepares an SVG document for a page: what a browser needs to draw it inline, and nothing that points outside the file.
///
/// Works on UTF-8 bytes, line by line (Graphviz writes one element per line), so that a
/// diagram of thousands of nodes is cleaned in milliseconds.
enum ViewerSVG {
    /// `svg` from its `<svg` tag on, without the XML prologue, the doctype (whose URL a
    /// browser never needs), comments, namespace URLs (an inline SVG is in the SVG
    /// namespace already), Graphviz's tooltip links and node titles (the page makes
    /// tooltips from its data), edge ids, a polygon's repeated first point, and the font
    /// family, centred anchor and 11-point size Graphviz writes on texts (the stylesheet
    /// sets them once); coordinates keep one decimal (a twentieth of a point at most,
    /// invisible at any zoom). Edge and cluster titles stay: the page reads which values
    /// an edge joins and which scope a box is from them.
    ///
    /// - Parameters:
    ///   - svg: A document as Graphviz or a plot writes it.
    ///   - template: A name written as the root's `data-template` attribute, if any.
    /// - Returns: The `<svg>` element, or an empty string if `svg` has none.
    static func clean(_ svg: String, template: String? = nil) -> String {
        var source = svg
        return source.withUTF8 { bytes in
            guard let start = find("<svg", in: bytes, from: 0),
                let tagEnd = bytes[start...].firstIndex(of: UInt8(ascii: ">"))
            else { return "" }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            let tag = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<tagEnd]), as: UTF8.self)
            output += rootTag(tag, template: template).utf8
            var previousOpensNodeOrGraph = false
            var inTooltip = false
            var skipsGroupEnd = false
            var inComment = false
            var lineStart = tagEnd + 1
            while lineStart <= bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                lineStart = lineEnd + 1
                if inComment {
                    if line.ends(with: "-->") { inComment = false }
                    continue
                }
                if line.starts(with: "<!--") {
                    inComment = !line.ends(with: "-->")
                    continue
                }
                if line.starts(with: "<g id=\"a_") && find("><a ", in: line, from: 0) != nil {
                    inTooltip = true
                    continue
                }
                if inTooltip && line.equals("</a>") {
                    inTooltip = false
                    skipsGroupEnd = true
                    continue
                }
                if skipsGroupEnd && line.equals("</g>") {
                    skipsGroupEnd = false
                    continue
                }
                if previousOpensNodeOrGraph && line.starts(with: "<title>") {
                    previousOpensNodeOrGraph = false
                    continue
                }
                previousOpensNodeOrGraph =
                    line.starts(with: "<g id=")
                    && (find(" class=\"node\"", in: line, from: 0) != nil
                        || find(" class=\"graph\"", in: line, from: 0) != nil)
                appendCompacted(line, to: &output)
                output.append(UInt8(ascii: "\n"))
            }
            while output.count >= 2 && output[output.count - 1] == 10 && output[output.count - 2] == 10 {
                output.removeLast()
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    // MARK: - Lines

    /// The font attribute Graphviz writes on each text of a diagram whose font is Helvetica.
    static let graphvizFont = " font-family=\"Helvetica,sans-Serif\""

    /// Attributes of texts the stylesheet sets once instead.
    private static let textDefaults = [graphvizFont, " text-anchor=\"middle\"", " font-size=\"11.00\""]

    /// The attributes whose numbers are coordinates.
    private static let coordinateAttributes: Set<String> = ["points", "d", "x", "y", "cx", "cy", "rx", "ry"]

    /// One line of a diagram, shorter: see ``clean(_:template:)``.
    static func compacted(_ line: Substring) -> String {
        var text = String(line)
        var output: [UInt8] = []
        text.withUTF8 { appendCompacted($0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    private static func appendCompacted(_ line: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        if line.starts(with: "<g id=\"edge") && line.ends(with: " class=\"edge\">") {
            output += "<g class=\"edge\">".utf8
            return
        }
        let isText = line.starts(with: "<text ")
        let isPolygon = line.starts(with: "<polygon ")
        guard
            isText || isPolygon || line.starts(with: "<path ") || line.starts(with: "<polyline ")
                || line.starts(with: "<ellipse ")
        else {
            output += line
            return
        }
        // Rewrite the tag's attributes only, never a text's content.
        let tagEnd = line.firstIndex(of: UInt8(ascii: ">")) ?? line.count
        var index = 0
        while index < tagEnd {
            if line[index] == UInt8(ascii: " "), isText,
                let dropped = textDefaults.first(where: { line.matches($0, at: index) })
            {
                index += dropped.utf8.count
                continue
            }
            // ` name="value"`: copy the name, then the value, rounded if it holds coordinates.
            guard line[index] == UInt8(ascii: "="), index + 1 < tagEnd, line[index + 1] == UInt8(ascii: "\""),
                let valueEnd = line[(index + 2)..<tagEnd].firstIndex(of: UInt8(ascii: "\""))
            else {
                output.append(line[index])
                index += 1
                continue
            }
            var nameStart = index
            while nameStart > 0 && line[nameStart - 1] != UInt8(ascii: " ") { nameStart -= 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: line[nameStart..<index]), as: UTF8.self)
            output += "=\"".utf8
            var value = UnsafeBufferPointer(rebasing: line[(index + 2)..<valueEnd])
            if isPolygon && name == "points" { value = withoutClosingPoint(value) }
            if coordinateAttributes.contains(name) {
                appendRounded(value, to: &output)
            } else {
                output += value
            }
            output.append(UInt8(ascii: "\""))
            index = valueEnd + 1
        }
        output += UnsafeBufferPointer(rebasing: line[tagEnd...])
    }

    /// A polygon's points without the last when it repeats the first: Graphviz closes
    /// polygons by hand, SVG closes them anyway.
    private static func withoutClosingPoint(_ points: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = points.count
        while end > 0 && points[end - 1] == UInt8(ascii: " ") { end -= 1 }
        guard let firstSpace = points.firstIndex(of: UInt8(ascii: " ")),
            let lastSpace = points[..<end].lastIndex(of: UInt8(ascii: " ")), lastSpace > firstSpace
        else { return points }
        let first = points[..<firstSpace]
        let last = points[(lastSpace + 1)..<end]
        guard first.elementsEqual(last) else { return points }
        return UnsafeBufferPointer(rebasing: points[..<lastSpace])
    }

    /// Every decimal number in `text` with one decimal (`3068.42` → `3068.4`, `12.0` → `12`),
    /// rounded half away from zero.
    static func roundedNumbers(_ text: Substring) -> String {
        var copy = String(text)
        var output: [UInt8] = []
        copy.withUTF8 { appendRounded($0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    private static func appendRounded(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var index = 0
        while index < text.count {
            let negative = text[index] == UInt8(ascii: "-")
            let digitsStart = negative ? index + 1 : index
            guard digitsStart < text.count, isDigit(text[digitsStart]) else {
                output.append(text[index])
                index += 1
                continue
            }
            var end = digitsStart
            var whole = 0
            while end < text.count, isDigit(text[end]) {
                whole = whole * 10 + Int(text[end] - UInt8(ascii: "0"))
                end += 1
            }
            guard end + 1 < text.count, text[end] == UInt8(ascii: "."), isDigit(text[end + 1]) else {
                output += UnsafeBufferPointer(rebasing: text[index..<end])
                index = end
                continue
            }
            // Tenths from the first decimal, rounded by the second.
            var tenths = whole * 10 + Int(text[end + 1] - UInt8(ascii: "0"))
            var next = end + 2
            if next < text.count, isDigit(text[next]), text[next] >= UInt8(ascii: "5") { tenths += 1 }
            while next < text.count, isDigit(text[next]) { next += 1 }
            if negative && tenths != 0 { output.append(UInt8(ascii: "-")) }
            output += String(tenths / 10).utf8
            if tenths % 10 != 0 {
                output.append(UInt8(ascii: "."))
                output.append(UInt8(ascii: "0") + UInt8(tenths % 10))
            }
            index = next
        }
    }

    // MARK: - The root

    /// `<svg …>` with its attributes on one line, without namespace declarations, and with
    /// the width and height of its view box in CSS pixels (Graphviz writes points): the
    /// page's pan and zoom work in those units, and the browser lays the diagram out once.
    private static func rootTag(_ tag: String, template: String?) -> String {
        var attributes = tag.dropFirst(4).replacingOccurrences(of: "\n", with: " ")
        let viewBox = value(of: "viewBox", in: attributes)?.split(separator: " ").filter { Double($0) != nil } ?? []
        var removed = ["xmlns", "xmlns:xlink"]
        if viewBox.count == 4 { removed += ["width", "height"] }
        for name in removed {
            while let range = attributes.range(of: " " + name + "=\"") {
                guard let end = attributes[range.upperBound...].firstIndex(of: "\"") else { break }
                attributes.removeSubrange(range.lowerBound...end)
            }
        }
        var root = "<svg"
        if viewBox.count == 4 { root += " width=\"\(viewBox[2])\" height=\"\(viewBox[3])\"" }
        while attributes.contains("  ") { attributes = attributes.replacingOccurrences(of: "  ", with: " ") }
        while attributes.last == " " { attributes.removeLast() }
        root += attributes
        return root + (template.map { " data-template=\"" + $0 + "\"" } ?? "") + ">"
    }

    /// The value of the attribute `name` in a tag's attribute text.
    private static func value(of name: String, in attributes: String) -> String? {
        guard let start = attributes.range(of: " " + name + "=\""),
            let end = attributes[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(attributes[start.upperBound..<end])
    }

    // MARK: - Bytes

    /// Where `pattern` first occurs in `bytes` at or after `start`.
    private static func find(_ pattern: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = pattern.utf8CodeUnitCount
        guard count > 0, bytes.count >= count else { return nil }
        let first = pattern.utf8Start.pointee
        var index = start
        while index <= bytes.count - count {
            if bytes[index] == first && bytes.matches(pattern, at: index) { return index }
            index += 1
        }
        return nil
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether `pattern`'s bytes occur at `index`.
    fileprivate func matches(_ pattern: StaticString, at index: Int) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard index + count <= self.count else { return false }
        for offset in 0..<count where self[index + offset] != pattern.utf8Start[offset] { return false }
        return true
    }

    /// Whether `pattern`'s bytes occur at `index`.
    fileprivate func matches(_ pattern: String, at index: Int) -> Bool {
        var position = index
        for byte in pattern.utf8 {
            guard position < count, self[position] == byte else { return false }
            position += 1
        }
        return true
    }

    fileprivate func starts(with prefix: StaticString) -> Bool { matches(prefix, at: 0) }

    fileprivate func ends(with suffix: StaticString) -> Bool {
        count >= suffix.utf8CodeUnitCount && matches(suffix, at: count - suffix.utf8CodeUnitCount)
    }

    fileprivate func equals(_ text: StaticString) -> Bool { count == text.utf8CodeUnitCount && matches(text, at: 0) }
}
