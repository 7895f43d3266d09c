import Micrograd

/// Writes a snapshot, or a view of one, as Graphviz DOT text, with an optional overlay.
///
/// Everything written is derived from the snapshot in a fixed order (nodes by
/// id, scopes by their first node, attributes by name), so the same graph gives
/// the same bytes on every run and machine.
///
/// A view's merged scopes are drawn as one rounded box each, edges into them go to
/// the box itself (with the number of values when several flow), and values whose
/// inputs or users are not drawn get a dashed stub `…`.
///
/// To keep large graphs small, the look of an intermediate value is the default
/// `node` style, and each value carries only what differs from it; operation
/// nodes get their own defaults inside each scope (DOT defaults apply to the
/// nodes after them in the same subgraph).
struct DOTWriter: ~Copyable {
    /// The graph drawn: the snapshot, or a view's `graph`.
    let snapshot: GraphSnapshot
    let options: DOTOptions
    /// The view the graph comes from, if any.
    private let view: GraphView?
    /// The overlay's marks by node id, `nil` where a node has none; empty without an overlay.
    private let marks: [DiagramOverlay.NodeMark?]
    private let overlay: DiagramOverlay
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
    /// Chains, scope-box spacing and rows: the hints Graphviz lays the graph out by.
    private let layout: DOTLayout
    /// Each of ``DOTLayout/edgeHints`` written out, ` [minlen="2", weight="10"]`, to copy
    /// onto edges that carry nothing else.
    private let edgeHintTexts: [[UInt8]]
    /// Font sizes relative to the default 11-point value boxes (``DOTOptions/fontSize``).
    private let fontScale: Double

