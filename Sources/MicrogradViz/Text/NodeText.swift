import Micrograd

/// What a diagram shows for one node, shared by every writer. Names are
/// returned as text for each writer to escape in its own way; numbers are
/// written by the writer straight into its buffer.
struct NodeText {
    let format: NumberFormat

    /// One line of a value's box.
    enum Line {
        /// Text from the user (a label or an operation): writers must escape it.
        case name(String)
        /// `data …` or `grad …`: plain ASCII, written with ``NodeText/appendNumbers(_:to:)``.
        case numbers(prefix: String, values: [Double])
    }

    /// The lines `fields` asks for, in order; the label only when there is one.
    func lines(_ node: GraphSnapshot.Node, fields: NodeFields) -> [Line] {
        var lines: [Line] = []
        if fields.contains(.label), let label = node.label, !label.isEmpty { lines.append(.name(label)) }
        if fields.contains(.data) { lines.append(.numbers(prefix: "data ", values: node.data)) }
        if fields.contains(.grad) { lines.append(.numbers(prefix: "grad ", values: node.grad)) }
        return lines
    }

    /// `2.0000` for one number, `[1.0000, 2.0000]` for several.
    func appendNumbers(_ values: [Double], to buffer: inout TextBuffer) {
        if values.count == 1 { return format.append(values[0], to: &buffer) }
        buffer.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(", ") }
            format.append(value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// A line as plain text, for writers that escape whole lines.
    func text(of line: Line) -> String {
        switch line {
        case .name(let name): return name
        case .numbers(let prefix, let values):
            var buffer = TextBuffer(capacity: 24)
            buffer.append(prefix)
            appendNumbers(values, to: &buffer)
            return buffer.string
        }
    }

    /// Every digit needed to read the numbers back exactly, for tooltips.
    static func appendFullPrecision(_ values: [Double], to buffer: inout TextBuffer) {
        if values.count != 1 { buffer.append(UInt8(ascii: "[")) }
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(", ") }
            if value.isNaN { buffer.append("NaN") } else { buffer.appendShortest(value) }
        }
        if values.count != 1 { buffer.append(UInt8(ascii: "]")) }
    }
}
