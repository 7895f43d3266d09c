import Micrograd

extension GraphView {
    /// The view as JSON: the `micrograd-graph` format, version 1, describing the drawn
    /// graph (see ``Micrograd/GraphSnapshot/json(options:)``), with keys a reader of
    /// the full graph can ignore:
    ///
    /// ```json
    /// {
    ///   "format": "micrograd-graph",
    ///   "version": 1,
    ///   "root": 15,
    ///   "view": {"of": {"nodes": 108, "root": 107}, "splitScopes": []},
    ///   "nodes": [
    ///     {"id": 1, "label": "x0", …, "inputs": [], "value": 7},
    ///     {"id": 3, "label": "neuron0", "op": null, "data": 0.12, "grad": 0.4, "role": "intermediate",
    ///      "scope": "mlp/layer0", "inputs": [1, 2], "inputValues": [[7], [11]],
    ///      "merged": {"kind": "scope", "scopes": ["mlp/layer0/neuron0"], "computes": "relu(w·x + b)",
    ///                 "values": 8, "outputs": [14], "parameters": 3,
    ///                 "parameterGrad": {"count": 3, "mean": …, "min": …, "max": …, "norm": …}}},
    ///     …
    ///   ]
    /// }
    /// ```
    ///
    /// - `view.of`: the size and root id of the full graph the view was made from.
    /// - `value`: for a node that is one value of the full graph, its id there.
    /// - `inputValues`: for each input, the ids (in the full graph) of the values that flow
    ///   along that edge; an edge into a merged node carries every value it uses from that input.
    /// - `merged`: for a node standing for many values: `kind` (`scope`, `rolled scopes`,
    ///   `repeated values` or `chain`), the scope paths it covers, what it computes in one line,
    ///   how many values it holds, the ids of those used outside it (`outputs`), and for scopes
    ///   the number of parameter elements and their gradient's summary. Its `data` and `grad`
    ///   are those of its outputs that are not parameters (with `shape` `[n]` for several).
    /// - `hiddenInputs`, `hiddenUsers`: present when a focused view leaves out some of a node's
    ///   inputs or users.
    ///
    /// A reader of version 1 that ignores unknown keys reads a view as a smaller graph.
    ///
    /// - Parameter options: Whether to summarise big tensors.
    /// - Returns: The JSON text, ending with a newline.
    public func json(options: JSONOptions = JSONOptions()) -> String {
        var output = TextBuffer(capacity: graph.nodes.count * 220 + 256)
        output.append("{\n  \"format\": \"micrograd-graph\",\n  \"version\": 1,\n  \"root\": ")
        output.append(graph.rootID)
        output.append(",\n  \"view\": {\"of\": {\"nodes\": ")
        output.append(snapshot.nodes.count)
        output.append(", \"root\": ")
        output.append(snapshot.rootID)
        output.append("}, \"splitScopes\": [")
        for (index, path) in splitScopes.enumerated() {
            if index > 0 { output.append(", ") }
            output.appendJSONString(path)
        }
        output.append("]},\n  \"nodes\": [")
        for (index, node) in graph.nodes.enumerated() {
            output.append(index == 0 ? "\n    " : ",\n    ")
            output.appendJSONNode(node, options: options)
            output.append(", \"inputValues\": [")
            for (slot, values) in edgeValues[index].enumerated() {
                if slot > 0 { output.append(", ") }
                output.appendJSONIntegers(values)
            }
            output.append(UInt8(ascii: "]"))
            switch origins[index] {
            case .value(let id):
                output.append(", \"value\": ")
                output.append(id)
            case .scope(let scope):
                output.append(", \"merged\": {\"kind\": ")
                output.appendJSONString(scope.copies == 1 ? "scope" : "rolled scopes")
                output.append(", \"scopes\": [")
                for (position, path) in scope.paths.enumerated() {
                    if position > 0 { output.append(", ") }
                    output.appendJSONString(path)
                }
                output.append("], \"computes\": ")
                output.appendJSONString(scope.computes)
                output.append(", \"values\": ")
                output.append(scope.members.count)
                output.append(", \"outputs\": ")
                output.appendJSONIntegers(scope.outputs)
                output.append(", \"parameters\": ")
                output.append(scope.parameterGradient.count)
                output.append(", \"parameterGrad\": ")
                output.appendJSONSummary(scope.parameterGradient)
                output.append(UInt8(ascii: "}"))
            case .values(let values):
                output.append(", \"merged\": {\"kind\": ")
                output.appendJSONString(values.kind == .chain ? "chain" : "repeated values")
                output.append(", \"scopes\": [")
                output.appendJSONString(values.scopePath)
                output.append("], \"computes\": ")
                output.appendJSONString(values.computes)
                output.append(", \"values\": ")
                output.append(values.members.count)
                output.append(", \"outputs\": ")
                output.appendJSONIntegers(values.outputs)
                output.append(UInt8(ascii: "}"))
            }
            if hiddenInputCounts[index] > 0 {
                output.append(", \"hiddenInputs\": ")
                output.append(hiddenInputCounts[index])
            }
            if hiddenUserCounts[index] > 0 {
                output.append(", \"hiddenUsers\": ")
                output.append(hiddenUserCounts[index])
            }
            output.append("}")
        }
        output.append(graph.nodes.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return output.string
    }
}

extension TextBuffer {
    /// `[1, 2, 3]`.
    mutating func appendJSONIntegers(_ values: [Int]) {
        append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { append(", ") }
            append(value)
        }
        append(UInt8(ascii: "]"))
    }

    /// `{"count": n, "mean": …, "min": …, "max": …, "norm": …}` for a summary.
    mutating func appendJSONSummary(_ summary: Summary) {
        append("{\"count\": ")
        append(summary.count)
        for (key, value) in [
            ("mean", summary.mean), ("min", summary.minimum), ("max", summary.maximum), ("norm", summary.norm),
        ] {
            append(", \"" + key + "\": ")
            appendJSONNumber(value)
        }
        append(UInt8(ascii: "}"))
    }
}
