/// Prepares an SVG document for a page: what a browser needs to draw it inline, and nothing that points outside the file.
enum ViewerSVG {
    /// `svg` from its `<svg` tag on, without the XML prologue, the doctype (whose URL a
    /// browser never needs), comments, namespace URLs (an inline SVG is in the SVG
    /// namespace already), Graphviz's tooltip links and node titles (the page makes
    /// tooltips from its data), edge ids, a polygon's repeated first point, and the font
    /// family, centred anchor and 11-point size Graphviz writes on texts (the stylesheet
    /// sets them once); coordinates keep one decimal
    /// (a twentieth of a point at most, invisible at any zoom). Edge and cluster titles
    /// stay: the page reads which values an edge joins and which scope a box is from them.
    ///
    /// - Parameters:
    ///   - svg: A document as Graphviz or a plot writes it.
    ///   - template: A name written as the root's `data-template` attribute, if any.
    /// - Returns: The `<svg>` element, or an empty string if `svg` has none.
    static func clean(_ svg: String, template: String? = nil) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        let document = svg[start.lowerBound...]
        guard let tagEnd = document.firstIndex(of: ">") else { return "" }
        var output = ""
        output.reserveCapacity(document.utf8.count)
        output += rootTag(document[..<tagEnd], template: template)
        var previousOpensNodeOrGraph = false
        var inTooltip = false
        var skipsGroupEnd = false
        var inComment = false
        for line in document[document.index(after: tagEnd)...].split(separator: "\n", omittingEmptySubsequences: false)
        {
            if inComment {
                if line.hasSuffix("-->") { inComment = false }
                continue
            }
            if line.hasPrefix("<!--") {
                inComment = !line.hasSuffix("-->")
                continue
            }
            if line.hasPrefix("<g id=\"a_") && line.contains("><a ") {
                inTooltip = true
                continue
            }
            if inTooltip && line == "</a>" {
                inTooltip = false
                skipsGroupEnd = true
                continue
            }
            if skipsGroupEnd && line == "</g>" {
                skipsGroupEnd = false
                continue
            }
            if previousOpensNodeOrGraph && line.hasPrefix("<title>") {
                previousOpensNodeOrGraph = false
                continue
            }
            previousOpensNodeOrGraph =
                line.hasPrefix("<g id=") && (line.contains(" class=\"node\"") || line.contains(" class=\"graph\""))
            output += compacted(line)
            output += "\n"
        }
        while output.hasSuffix("\n\n") { output.removeLast() }
        return output
    }

    /// The font attribute Graphviz writes on each text of a diagram whose font is Helvetica.
    static let graphvizFont = " font-family=\"Helvetica,sans-Serif\""

    /// The attributes whose numbers are coordinates.
    private static let coordinateAttributes: Set<Substring> = ["points", "d", "x", "y", "cx", "cy", "rx", "ry"]

    /// One line of a diagram, shorter: see ``clean(_:template:)``.
    static func compacted(_ line: Substring) -> String {
        var line = String(line)
        if line.hasPrefix("<g id=\"edge") && line.hasSuffix(" class=\"edge\">") { return "<g class=\"edge\">" }
        let isShape = ["<text ", "<polygon ", "<path ", "<polyline ", "<ellipse "].contains { line.hasPrefix($0) }
        guard isShape else { return line }
        if line.hasPrefix("<text ") {
            line = line.replacingOccurrences(of: Self.graphvizFont, with: "")
            line = line.replacingOccurrences(of: " text-anchor=\"middle\"", with: "")
            line = line.replacingOccurrences(of: " font-size=\"11.00\"", with: "")
        } else if line.hasPrefix("<polygon ") {
            line = withoutClosingPoint(line)
        }
        // Rewrite coordinates in the tag only, never in a text's content.
        guard let tagEnd = line.firstIndex(of: ">") else { return line }
        var result = ""
        result.reserveCapacity(line.utf8.count)
        var rest = line[..<tagEnd]
        while let equals = rest.range(of: "=\"") {
            let nameStart =
                rest[..<equals.lowerBound].lastIndex(of: " ").map { rest.index(after: $0) } ?? rest.startIndex
            let name = rest[nameStart..<equals.lowerBound]
            guard let valueEnd = rest[equals.upperBound...].firstIndex(of: "\"") else { break }
            result += rest[..<equals.upperBound]
            let value = rest[equals.upperBound..<valueEnd]
            result += coordinateAttributes.contains(name) ? roundedNumbers(value) : String(value)
            rest = rest[valueEnd...]
        }
        result += rest
        result += line[tagEnd...]
        return result
    }

    /// A polygon without the last of its points when it repeats the first: Graphviz closes
    /// polygons by hand, SVG closes them anyway.
    static func withoutClosingPoint(_ line: String) -> String {
        guard let start = line.range(of: " points=\""),
            let end = line[start.upperBound...].firstIndex(of: "\"")
        else { return line }
        let points = line[start.upperBound..<end].split(separator: " ")
        guard points.count > 3, points.first == points.last else { return line }
        return line[..<start.upperBound] + points.dropLast().joined(separator: " ") + line[end...]
    }

    /// Every decimal number in `text` with one decimal (`3068.42` → `3068.4`, `12.0` → `12`).
    static func roundedNumbers(_ text: Substring) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character.isASCII && (character.isNumber || character == "-") else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            var end = text.index(after: index)
            while end < text.endIndex, text[end].isASCII, text[end].isNumber || text[end] == "." {
                end = text.index(after: end)
            }
            let number = text[index..<end]
            if number.contains("."), let value = Double(number) {
                let tenths = (value * 10).rounded(.toNearestOrAwayFromZero)
                let whole = Int(tenths / 10)
                let fraction = abs(Int(tenths) % 10)
                if tenths < 0 && whole == 0 && fraction != 0 { result += "-" }
                result += String(whole)
                if fraction != 0 { result += "." + String(fraction) }
            } else {
                result += number
            }
            index = end
        }
        return result
    }

    /// `<svg …>` with its attributes on one line, without namespace declarations, and with
    /// the width and height of its view box in CSS pixels (Graphviz writes points): the
    /// page's pan and zoom work in those units, and the browser lays the diagram out once.
    private static func rootTag(_ tag: Substring, template: String?) -> String {
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
        if viewBox.count == 4 {
            root += " width=\"\(viewBox[2])\" height=\"\(viewBox[3])\""
        }
        root += attributes.replacingOccurrences(of: "  ", with: " ").trimmingTrailingSpaces()
        return root + (template.map { " data-template=\"" + $0 + "\"" } ?? "") + ">"
    }

    /// The value of the attribute `name` in a tag's attribute text.
    private static func value(of name: String, in attributes: String) -> String? {
        guard let start = attributes.range(of: " " + name + "=\""),
            let end = attributes[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(attributes[start.upperBound..<end])
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
