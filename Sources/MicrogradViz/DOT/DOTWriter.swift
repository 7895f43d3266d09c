import Micrograd

/// Writes a snapshot as Graphviz DOT text.
///
/// Everything written is derived from the snapshot in a fixed order (nodes by
/// id, scopes by their first node, attributes by name), so the same graph gives
/// the same bytes on every run and machine.
///
/// To keep large graphs small, the look of an intermediate value is the default
/// `node` style, and each value carries only what differs from it; operation
/// nodes get their own defaults inside each scope (DOT defaults apply to the
/// nodes after them in the same subgraph).
struct DOTWriter: ~Copyable {
    let snapshot: GraphSnapshot
    let options: DOTOptions
    private let palette: Theme.Palette
    private let text: NodeText
    private var output: TextBuffer
    /// What ``writeOperation(_:indent:)`` has written for each operation, to copy.
    private var operationTails: [Op: [UInt8]] = [:]
    /// For each role, then the root: what its box writes before `id=` and after the label.
    private let styleAttributes: [(beforeID: String, afterLabel: String)]
    /// Every node id in decimal, end to end, and where each starts: each id is
    /// written about ten times (node, operation, edges), so it is formatted once.
    private let idDigits: [UInt8]
    private let idOffsets: [Int]

    init(snapshot: GraphSnapshot, options: DOTOptions) {
        self.snapshot = snapshot
        self.options = options
        let palette = options.theme.palette
        self.palette = palette
        self.text = NodeText(format: options.numberFormat)
        self.output = TextBuffer(capacity: snapshot.nodes.count * 300 + 2048)
        var digits = TextBuffer(capacity: snapshot.nodes.count * 6 + 16)
        var offsets = [0]
        offsets.reserveCapacity(snapshot.nodes.count + 1)
        for id in snapshot.nodes.indices {
            digits.append(id)
            offsets.append(digits.count)
        }
        idDigits = digits.bytes
        idOffsets = offsets
        let standard = palette.roles[.intermediate]!
        styleAttributes = (Self.roleOrder.map { palette.roles[$0]! } + [palette.root]).map { box in
            var before = ""
            if box.border != standard.border || box.fill != standard.fill || box.text != standard.text {
                before = "color=\"\(box.border)\", fillcolor=\"\(box.fill)\", fontcolor=\"\(box.text)\", "
            }
            var after = ""
            if box.penWidth != standard.penWidth { after += ", penwidth=\"\(box.penWidth)\"" }
            if box.peripheries != standard.peripheries { after += ", peripheries=\"\(box.peripheries)\"" }
            if box.style != standard.style { after += ", style=\"\(box.style)\"" }
            return (before, after)
        }
    }

    /// The whole DOT document.
    mutating func write() -> String {
        writeHeader()
        if options.groupsScopes {
            let tree = ScopeTree(snapshot)
            for child in tree.children(of: tree.root) { writeCluster(child, in: tree, depth: 1) }
            writeNodes(tree.root.nodeIDs, scopePath: "", indent: "  ")  // a cluster shows each node's scope
        } else {
            writeNodes(snapshot.nodes.map(\.id), scopePath: nil, indent: "  ")
        }
        snapshot.nodes.withUnsafeBufferPointer { nodes in
            for index in nodes.indices { writeEdges(nodes.baseAddress! + index) }
        }
        if options.showsLegend { writeLegend() }
        output.append("}\n")
        return output.string
    }

    // MARK: - Header

    private mutating func writeHeader() {
        output.append("digraph \"micrograd\" {\n  graph ")
        var graph: [(String, String)] = [
            ("bgcolor", palette.background), ("fontcolor", palette.text), ("fontname", "Helvetica"), ("fontsize", "12"),
        ]
        if let title = options.title { graph += [("label", title), ("labelloc", "t")] }
        graph += [
            ("nodesep", "0.25"), ("rankdir", options.rankDirection.rawValue), ("ranksep", "0.35"), ("tooltip", " "),
        ]
        writeAttributes(graph)
        let value = palette.roles[.intermediate]!
        output.append(";\n  node ")
        writeAttributes([
            ("color", value.border), ("fillcolor", value.fill), ("fontcolor", value.text), ("fontname", "Helvetica"),
            ("fontsize", "11"), ("height", "0.3"), ("penwidth", value.penWidth), ("peripheries", value.peripheries),
            ("shape", "record"), ("style", value.style),
        ])
        output.append(";\n  edge ")
        writeAttributes([
            ("arrowsize", "0.6"), ("color", palette.edge), ("fontcolor", palette.edge), ("fontname", "Helvetica"),
            ("fontsize", "9"),
        ])
        output.append(";\n")
    }

