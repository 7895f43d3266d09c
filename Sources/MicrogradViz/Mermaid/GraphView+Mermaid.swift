import Micrograd

extension GraphView {
    /// The view as a Mermaid `flowchart`, like ``Micrograd/GraphSnapshot/mermaid(options:)``:
    /// a node standing for many values is a rounded box (class `merged`) saying what it
    /// is and computes, with its outputs' data and grad; edges into it are drawn once per
    /// source, labelled with the number of values when several flow; a dotted stub `…`
    /// marks where a focused view leaves inputs or users out.
    ///
    /// - Parameter options: What to show and how; see ``MermaidOptions``.
    /// - Returns: The flowchart text, ending with a newline.
    public func mermaid(options: MermaidOptions = MermaidOptions()) -> String {
        let text = NodeText(format: options.numberFormat)
        let nodes = graph.nodes
        var output = TextBuffer(capacity: nodes.count * 160 + 1024)
        output.append("flowchart " + options.rankDirection.rawValue + "\n")
        func writeNode(_ id: Int, indent: String) {
            let node = nodes[id]
            output.append(indent + "n")
            output.append(id)
            if let merged = MergedNodeText(origins[id], format: options.numberFormat) {
                output.append("([\"")
                output.appendMermaidText(merged.title)
                let lines = text.lines(node, fields: options.fields.subtracting(.label)).map(text.text(of:))
                // One output: `data 0.5, grad 0.1` on one line, as in DOT.
                let joined = lines.count == 2 && node.data.count == 1 ? [lines.joined(separator: ", ")] : lines
                for line in joined {
                    output.append("<br>")
                    output.appendMermaidText(line)
                }
                if let line = merged.parameterLine, options.fields.contains(.grad) {
                    output.append("<br>")
                    output.appendMermaidText(line)
                }
                output.append("\"])\n")
                return
            }
            let lines = text.lines(node, fields: options.fields)
            output.append("[\"")
            if lines.isEmpty {
                output.appendMermaidText(node.op?.symbol ?? " ")
            } else {
                for (index, line) in lines.enumerated() {
                    if index > 0 { output.append("<br>") }
                    output.appendMermaidText(text.text(of: line))
                }
            }
            output.append("\"]\n")
            if let op = node.op {
                output.append(indent + "n")
                output.append(id)
                output.append("_op((\"")
                output.appendMermaidText(op.symbol)
                output.append("\"))\n")
            }
        }
        func writeScope(_ scope: ScopeTree.Scope, in tree: ScopeTree, depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            output.append(indent + "subgraph " + MermaidText.subgraphID(scope.path) + " [\"")
            output.appendMermaidText(scope.name)
            output.append("\"]\n")
            for child in tree.children(of: scope) { writeScope(child, in: tree, depth: depth + 1) }
            for id in scope.nodeIDs { writeNode(id, indent: indent + "  ") }
            output.append(indent + "end\n")
        }
        if options.groupsScopes {
            let tree = ScopeTree(graph)
            for child in tree.children(of: tree.root) { writeScope(child, in: tree, depth: 1) }
            for id in tree.root.nodeIDs { writeNode(id, indent: "  ") }
        } else {
            for node in nodes { writeNode(node.id, indent: "  ") }
        }
        for node in nodes {
            let id = node.id
            let target = node.op == nil ? "n\(id)" : "n\(id)_op"
            if hiddenInputCounts[id] > 0 {
                output.append("  n\(id)_in[\"…\"] -.-> \(target)\n")
            }
            let labelsOperands = node.op?.operandOrderMatters ?? false
            for (slot, input) in node.inputs.enumerated() {
                let flowing = node.op == nil ? edgeValues[id][slot].count : 1
                output.append("  n")
                output.append(input)
                if labelsOperands {
                    output.append(" -->|" + DOTWriter.operandName(slot) + "| ")
                } else if flowing > 1 {
                    output.append(" -->|\(flowing)| ")
                } else {
                    output.append(" --> ")
                }
                output.append(target + "\n")
            }
            if node.op != nil { output.append("  n\(id)_op --> n\(id)\n") }
            if hiddenUserCounts[id] > 0 {
                output.append("  n\(id) -.-> n\(id)_out[\"…\"]\n")
            }
        }
        output.append(GraphSnapshot.mermaidClasses)
        output.append("  classDef merged fill:#ede9fe,stroke:#6d28d9,stroke-width:1.5px,color:#111827\n")
        var members: [String: [String]] = [:]
        for node in nodes {
            let isMerged: Bool
            if case .value = origins[node.id] { isMerged = false } else { isMerged = true }
            let name = node.id == outputID ? "output" : (isMerged ? "merged" : node.role.rawValue)
            members[name, default: []].append("n\(node.id)")
            if node.op != nil { members["operation", default: []].append("n\(node.id)_op") }
        }
        for name in ["input", "parameter", "constant", "intermediate", "merged", "output", "operation"] {
            if let ids = members[name] { output.append("  class " + ids.joined(separator: ",") + " " + name + "\n") }
        }
        return output.string
    }
}
