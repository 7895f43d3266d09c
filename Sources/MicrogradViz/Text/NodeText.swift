import Micrograd

/// What a diagram shows for one node, shared by every writer. Names are
/// returned as text for each writer to escape in its own way; numbers are
/// written by the writer straight into its buffer.
///
/// A tensor of up to ``listedElements`` elements shows its elements; a bigger
/// one shows a summary: its data's mean and range (or `all 0.0000` when every
/// element is the same), its gradient's norm and largest magnitude (the figures that reveal vanishing or exploding gradients).
struct NodeText {
    let format: NumberFormat

    /// Tensors with at most this many elements list them all.
    static let listedElements = 4

    /// One line of a value's box.
    enum Line {
        /// Text from the user (a label or an operation): writers must escape it.
        case name(String)
        /// `data …` or `grad …`: plain ASCII, written with ``NodeText/appendNumbers(_:isGradient:to:)``.
        case numbers(prefix: String, values: [Double], isGradient: Bool)
    }

    /// The node's name: its label, and its shape if it is a tensor (`weight [2, 16]`).
    /// A zero-dimensional tensor is a scalar and shows no shape.
    func title(_ node: GraphSnapshot.Node) -> String? {
        let shape = node.shape.flatMap { $0.isEmpty ? nil : $0 }.map {
            "[" + $0.map(String.init).joined(separator: ", ") + "]"
        }
        switch (node.label, shape) {
        case (let label?, let shape?) where !label.isEmpty: return label + " " + shape
        case (let label?, nil) where !label.isEmpty: return label
        case (_, let shape?): return shape
        default: return nil
        }
    }

    /// The lines `fields` asks for, in order; the title only when there is one.
    func lines(_ node: GraphSnapshot.Node, fields: NodeFields) -> [Line] {
        var lines: [Line] = []
        if fields.contains(.label), let title = title(node) { lines.append(.name(title)) }
        if fields.contains(.data) { lines.append(.numbers(prefix: "data ", values: node.data, isGradient: false)) }
        if fields.contains(.grad) { lines.append(.numbers(prefix: "grad ", values: node.grad, isGradient: true)) }
        return lines
    }

    /// `2.0000` for one number, `[1.0000, 2.0000]` for a few, and a summary for more.
    func appendNumbers(_ values: [Double], isGradient: Bool, to buffer: inout TextBuffer) {
        if values.count == 1 { return format.append(values[0], to: &buffer) }
        if values.count <= Self.listedElements {
            buffer.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { buffer.append(", ") }
                format.append(value, to: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
            return
        }
        let summary = Summary(values)
        if isGradient {
            buffer.append("norm ")
            format.append(summary.norm, to: &buffer)
            buffer.append(", max abs ")
            format.append(summary.largestMagnitude, to: &buffer)
        } else if summary.minimum == summary.maximum {
            buffer.append("all ")
            format.append(summary.minimum, to: &buffer)
        } else {
            buffer.append("mean ")
            format.append(summary.mean, to: &buffer)
            buffer.append(", range [")
            format.append(summary.minimum, to: &buffer)
            buffer.append(", ")
            format.append(summary.maximum, to: &buffer)
            buffer.append(UInt8(ascii: "]"))
        }
    }

    /// A line as plain text, for writers that escape whole lines.
    func text(of line: Line) -> String {
        switch line {
        case .name(let name): return name
        case .numbers(let prefix, let values, let isGradient):
            var buffer = TextBuffer(capacity: 48)
            buffer.append(prefix)
            appendNumbers(values, isGradient: isGradient, to: &buffer)
            return buffer.string
        }
    }

    /// Every digit needed to read the numbers back exactly, for tooltips: all of them
    /// for up to 16 elements, else the summary at full precision.
    static func appendFullPrecision(_ values: [Double], to buffer: inout TextBuffer) {
        func append(_ value: Double) {
            if value.isNaN { buffer.append("NaN") } else { buffer.appendShortest(value) }
        }
        if values.count == 1 { return append(values[0]) }
        if values.count <= 16 {
            buffer.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { buffer.append(", ") }
                append(value)
            }
            buffer.append(UInt8(ascii: "]"))
            return
        }
        let summary = Summary(values)
        buffer.append("mean ")
        append(summary.mean)
        buffer.append(", min ")
        append(summary.minimum)
        buffer.append(", max ")
        append(summary.maximum)
        buffer.append(", norm ")
        append(summary.norm)
        buffer.append(" (")
        buffer.append(values.count)
        buffer.append(" elements)")
    }
}
