import Micrograd

/// How ``Micrograd/GraphSnapshot/mermaid(options:)`` draws a graph.
public struct MermaidOptions: Sendable, Equatable {
    /// Which fields each value shows.
    public var fields: NodeFields
    /// How numbers are written.
    public var numberFormat: NumberFormat
    /// The direction the flowchart flows in.
    public var rankDirection: RankDirection
    /// Whether to draw each module scope as a subgraph.
    public var groupsScopes: Bool

    /// Creates options.
    ///
    /// - Parameters:
    ///   - fields: Which of label, data and grad to show.
    ///   - precision: Digits after the decimal point (default 4).
    ///   - rankDirection: `.leftToRight` (default) or `.topToBottom`.
    ///   - groupsScopes: Whether to draw module scopes as subgraphs.
    public init(
        fields: NodeFields = .all, precision: Int = 4, rankDirection: RankDirection = .leftToRight,
        groupsScopes: Bool = true
    ) {
        self.fields = fields
        self.numberFormat = NumberFormat(precision: precision)
        self.rankDirection = rankDirection
        self.groupsScopes = groupsScopes
    }
}

extension GraphSnapshot {
    /// The graph as a Mermaid `flowchart`, which GitHub renders in Markdown with
    /// nothing to install (put it in a Markdown code block whose language is `mermaid`).
    ///
    /// Values are boxes with their label, data and grad; operations are small
    /// circles; roles have their own classes (`input`, `parameter`, `constant`,
    /// `intermediate`, `output`); module scopes are subgraphs in natural order, titled with
    /// their path and parameter count (`mlp/layer0 · 48 params`, the dot written `#183;`). Text is quoted, with
    /// every character Mermaid or Markdown would read as syntax written as an
    /// entity (`#quot;`, `#42;`, …). The output is byte-stable.
    ///
    /// - Parameter options: What to show and how; see ``MermaidOptions``.
    /// - Returns: The flowchart text, ending with a newline.
    public func mermaid(options: MermaidOptions = MermaidOptions()) -> String {
        let text = NodeText(format: options.numberFormat)
        var output = TextBuffer(capacity: nodes.count * 120 + 1024)
        output.append("flowchart " + options.rankDirection.rawValue + "\n")
        func writeNode(_ id: Int, indent: String) {
            let node = nodes[id]
            let lines = text.lines(node, fields: options.fields)
            output.append(indent + "n")
            output.append(id)
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
        func writeScope(_ scope: ScopeTree.Scope, in tree: ScopeTree, parameterCounts: [Int], depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            output.append(indent + "subgraph " + MermaidText.subgraphID(scope.path) + " [\"")
            output.appendMermaidText(scope.path)
            if let parameters = ScopeTitle.parameterText(parameterCounts[scope.id]) {
                output.append(" #183; " + parameters)  // `·`, as an entity: see ScopeTitle
            }
            output.append("\"]\n")
            for child in tree.children(of: scope) {
                writeScope(child, in: tree, parameterCounts: parameterCounts, depth: depth + 1)
            }
            for id in scope.nodeIDs { writeNode(id, indent: indent + "  ") }
            output.append(indent + "end\n")
        }
        if options.groupsScopes {
            let tree = ScopeTree(self)
            let parameterCounts = tree.parameterCounts(in: self)
            for child in tree.children(of: tree.root) {
                writeScope(child, in: tree, parameterCounts: parameterCounts, depth: 1)
            }
            for id in tree.root.nodeIDs { writeNode(id, indent: "  ") }
        } else {
            for node in nodes { writeNode(node.id, indent: "  ") }
        }
        for node in nodes {
            guard let op = node.op else { continue }
            let labelsOperands = op.operandOrderMatters
            for (slot, input) in node.inputs.enumerated() {
                output.append("  n")
                output.append(input)
                output.append(labelsOperands ? " -->|" + DOTWriter.operandName(slot) + "| n" : " --> n")
                output.append(node.id)
                output.append("_op\n")
            }
            output.append("  n")
            output.append(node.id)
            output.append("_op --> n")
            output.append(node.id)
            output.append("\n")
        }
        output.append(Self.mermaidClasses)
        var members: [String: [String]] = [:]
        for node in nodes {
            let name = node.id == rootID ? "output" : node.role.rawValue
            members[name, default: []].append("n\(node.id)")
            if node.op != nil { members["operation", default: []].append("n\(node.id)_op") }
        }
        for name in ["input", "parameter", "constant", "intermediate", "output", "operation"] {
            if let ids = members[name] { output.append("  class " + ids.joined(separator: ",") + " " + name + "\n") }
        }
        return output.string
    }

    /// The role classes, in the light theme's colours.
    static let mermaidClasses = """
          classDef input fill:#dbeafe,stroke:#2563eb,color:#111827
          classDef parameter fill:#fef3c7,stroke:#d97706,color:#111827
          classDef constant fill:#e5e7eb,stroke:#6b7280,color:#374151
          classDef intermediate fill:#ffffff,stroke:#374151,color:#111827
          classDef output fill:#dcfce7,stroke:#15803d,stroke-width:2px,color:#111827
          classDef operation fill:#f3f4f6,stroke:#6b7280,color:#111827

        """
}

/// Quoting for Mermaid flowchart text.
enum MermaidText {
    /// Text for inside `["…"]`: quotes, `#`, `&`, `<`, `>` and the characters Markdown
    /// reads as formatting (`* _ ` ~ \`, and more) become entity codes such as
    /// `#quot;` and `#42;`; a newline becomes `<br>`.
    static func escape(_ text: String) -> String {
        var buffer = TextBuffer(capacity: text.utf8.count + 8)
        buffer.appendMermaidText(text)
        return buffer.string
    }

    /// A subgraph id made of letters, digits and underscores only.
    static func subgraphID(_ path: String) -> String {
        "scope_"
            + path.unicodeScalars.map { scalar in
                (scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar))
                    ? String(scalar) : "_" + String(scalar.value, radix: 16) + "_"
            }.joined()
    }

    /// Whether Mermaid or Markdown would read `byte` as syntax.
    static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "~"),
            UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: ";"):
            true
        default: false
        }
    }
}

extension TextBuffer {
    /// Appends text for inside Mermaid's `["…"]`; see ``MermaidText/escape(_:)``.
    mutating func appendMermaidText(_ text: String) {
        if TextBuffer.isPlain(text, avoiding: MermaidText.isSpecial) { return append(text) }
        TextBuffer.forEachVisibleByte(of: text) { byte in
            switch byte {
            case UInt8(ascii: "\""): append("#quot;")
            case UInt8(ascii: "\n"): append("<br>")
            case _ where MermaidText.isSpecial(byte):
                append(UInt8(ascii: "#"))
                append(Int(byte))
                append(UInt8(ascii: ";"))
            default: append(byte)
            }
        }
    }
}