    // MARK: - Clusters

    private mutating func writeCluster(_ scope: ScopeTree.Scope, in tree: ScopeTree, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        output.append(indent + "subgraph ")
        output.appendDOTQuoted("cluster_" + scope.path, entities: false)
        output.append(" {\n" + indent + "  graph ")
        writeAttributes([
            ("bgcolor", palette.clusterFill), ("color", palette.clusterBorder), ("fontcolor", palette.clusterText),
            ("fontsize", "10"), ("label", scope.name), ("labeljust", "l"), ("style", "rounded"),
            ("tooltip", scope.path),
        ])
        output.append(";\n")
        for child in tree.children(of: scope) { writeCluster(child, in: tree, depth: depth + 1) }
        writeNodes(scope.nodeIDs, scopePath: "", indent: indent + "  ")  // the cluster shows the scope
        output.append(indent + "}\n")
    }

    // MARK: - Nodes

    /// The values of one scope, then (under operation defaults) their operation nodes.
    /// `scopePath` is the scope the tooltips name (empty when a cluster shows it), or
    /// `nil` for each node's own.
    private mutating func writeNodes(_ ids: [Int], scopePath: String?, indent: String) {
        for id in ids { writeValue(id, scopePath: scopePath ?? snapshot.nodes[id].scopePath, indent: indent) }
        guard options.style == .record else { return }
        let operations = ids.filter { snapshot.nodes[$0].op != nil }
        guard !operations.isEmpty else { return }
        let style = palette.operation
        output.append(indent + "node ")
        writeAttributes([
            ("color", style.border), ("fillcolor", style.fill), ("fontcolor", style.text), ("fontsize", "10"),
            ("height", "0.3"), ("margin", "0.02"), ("penwidth", style.penWidth), ("peripheries", style.peripheries),
            ("shape", "circle"), ("style", style.style), ("width", "0.3"),
        ])
        output.append(";\n")
        for id in operations { writeOperation(id, indent: indent) }
    }

    private mutating func writeValue(_ id: Int, scopePath: String, indent: String) {
        // Read the node in place: copying a Node retains and releases each of its arrays.
        snapshot.nodes.withUnsafeBufferPointer { nodes in
            let isRoot = id == snapshot.rootID
            let style = styleAttributes[isRoot ? Self.rootStyleIndex : Self.styleIndex(of: nodes[id].role)]
            output.append(indent)
            output.append("\"n")
            appendID(id)
            output.append("\" [")
            output.append(style.beforeID)
            output.append("id=\"n")
            appendID(id)
            output.append("\", label=\"")
            // No spaces around `|` and braces: Graphviz 2.42 drops the first space of a
            // field that starts with a space and then a non-ASCII character ("{ ∂ w" → "∂w").
            // A record's fields run across the rank direction; braces turn them. Scalars read
            // as one row (`a | data 2.0 | grad 6.0`), tensors' longer lines as a stack.
            let bracesFields = (options.rankDirection == .leftToRight) == (nodes[id].shape == nil)
            if bracesFields { output.append(UInt8(ascii: "{")) }
            var fields = 0
            func separate() {
                if fields > 0 { output.append(UInt8(ascii: "|")) }
                fields += 1
            }
            let title = nodes[id].shape == nil ? nodes[id].label : text.title(nodes[id])
            if options.style == .compact, let op = nodes[id].op?.symbol {
                separate()
                output.appendRecordField(title.map { op + " → " + $0 } ?? op)
            } else if options.fields.contains(.label), let title, !title.isEmpty {
                separate()
                output.appendRecordField(title)
            }
            if options.fields.contains(.data) {
                separate()
                output.append("data ")
                text.appendNumbers(nodes[id].data, isGradient: false, to: &output)
            }
            if options.fields.contains(.grad) {
                separate()
                output.append("grad ")
                text.appendNumbers(nodes[id].grad, isGradient: true, to: &output)
            }
            if fields == 0 { output.appendRecordField(nodes[id].op?.symbol ?? " ") }
            if bracesFields { output.append(UInt8(ascii: "}")) }
            output.append(UInt8(ascii: "\""))
            output.append(style.afterLabel)
            output.append(", tooltip=\"")
            writeTooltip(nodes.baseAddress! + id, scopePath: scopePath, isRoot: isRoot)
            output.append("\"];\n")
        }
    }

