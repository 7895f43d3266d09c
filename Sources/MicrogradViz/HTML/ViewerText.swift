import Micrograd

/// How the viewer's captions and tooltips name values and write numbers.
enum ViewerText {
    /// A value's label, or its operation and id (`tanh #7`), or its id.
    static func name(of node: GraphSnapshot.Node) -> String {
        if let label = node.label, !label.isEmpty { return label }
        if let op = node.op { return "\(op.symbol) #\(node.id)" }
        return "#\(node.id)"
    }

    /// One number, a few in brackets, or a tensor's norm.
    static func numbers(_ values: [Double], format: NumberFormat) -> String {
        if values.count == 1 { return format.format(values[0]) }
        if values.count <= NodeText.listedElements {
            return "[" + values.map(format.format).joined(separator: ", ") + "]"
        }
        return "\(values.count) numbers of norm \(format.format(Summary(values).norm))"
    }
}
