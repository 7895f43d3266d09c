import Micrograd

extension GraphSnapshot {
    /// The graph as JSON, in the documented `micrograd-graph` format, version 1:
    ///
    /// ```json
    /// {
    ///   "format": "micrograd-graph",
    ///   "version": 1,
    ///   "root": 2,
    ///   "nodes": [
    ///     {"id": 0, "label": "a", "op": null, "data": 2.0, "grad": 3.0, "role": "input", "scope": "", "inputs": []},
    ///     …
    ///   ]
    /// }
    /// ```
    ///
    /// - `id`: the node's position in `nodes`, from 0; inputs always come before the nodes using them.
    /// - `label`: a string, or `null`.
    /// - `op`: the operation's symbol (`"+"`, `"*"`, `"**2"`, `"ReLU"`, …), or `null` for a leaf.
    /// - `data`, `grad`: numbers; non-finite values are the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    /// - `role`: `"input"`, `"parameter"`, `"constant"` or `"intermediate"`.
    /// - `scope`: the module scope path, such as `"mlp/layer0/neuron3"`; `""` at top level.
    /// - `inputs`: the ids of the operation's operands in order; an operand used twice appears twice.
    ///
    /// Tensor nodes add `"shape"` (an array of sizes) and give `data` and `grad` as flat
    /// row-major arrays, or, for tensors over ``JSONOptions/summarizingAbove`` elements, as
    /// summaries: `{"count": 256, "mean": …, "min": …, "max": …, "norm": …}` (`norm` is the
    /// L2 norm). Keys are always written in this order, one node per line, and numbers
    /// with every digit needed to read them back exactly, so the text is byte-stable.
    ///
    /// - Parameter options: Whether to summarise big tensors; by default every element is written.
    /// - Returns: The JSON text, ending with a newline.
    public func json(options: JSONOptions = JSONOptions()) -> String {
        var output = TextBuffer(capacity: nodes.count * 170 + 128)
        output.append("{\n  \"format\": \"micrograd-graph\",\n  \"version\": 1,\n  \"root\": ")
        output.append(rootID)
        output.append(",\n  \"nodes\": [")
        for (index, node) in nodes.enumerated() {
            output.append(index == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ")
            output.append(node.id)
            output.append(", \"label\": ")
            if let label = node.label { output.appendJSONString(label) } else { output.append("null") }
            output.append(", \"op\": ")
            if let op = node.op { output.appendJSONString(op.symbol) } else { output.append("null") }
            if let shape = node.shape {
                output.append(", \"shape\": [")
                for (position, size) in shape.enumerated() {
                    if position > 0 { output.append(", ") }
                    output.append(size)
                }
                output.append("], \"data\": ")
                let summarizes = options.summarizingAbove.map { node.data.count > $0 } ?? false
                if summarizes { output.appendJSONSummary(node.data) } else { output.appendJSONNumbers(node.data) }
                output.append(", \"grad\": ")
                if summarizes { output.appendJSONSummary(node.grad) } else { output.appendJSONNumbers(node.grad) }
            } else {
                output.append(", \"data\": ")
                output.appendJSONNumber(node.data[0])
                output.append(", \"grad\": ")
                output.appendJSONNumber(node.grad[0])
            }
            output.append(", \"role\": \"" + node.role.rawValue + "\", \"scope\": ")
            output.appendJSONString(node.scopePath)
            output.append(", \"inputs\": [")
            for (position, input) in node.inputs.enumerated() {
                if position > 0 { output.append(", ") }
                output.append(input)
            }
            output.append("]}")
        }
        output.append(nodes.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return output.string
    }
}

extension TextBuffer {
    /// A JSON string literal, with `"`, `\` and control characters escaped.
    mutating func appendJSONString(_ text: String) {
        append(UInt8(ascii: "\""))
        if TextBuffer.isPlain(text, avoiding: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            append(text)
        } else {
            do {
                for byte in text.utf8 {
                    switch byte {
                    case UInt8(ascii: "\""): append("\\\"")
                    case UInt8(ascii: "\\"): append("\\\\")
                    case UInt8(ascii: "\n"): append("\\n")
                    case UInt8(ascii: "\r"): append("\\r")
                    case UInt8(ascii: "\t"): append("\\t")
                    case 0..<0x20:
                        let hex = "0123456789abcdef".utf8.map { $0 }
                        append("\\u00")
                        append(hex[Int(byte >> 4)])
                        append(hex[Int(byte & 0xF)])
                    default: append(byte)
                    }
                }
            }
        }
        append(UInt8(ascii: "\""))
    }

    /// A number with every digit needed to read it back (Swift's shortest round-trip
    /// form, e.g. 0.1, 1e-05, 24.70408163265306), or a string for NaN and the infinities.
    mutating func appendJSONNumber(_ value: Double) {
        if value.isNaN { return append("\"NaN\"") }
        if value.isInfinite { return append(value < 0 ? "\"-Infinity\"" : "\"Infinity\"") }
        appendShortest(value)
    }

    /// `{"count": n, "mean": …, "min": …, "max": …, "norm": …}` for a big tensor's numbers.
    mutating func appendJSONSummary(_ values: [Double]) {
        let summary = Summary(values)
        append("{\"count\": ")
        append(values.count)
        for (key, value) in [
            ("mean", summary.mean), ("min", summary.minimum), ("max", summary.maximum), ("norm", summary.norm),
        ] {
            append(", \"" + key + "\": ")
            appendJSONNumber(value)
        }
        append(UInt8(ascii: "}"))
    }

    /// An array of numbers.
    mutating func appendJSONNumbers(_ values: [Double]) {
        append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { append(", ") }
            appendJSONNumber(value)
        }
        append(UInt8(ascii: "]"))
    }
}