    /// A tooltip with the full-precision numbers: `w1 (parameter)` or `tanh` for an
    /// intermediate, then data and grad. The scope is named (`w1 (parameter in
    /// mlp/layer0)`) only when no cluster shows it. Kept ASCII so a large diagram stays cheap to turn into a String.
    private mutating func writeTooltip(_ node: UnsafePointer<GraphSnapshot.Node>, scopePath: String, isRoot: Bool) {
        if let label = node.pointee.label {
            output.appendDOTEscaped(label)
        } else if let op = node.pointee.op {
            output.appendDOTEscaped(op.symbol)
        } else {
            output.append("value")
        }
        if let shape = node.pointee.shape, !shape.isEmpty {
            output.append(" [")
            for (position, size) in shape.enumerated() {
                if position > 0 { output.append(", ") }
                output.append(size)
            }
            output.append(UInt8(ascii: "]"))
        }
        // An intermediate's colour already says what it is; leaves and the output are named.
        if isRoot || node.pointee.role != .intermediate || !scopePath.isEmpty {
            output.append(" (")
            output.append(isRoot ? "output" : node.pointee.role.rawValue)
            if !scopePath.isEmpty {
                output.append(" in ")
                output.appendDOTEscaped(scopePath)
            }
            output.append(UInt8(ascii: ")"))
        }
        output.append("\\ndata = ")
        NodeText.appendFullPrecision(node.pointee.data, to: &output)
        output.append("\\ngrad = ")
        NodeText.appendFullPrecision(node.pointee.grad, to: &output)
    }

    private mutating func writeOperation(_ id: Int, indent: String) {
        output.append(indent)
        output.append("\"n")
        appendID(id)
        output.append("_op\" [id=\"n")
        appendID(id)
        output.append("_op\", ")
        // The rest depends only on the operation and its arity, and a big graph has a
        // handful of those: write it once, then copy it.
        let op = snapshot.nodes[id].op!
        if let tail = operationTails[op] {
            tail.withUnsafeBufferPointer { output.append($0) }
            return
        }
        let start = output.count
        output.append("label=")
        output.appendDOTQuoted(op.symbol)
        if op.symbol.unicodeScalars.count > 2 { output.append(", shape=\"ellipse\"") }
        output.append(", tooltip=\"")
        output.appendDOTEscaped(op.formula)
        output.append("\"];\n")
        operationTails[op] = output.bytes(from: start)
    }

    // MARK: - Edges

    /// One edge per operand slot, so `a * a` draws two edges; operands of
    /// operations whose order matters are labelled `a` and `b`.
    private mutating func writeEdges(_ node: UnsafePointer<GraphSnapshot.Node>) {
        guard let op = node.pointee.op else { return }
        let toOperation = options.style == .record
        let labelsOperands = op.operandOrderMatters
        for (slot, input) in node.pointee.inputs.enumerated() {
            output.append("  \"n")
            appendID(input)
            output.append("\" -> \"n")
            appendID(node.pointee.id)
            output.append(toOperation ? "_op\"" : "\"")
            if labelsOperands {
                output.append(" [label=\"")
                output.append(Self.operandName(slot))
                output.append("\"]")
            }
            output.append(";\n")
        }
        if toOperation {
            output.append("  \"n")
            appendID(node.pointee.id)
            output.append("_op\" -> \"n")
            appendID(node.pointee.id)
            output.append("\";\n")
        }
    }