    init(
        snapshot: GraphSnapshot, view: GraphView? = nil, options: DOTOptions, overlay: DiagramOverlay = DiagramOverlay()
    ) {
        self.snapshot = snapshot
        self.view = view
        self.options = options
        self.overlay = overlay
        if overlay.nodes.isEmpty {
            marks = []
        } else {
            var marks = [DiagramOverlay.NodeMark?](repeating: nil, count: snapshot.nodes.count)
            for (id, mark) in overlay.nodes where marks.indices.contains(id) { marks[id] = mark }
            self.marks = marks
        }
        let palette = options.theme.palette
        self.palette = palette
        self.text = NodeText(format: options.numberFormat)
        // About 310 bytes a value in big graphs, with the layout hints: room for them, so the buffer never grows.
        self.output = TextBuffer(capacity: snapshot.nodes.count * 340 + 2048)
        var digits = TextBuffer(capacity: snapshot.nodes.count * 6 + 16)
        var offsets = [0]
        offsets.reserveCapacity(snapshot.nodes.count + 1)
        for id in snapshot.nodes.indices {
            digits.append(id)
            offsets.append(digits.count)
        }
        idDigits = digits.bytes
        idOffsets = offsets
        fontScale = (options.fontSize ?? options.theme.fontSize) / 11
        let standard = palette.roles[.intermediate]!
        styleAttributes = (Self.roleOrder.map { palette.roles[$0]! } + [palette.root]).map { box in
            Self.attributes(of: box, differingFrom: standard)
        }
        layout = DOTLayout(snapshot, options: options)
        edgeHintTexts = DOTLayout.edgeHints.map { pairs in
            pairs.isEmpty
                ? [] : Array((" [" + pairs.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ", ") + "]").utf8)
        }
    }

    /// What a box writes before `id=` (colours) and after its label (line styles): only
    /// what differs from the default `node` style, the intermediate value's.
    private static func attributes(
        of box: Theme.BoxStyle, differingFrom standard: Theme.BoxStyle
    ) -> (beforeID: String, afterLabel: String) {
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

    /// The drawn node that is the graph's output, if it is drawn.
    private var outputID: Int? { view.map { $0.outputID } ?? snapshot.rootID }

    /// What node `id` says when it stands for many values (a merged scope, rolled scopes
    /// or rolled values); `nil` for a single value.
    private func merged(_ id: Int) -> MergedNodeText? {
        guard let view else { return nil }
        return MergedNodeText(view.origins[id], format: options.numberFormat)
    }

    /// Whether node `id` stands for many values.
    private func isMerged(_ id: Int) -> Bool {
        guard let view else { return false }
        if case .value = view.origins[id] { return false }
        return true
    }

    /// The style of a box that has a mark or stands for a merged scope.
    private func markedAttributes(
        _ id: Int, role: Role, mark: DiagramOverlay.NodeMark?, isCollapsed: Bool
    ) -> (beforeID: String, afterLabel: String) {
        var box = id == outputID ? palette.root : (isCollapsed ? palette.collapsed : palette.roles[role]!)
        if let mark {
            if let fill = mark.fill {
                box.fill = fill
                if !box.style.contains("filled") { box.style += ",filled" }
            }
            if let border = mark.border { box.border = border }
            if let color = mark.fontColor { box.text = color }
            if let width = mark.penWidth { box.penWidth = DOTEscaping.number(width) }
            if mark.dashed && !box.style.contains("dashed") { box.style += ",dashed" }
        }
        return Self.attributes(of: box, differingFrom: palette.roles[.intermediate]!)
    }

    /// The whole DOT document.
    mutating func write() -> String {
        writeHeader()
        if let tree = layout.scopeTree {
            let parameterCounts = parameterCounts(in: tree)
            // Leaves outside the boxes that feed the first row come first (see DOTLayout); only
            // leaves, since operations would bring a `node` default that the boxes would inherit.
            let first =
                layout.rowOfNode.isEmpty
                ? [] : tree.root.nodeIDs.filter { layout.rowOfNode[$0] == 0 && snapshot.nodes[$0].op == nil }
            writeNodes(first, scopePath: "", indent: "  ")  // a cluster shows each node's scope
            for child in layout.writingOrder(ofChildrenOf: tree.root, in: tree) {
                writeCluster(child, in: tree, parameterCounts: parameterCounts, depth: 1)
            }
            let rest = first.isEmpty ? tree.root.nodeIDs : tree.root.nodeIDs.filter { !first.contains($0) }
            writeNodes(rest, scopePath: "", indent: "  ")
        } else if !layout.rowOfNode.isEmpty {
            writeRows()
        } else {
            writeNodes(snapshot.nodes.map(\.id), scopePath: nil, indent: "  ")
        }
        snapshot.nodes.withUnsafeBufferPointer { nodes in
            for index in nodes.indices { writeEdges(nodes.baseAddress! + index) }
        }
        writeRowAlignments()
        if options.showsLegend { writeLegend() }
        output.append("}\n")
        return output.string
    }

    // MARK: - Header

    private mutating func writeHeader() {
        output.append("digraph \"micrograd\" {\n  graph ")
        var graph: [(String, String)] = [
            ("bgcolor", options.transparentBackground ? "transparent" : palette.background),
            ("fontcolor", palette.text), ("fontname", "Helvetica"), ("fontsize", points(12)),
        ]
        if let title = options.title { graph += [("label", title), ("labelloc", "t")] }
        if let limit = layout.crossingSearchLimit { graph.append(("mclimit", limit)) }
        graph += [
            ("nodesep", "0.25"), ("rankdir", options.rankDirection.rawValue), ("ranksep", "0.35"), ("tooltip", " "),
        ]
        graph += options.layoutTuning.graphAttributes
        writeAttributes(graph.sorted { $0.0 < $1.0 })
        let value = palette.roles[.intermediate]!
        output.append(";\n  node ")
        writeAttributes([
            ("color", value.border), ("fillcolor", value.fill), ("fontcolor", value.text), ("fontname", "Helvetica"),
            ("fontsize", points(11)), ("height", "0.3"), ("penwidth", value.penWidth),
            ("peripheries", value.peripheries),
            ("shape", "record"), ("style", value.style),
        ])
        output.append(";\n  edge ")
        var edge: [(String, String)] = [("arrowsize", "0.6"), ("color", palette.edge)]
        // Arrows drawn backwards, the way gradients flow, on the same layout.
        if overlay.reversesEdges { edge.append(("dir", "back")) }
        edge += [("fontcolor", palette.edge), ("fontname", "Helvetica"), ("fontsize", points(9))]
        if let width = palette.edgePenWidth { edge.append(("penwidth", width)) }
        writeAttributes(edge)
        output.append(";\n")
    }

    // MARK: - Clusters

    private mutating func writeCluster(
        _ scope: ScopeTree.Scope, in tree: ScopeTree, parameterCounts: [Int], depth: Int
    ) {
        let indent = String(repeating: "  ", count: depth)
        output.append(indent + "subgraph ")
        output.appendDOTQuoted("cluster_" + scope.path, entities: false)
        output.append(" {\n" + indent + "  graph [")
        for (key, value) in [
            ("bgcolor", palette.clusterFill), ("color", palette.clusterBorder), ("fontcolor", palette.clusterText),
            ("fontsize", points(10)),
        ] {
            output.append(key + "=")
            output.appendDOTQuoted(value)
            output.append(", ")
        }
        // The title, `mlp/layer0 · 48 params`, with the dot as an entity to keep the text ASCII.
        output.append("label=\"")
        output.appendDOTEscaped(scope.path)
        if let parameters = ScopeTitle.parameterText(parameterCounts[scope.id]) {
            output.append(" &#183; " + parameters)
        }
        output.append("\", labeljust=\"l\", style=\"rounded\", tooltip=")
        output.appendDOTQuoted(scope.path)
        output.append("];\n")
        for child in layout.writingOrder(ofChildrenOf: scope, in: tree) {
            writeCluster(child, in: tree, parameterCounts: parameterCounts, depth: depth + 1)
        }
        // The cluster shows the scope.
        writeNodes(layout.writingOrder(ofNodesIn: scope), scopePath: "", indent: indent + "  ")
        output.append(indent + "}\n")
    }

    /// Without scope boxes, each row's nodes in an invisible box of its own (see ``DOTLayout``).
    private mutating func writeRows() {
        var members = [[Int]](repeating: [], count: layout.rowCount)
        var outside: [Int] = []
        for id in snapshot.nodes.indices {
            if let row = layout.rowOfNode[id] { members[row].append(id) } else { outside.append(id) }
        }
        for (row, ids) in members.enumerated() {
            output.append("  subgraph \"cluster_row\(row)\" {\n    graph [style=\"invis\"];\n")
            writeNodes(ids, scopePath: nil, indent: "    ")
            output.append("  }\n")
        }
        writeNodes(outside, scopePath: nil, indent: "  ")
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
            ("color", style.border), ("fillcolor", style.fill), ("fontcolor", style.text), ("fontsize", points(10)),
            ("height", "0.3"), ("margin", "0.02"), ("penwidth", style.penWidth), ("peripheries", style.peripheries),
            ("shape", "circle"), ("style", style.style), ("width", "0.3"),
        ])
        output.append(";\n")
        for id in operations { writeOperation(id, indent: indent) }
    }

    private mutating func writeValue(_ id: Int, scopePath: String, indent: String) {
        // Read the node in place: copying a Node retains and releases each of its arrays.
        snapshot.nodes.withUnsafeBufferPointer { nodes in
            let isRoot = id == outputID
            let mark = marks.isEmpty ? nil : marks[id]
            let collapsed = merged(id)
            let style =
                mark == nil && collapsed == nil
                ? styleAttributes[isRoot ? Self.rootStyleIndex : Self.styleIndex(of: nodes[id].role)]
                : markedAttributes(id, role: nodes[id].role, mark: mark, isCollapsed: collapsed != nil)
            output.append(indent)
            output.append("\"n")
            appendID(id)
            output.append("\" [")
            output.append(style.beforeID)
            appendGroup(id)
            output.append("id=\"n")
            appendID(id)
            output.append("\", label=\"")
            // No spaces around `|` and braces: Graphviz 2.42 drops the first space of a
            // field that starts with a space and then a non-ASCII character ("{ ∂ w" → "∂w").
            // A record's fields run across the rank direction; braces turn them. Scalars read
            // as one row (`a | data 2.0 | grad 6.0`), tensors' longer lines as a stack.
            // A merged node stacks its lines, like a tensor.
            let bracesFields =
                (options.rankDirection == .leftToRight)
                == (nodes[id].shape == nil && collapsed == nil && !options.stacksFields)
            if bracesFields { output.append(UInt8(ascii: "{")) }
            var fields = 0
            func separate() {
                if fields > 0 { output.append(UInt8(ascii: "|")) }
                fields += 1
            }
            if let tag = mark?.tag {
                separate()
                output.appendRecordField(tag)
            }
            var title = nodes[id].shape == nil ? nodes[id].label : text.title(nodes[id])
            if options.names == .full, nodes[id].label?.isEmpty == false, !nodes[id].scope.isEmpty {
                title = nodes[id].scopePath + "/" + (title ?? "")
            }
            if let collapsed {
                separate()
                output.appendRecordField(collapsed.title)
            } else if options.style == .compact, let op = nodes[id].op?.symbol {
                separate()
                output.appendRecordField(title.map { op + " → " + $0 } ?? op)
            } else if options.fields.contains(.label), let title, !title.isEmpty {
                separate()
                output.appendRecordField(title)
            }
            let showsData = options.fields.contains(.data) && mark?.hidesData != true
            let showsGrad =
                options.fields.contains(.grad) && mark?.hidesGrad != true
                && (nodes[id].role != .constant || options.showsConstantGradients)
            // A merged node with one output says `data 0.5, grad 0.1` on one line, to stay short.
            let sharesLine = collapsed != nil && showsData && showsGrad && nodes[id].data.count == 1
            if showsData {
                separate()
                output.append("data ")
                text.appendNumbers(nodes[id].data, isGradient: false, to: &output)
            }
            if sharesLine {
                output.append(", grad ")
                text.appendNumbers(nodes[id].grad, isGradient: true, to: &output)
            } else if showsGrad {
                separate()
                output.append("grad ")
                text.appendNumbers(nodes[id].grad, isGradient: true, to: &output)
            }
            if let line = collapsed?.parameterLine, options.fields.contains(.grad) {
                separate()
                output.appendRecordField(line)
            }
            for line in mark?.lines ?? [] {
                separate()
                output.appendRecordField(line)
            }
            if fields == 0 { output.appendRecordField(nodes[id].op?.symbol ?? " ") }
            if bracesFields { output.append(UInt8(ascii: "}")) }
            output.append(UInt8(ascii: "\""))
            output.append(style.afterLabel)
            output.append(", tooltip=\"")
            if let collapsed {
                output.appendDOTEscaped(collapsed.tooltip.joined(separator: "\n"))
                output.append("\\ndata = ")
                NodeText.appendFullPrecision(nodes[id].data, to: &output)
                output.append("\\ngrad = ")
                NodeText.appendFullPrecision(nodes[id].grad, to: &output)
            } else {
                writeTooltip(nodes.baseAddress! + id, scopePath: scopePath, isRoot: isRoot)
            }
            for line in mark?.tooltipLines ?? [] {
                output.append("\\n")
                output.appendDOTEscaped(line)
            }
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
        output.append("_op\" [")
        appendGroup(id)
        output.append("id=\"n")
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
        let id = node.pointee.id
        if let view { writeStubs(id, hiddenInputs: view.hiddenInputCounts[id], hiddenUsers: view.hiddenUserCounts[id]) }
        let op = node.pointee.op
        guard op != nil || !node.pointee.inputs.isEmpty else { return }
        // A merged scope takes its inputs straight into its box.
        let toOperation = options.style == .record && op != nil
        let labelsOperands = op?.operandOrderMatters ?? false
        for (slot, input) in node.pointee.inputs.enumerated() {
            // An edge that starts a row is written from the operation to the input and drawn backwards.
            let startsRow = toOperation && layout.startsRow(id, slot: slot)
            output.append("  \"n")
            if startsRow {
                appendID(id)
                output.append("_op\" -> \"n")
                appendID(input)
                output.append("\"")
            } else {
                appendID(input)
                output.append("\" -> \"n")
                appendID(id)
                output.append(toOperation ? "_op\"" : "\"")
            }
            let hint = layout.edgeHint(id, slot: slot, input: input)
            var attributes: [(String, String)] = []
            if startsRow { attributes.append(("dir", overlay.reversesEdges ? "forward" : "back")) }
            let mark = overlay.edges.isEmpty ? nil : overlay.edges[DiagramOverlay.EdgeID(node: id, operand: slot)]
            let flowing = op == nil ? view?.edgeValues[id][slot].count ?? 1 : 1
            if let color = mark?.color { attributes.append(("color", color)) }
            if let label = mark?.label {
                attributes.append(("label", label))
            } else if labelsOperands {
                // At the operation's end of the edge: a head label does not add ranks as a label does.
                attributes.append((startsRow ? "taillabel" : "headlabel", Self.operandName(slot)))
            }
            if let width = mark?.penWidth {
                attributes.append(("penwidth", DOTEscaping.number(width)))
            } else if flowing > 1 {
                attributes.append(("penwidth", DOTEscaping.number(Self.penWidth(carrying: flowing))))
            }
            if mark?.dashed == true { attributes.append(("style", "dashed")) }
            if let tooltip = mark?.tooltip {
                attributes.append(("tooltip", tooltip))
            } else if flowing > 1 {
                attributes.append(("tooltip", "\(flowing) values"))
            }
            // A count is an external label, placed after layout: an edge label would be
            // laid out as a node of its own, which slows big layouts down.
            if mark?.label == nil && !labelsOperands && flowing > 1 {
                attributes.append(("xlabel", "\(flowing)"))
            }
            if attributes.isEmpty {
                edgeHintTexts[hint].withUnsafeBufferPointer { output.append($0) }
            } else {
                attributes += DOTLayout.edgeHints[hint]
                attributes.sort { $0.0 < $1.0 }
                output.append(UInt8(ascii: " "))
                writeAttributes(attributes)
            }
            output.append(";\n")
        }
        if toOperation {
            output.append("  \"n")
            appendID(node.pointee.id)
            output.append("_op\" -> \"n")
            appendID(node.pointee.id)
            output.append("\"")
            edgeHintTexts[layout.operationEdgeHint(id)].withUnsafeBufferPointer { output.append($0) }
            output.append(";\n")
        }
    }

    /// Invisible edges that hold the first operations of consecutive rows in one column, in order.
    private mutating func writeRowAlignments() {
        for (from, to) in layout.rowAlignments {
            output.append("  \"n")
            appendID(from)
            output.append("_op\" -> \"n")
            appendID(to)
            output.append("_op\" ")
            writeAttributes([("minlen", "0"), ("style", "invis"), ("weight", DOTLayout.chainWeight)])
            output.append(";\n")
        }
    }

    /// The width of an edge carrying `count` values: 1 for one, half a point more for
    /// each doubling, up to 4, so that a layer's 16 activations read as a bundle.
    static func penWidth(carrying count: Int) -> Double {
        let doublings = Int.bitWidth - max(count, 1).leadingZeroBitCount - 1
        return min(4, 1 + 0.5 * Double(doublings))
    }

    /// Dashed stubs `…` for inputs and users of a value that the view leaves out, so a
    /// reader knows the graph continues there.
    private mutating func writeStubs(_ id: Int, hiddenInputs: Int, hiddenUsers: Int) {
        let node = "n" + String(id)
        if hiddenInputs > 0 {
            let target = options.style == .record && snapshot.nodes[id].op != nil ? node + "_op" : node
            let what = hiddenInputs == 1 ? "1 input not drawn" : "\(hiddenInputs) inputs not drawn"
            output.append(
                "  \"\(node)_in\" [label=\"…\", peripheries=\"0\", shape=\"plaintext\", style=\"solid\", tooltip=\"\(what)\"];\n"
            )
            output.append("  \"\(node)_in\" -> \"\(target)\" [style=\"dashed\", tooltip=\"\(what)\"];\n")
        }
        if hiddenUsers > 0 {
            let what = hiddenUsers == 1 ? "used once more, not drawn" : "used \(hiddenUsers) more times, not drawn"
            output.append(
                "  \"\(node)_out\" [label=\"…\", peripheries=\"0\", shape=\"plaintext\", style=\"solid\", tooltip=\"\(what)\"];\n"
            )
            output.append("  \"\(node)\" -> \"\(node)_out\" [style=\"dashed\", tooltip=\"\(what)\"];\n")
        }
    }

    // MARK: - Legend

    /// A one-node key: a row of cells styled like the roles present in the graph,
    /// plus the output. (Not a cluster: Graphviz 2.42's dot layout leaks a few
    /// kilobytes per cluster per render, and the key is drawn on every diagram.)
    private mutating func writeLegend() {
        // The roles drawn, besides the output's; by index, so that no node is copied.
        var present: Set<Role> = []
        for index in snapshot.nodes.indices where index != outputID && !isMerged(index) {
            present.insert(snapshot.nodes[index].role)
            if present.count == Role.allCases.count { break }
        }
        let entries = Theme.legendEntries.filter { entry in
            entry.role.map(present.contains) ?? (outputID != nil)
        }
        var cells = "<TD><FONT POINT-SIZE=\"\(keyPoints)\" COLOR=\"\(palette.clusterText)\">key</FONT></TD>"
        for entry in entries {
            let box = entry.role.map { palette.roles[$0]! } ?? palette.root
            var cell = "<FONT POINT-SIZE=\"\(keyPoints)\" COLOR=\"\(box.text)\">\(DOTEscaping.html(entry.name))</FONT>"
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
        let columns = entries.count + 1
        var rows: [String] = []
        if let view { rows += viewKeyRows(view, columns: columns) }
        for entry in overlay.key {
            switch entry {
            case .swatch(let fill, let border, let text):
                rows.append(swatchRow(fill: fill, border: border, text: text, columns: columns))
            case .scale(let colors, let low, let high, let title):
                let font = "<FONT POINT-SIZE=\"\(keyPoints)\" COLOR=\"\(palette.clusterText)\">"
                var scale = "<TD>\(font)\(DOTEscaping.html(title))  \(DOTEscaping.html(low))</FONT></TD>"
                for color in colors { scale += "<TD BGCOLOR=\"\(color)\" WIDTH=\"10\" HEIGHT=\"10\"></TD>" }
                scale += "<TD>\(font)\(DOTEscaping.html(high))</FONT></TD>"
                rows.append(
                    wideRow(
                        "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\"><TR>\(scale)</TR></TABLE>",
                        columns: columns))
            case .text(let text):
                rows.append(
                    wideRow(
                        "<FONT POINT-SIZE=\"\(keyPoints)\" COLOR=\"\(palette.clusterText)\">\(DOTEscaping.html(text))</FONT>",
                        columns: columns))
            }
        }
        output.append(
            "  \"legend\" [label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLPADDING=\"3\" CELLSPACING=\"4\"><TR>")
        output.append(cells)
        output.append("</TR>")
        for row in rows { output.append(row) }
        output.append("</TABLE>>, margin=\"0\", penwidth=\"0\", shape=\"plaintext\", style=\"solid\"];\n")
    }

    /// Key lines for what a view merged, rolled or left out.
    private func viewKeyRows(_ view: GraphView, columns: Int) -> [String] {
        var scopes = false
        var rolled = false
        var values = false
        for origin in view.origins {
            switch origin {
            case .value: continue
            case .scope(let scope):
                scopes = true
                if scope.copies > 1 { rolled = true }
            case .values: values = true
            }
        }
        let box = palette.collapsed
        var rows: [String] = []
        if scopes {
            rows.append(
                swatchRow(fill: box.fill, border: box.border, text: "a scope drawn as one box", columns: columns))
        }
        if rolled {
            rows.append(
                swatchRow(
                    fill: box.fill, border: box.border, text: "× n: n identical scopes drawn as one", columns: columns))
        }
        if values {
            rows.append(
                swatchRow(
                    fill: box.fill, border: box.border, text: "repeated values or a long sum drawn as one box",
                    columns: columns))
        }
        let font = "<FONT POINT-SIZE=\"\(keyPoints)\" COLOR=\"\(palette.clusterText)\">"
        if view.edgeValues.contains(where: { $0.contains { $0.count > 1 } }) {
            rows.append(wideRow(font + "n on an edge: n values flow along it</FONT>", columns: columns))
        }
        if view.hiddenInputCounts.contains(where: { $0 > 0 }) || view.hiddenUserCounts.contains(where: { $0 > 0 }) {
            rows.append(
                wideRow(
                    font + DOTEscaping.html("… the graph continues there (not drawn)") + "</FONT>", columns: columns))
        }
        return rows
    }

    /// A key row: a small box of a fill and border under the word `key`, then its meaning
    /// beside it, left-aligned under the role boxes.
    private func swatchRow(fill: String, border: String, text: String, columns: Int) -> String {
        let swatch =
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\"><TR><TD BORDER=\"1\" "
            + "COLOR=\"\(border)\" BGCOLOR=\"\(fill)\" FIXEDSIZE=\"TRUE\" WIDTH=\"14\" HEIGHT=\"10\"></TD></TR></TABLE>"
        let meaning =
            "<FONT POINT-SIZE=\"\(keyPoints)\" COLOR=\"\(palette.clusterText)\">\(DOTEscaping.html(text))</FONT>"
        guard columns > 1 else { return wideRow(swatch + " " + meaning, columns: columns) }
        return
            "<TR><TD ALIGN=\"RIGHT\">\(swatch)</TD><TD COLSPAN=\"\(columns - 1)\" ALIGN=\"LEFT\">\(meaning)</TD></TR>"
    }

    /// A key row across the whole key, left-aligned.
    private func wideRow(_ content: String, columns: Int) -> String {
        "<TR><TD COLSPAN=\"\(columns)\" ALIGN=\"LEFT\">\(content)</TD></TR>"
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

    /// How many parameter numbers each scope of `tree` holds, for box titles. A view's
    /// merged scopes hold parameters it does not draw, so they are counted in the
    /// snapshot the view was made from.
    private func parameterCounts(in tree: ScopeTree) -> [Int] {
        guard let view else { return tree.parameterCounts(in: snapshot) }
        let original = ScopeTree(view.snapshot)
        let counts = original.parameterCounts(in: view.snapshot)
        let byPath = Dictionary(
            original.scopes.map { ($0.path, counts[$0.id]) }, uniquingKeysWith: { first, _ in first })
        return tree.scopes.map { byPath[$0.path] ?? 0 }
    }

    /// `group="g3", ` for a node on a chain; nothing otherwise.
    private mutating func appendGroup(_ id: Int) {
        guard let head = layout.chainOf[id] else { return }
        output.append("group=\"g")
        appendID(head)
        output.append("\", ")
    }

    /// A font size of the default look, scaled to ``DOTOptions/fontSize``.
    private func points(_ size: Double) -> String { DOTEscaping.number(size * fontScale) }

    /// The key's font size.
    private var keyPoints: String { points(9) }

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