    // MARK: - Legend

    /// A one-node key: a row of cells styled like the roles present in the graph,
    /// plus the output. (Not a cluster: Graphviz 2.42's dot layout leaks a few
    /// kilobytes per cluster per render, and the key is drawn on every diagram.)
    private mutating func writeLegend() {
        // The roles drawn, besides the output's; by index, so that no node is copied.
        var present: Set<Role> = []
        for index in snapshot.nodes.indices where index != snapshot.rootID {
            present.insert(snapshot.nodes[index].role)
            if present.count == Role.allCases.count { break }
        }
        let entries = Theme.legendEntries.filter { entry in entry.role.map(present.contains) ?? true }
        var cells = "<TD><FONT POINT-SIZE=\"9\" COLOR=\"\(palette.clusterText)\">key</FONT></TD>"
        for entry in entries {
            let box = entry.role.map { palette.roles[$0]! } ?? palette.root
            var cell = "<FONT POINT-SIZE=\"9\" COLOR=\"\(box.text)\">\(DOTEscaping.html(entry.name))</FONT>"
            var attributes = "BORDER=\"\(Self.cellBorder(box.penWidth))\" COLOR=\"\(box.border)\""
            if box.style.contains("filled") { attributes += " BGCOLOR=\"\(box.fill)\"" }
            if box.style.contains("dashed") { attributes += " STYLE=\"dashed\"" }
            if box.style.contains("rounded") { attributes += " STYLE=\"rounded\"" }
            if box.peripheries == "2" {
                // A table inside the cell draws the second border.
                cell = "<TABLE BORDER=\"1\" CELLBORDER=\"0\" COLOR=\"\(box.border)\"><TR><TD>\(cell)</TD></TR></TABLE>"
            }
            cells += "<TD \(attributes)>\(cell)</TD>"
        }
        output.append(
            "  \"legend\" [label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLPADDING=\"3\" CELLSPACING=\"4\"><TR>")
        output.append(cells)
        output.append("</TR></TABLE>>, margin=\"0\", penwidth=\"0\", shape=\"plaintext\", style=\"solid\"];\n")
    }

    /// The roles in the order of ``styleAttributes``, which ends with the root.
    private static let roleOrder: [Role] = [.input, .parameter, .constant, .intermediate]
    private static let rootStyleIndex = 4

    private static func styleIndex(of role: Role) -> Int {
        switch role {
        case .input: 0
        case .parameter: 1
        case .constant: 2
        case .intermediate: 3
        }
    }

    /// A cell border width, in whole points, for a Graphviz pen width.
    private static func cellBorder(_ penWidth: String) -> Int {
        max(1, Int((Double(penWidth) ?? 1).rounded()))
    }

    // MARK: - Helpers

    /// Appends a node id's digits.
    @inline(__always)
    private mutating func appendID(_ id: Int) {
        let start = idOffsets[id]
        let end = idOffsets[id + 1]
        idDigits.withUnsafeBufferPointer { digits in
            output.append(UnsafeBufferPointer(rebasing: digits[start..<end]))
        }
    }

    /// `[key1="value1", key2="value2"]` for displayed text or plain words such as
    /// colours; keys must already be in order (checked in debug builds).
    private mutating func writeAttributes(_ pairs: [(String, String)]) {
        assert(pairs.map(\.0) == pairs.map(\.0).sorted(), "DOT attributes must be written in sorted order")
        output.append(UInt8(ascii: "["))
        for (index, (key, value)) in pairs.enumerated() {
            if index > 0 { output.append(", ") }
            output.append(key)
            output.append(UInt8(ascii: "="))
            output.appendDOTQuoted(value)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// `a`, `b`, `c`, … for operand slots.
    static func operandName(_ slot: Int) -> String {
        slot < 26 ? String(UnicodeScalar(UInt8(97 + slot))) : "x\(slot)"
    }
}
