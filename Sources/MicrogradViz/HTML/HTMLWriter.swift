import Micrograd

/// Writes a ``ViewerPage``: the page skeleton of `Viewer/viewer.html` with its slots
/// filled — the stylesheet, the first diagram inline, the other diagrams as templates
/// the script shows on demand, the data as JSON, and the script.
///
/// Everything is written in a fixed order (graphs, views, ops by symbol, marks by id),
/// so the same page gives the same bytes on every run.
struct HTMLWriter: ~Copyable {
    let page: ViewerPage
    private var output: TextBuffer

    init(page: ViewerPage) {
        self.page = page
        let diagrams = page.graphs.reduce(0) { $0 + $1.views.reduce(0) { $0 + $1.svg.utf8.count } }
        let values = page.graphs.reduce(0) { $0 + $1.snapshot.nodes.count }
        output = TextBuffer(capacity: diagrams + values * 300 + 96 * 1024)
    }

    mutating func write() -> String {
        for piece in Self.skeleton {
            switch piece {
            case .text(let text): output.append(text)
            case .slot(let name): writeSlot(name)
            }
        }
        return output.string
    }

    // MARK: - The skeleton

    /// A piece of `Viewer/viewer.html`: text, or a `{{slot}}` to fill.
    enum Piece: Equatable {
        case text(String)
        case slot(String)
    }

    /// `Viewer/viewer.html` cut at its `{{slots}}`.
    static let skeleton: [Piece] = {
        var pieces: [Piece] = []
        var rest = Substring(ViewerAssets.page)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            pieces.append(.text(String(rest[..<open.lowerBound])))
            pieces.append(.slot(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        pieces.append(.text(String(rest)))
        return pieces
    }()

    private mutating func writeSlot(_ name: String) {
        switch name {
        case "title": output.append(Self.escaped(page.title))
        case "style":
            output.append(Self.stylesheet)
            output.append("/* A light diagram's colours in the dark theme. */\n")
            output.append(DiagramColorScheme.css)
        case "notes":
            for note in page.notes { output.append("<p>" + Self.escaped(note) + "</p>") }
        case "figures":
            for figure in page.figures {
                output.append("<figure class=\"figure\"><figcaption>" + Self.escaped(figure.title) + "</figcaption>\n")
                output.append(ViewerSVG.clean(figure.svg))
                output.append("</figure>\n")
            }
        case "diagram":
            if let (graph, view) = firstDiagram {
                output.append(ViewerSVG.clean(page.graphs[graph].views[view].svg, template: Self.template(graph, view)))
            }
        case "data": writeData()
        case "deferred":
            writeGraphParts(initial: false)
            writeEdgeDerivatives()
            writeTemplates()
        case "script": output.append(Self.script)
        default: preconditionFailure("Viewer/viewer.html has an unknown slot {{\(name)}}")
        }
    }

    /// The diagram drawn inline, so that the page shows it even before the script runs.
    private var firstDiagram: (graph: Int, view: Int)? {
        guard page.graphs.indices.contains(page.initialGraph) else { return nil }
        let graph = page.graphs[page.initialGraph]
        guard !graph.views.isEmpty else { return nil }
        return (page.initialGraph, graph.initialView)
    }

    private static func template(_ graph: Int, _ view: Int) -> String { "g\(graph)-v\(view)" }

    /// `Viewer/viewer.css` without indentation, blank lines and comment lines.
    static let stylesheet = compacted(
        ViewerAssets.stylesheet, commentLine: { $0.hasPrefix("/*") && $0.hasSuffix("*/") })

    /// `Viewer/viewer.js` without indentation, blank lines and comment lines (the file writes
    /// every comment on lines of its own, and no string or template spans lines).
    static let script = compacted(
        ViewerAssets.script, commentLine: { $0.hasPrefix("//") || ($0.hasPrefix("/*") && $0.hasSuffix("*/")) })

    /// `text` line by line, each without leading spaces, leaving out blank lines and those `commentLine` picks.
    private static func compacted(_ text: String, commentLine: (Substring) -> Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || commentLine(trimmed) { continue }
            result += trimmed
            result += "\n"
        }
        return result
    }

    /// The diagrams not drawn inline, as text the browser keeps without parsing it (in a
    /// `<script>` of a type it does not run) until the page shows them: a big page then
    /// opens as fast as its first diagram allows. A diagram whose text could end the
    /// script element goes into a `<template>` instead.
    private mutating func writeTemplates() {
        let inline = firstDiagram
        for (graphIndex, graph) in page.graphs.enumerated() {
            for (viewIndex, view) in graph.views.enumerated()
            where inline.map({ $0 != (graphIndex, viewIndex) }) ?? true {
                let name = Self.template(graphIndex, viewIndex)
                let svg = ViewerSVG.clean(view.svg, template: name)
                let isScriptSafe = !svg.lowercased().contains("</script")
                output.append(
                    isScriptSafe
                        ? "<script type=\"text/x-micrograd-svg\" id=\"" + name + "\">"
                        : "<template id=\"" + name + "\">")
                output.append(svg)
                output.append(isScriptSafe ? "</script>\n" : "</template>\n")
            }
        }
    }

    /// `& < > "` as entities, for text and attribute values.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    // MARK: - The data

    /// The page's data as JSON, in script elements the page reads when it needs them:
    /// `viewer-data` (the title, operations, charts, and each graph's title and step),
    /// `viewer-graph-<i>` (graph i's views, layers, sequences, notes and the graph itself,
    /// column by column: see ``writeColumns(_:to:)``) and `viewer-edges-<i>` (its edge
    /// derivatives, when computed). Only the data and the first graph come before the
    /// script; the rest follows it (``writeGraphParts(initial:)``, ``writeEdgeDerivatives()``),
    /// so the page is interactive while the browser still reads the other graphs, and a
    /// page of many graphs opens as fast as one. Inside `<script>`, `<` is written `\u003c`
    /// (it can only occur inside strings), so no text in the data can end the script element.
    private mutating func writeData() {
        var json = TextBuffer(capacity: page.graphs.reduce(0) { $0 + $1.snapshot.nodes.count } * 260 + 4096)
        json.append("{\"format\": \"micrograd-viewer\", \"version\": 1, \"title\": ")
        json.appendJSONString(page.title)
        json.append(", \"initialGraph\": ")
        json.append(page.initialGraph)
        json.append(",\n\"ops\": {")
        writeOperations(to: &json)
        json.append("},\n\"charts\": [")
        for (index, chart) in page.charts.enumerated() {
            if index > 0 { json.append(", ") }
            json.append("{\"title\": ")
            json.appendJSONString(chart.title)
            json.append(", \"stepName\": ")
            json.appendJSONString(chart.stepName)
            json.append(", \"series\": [")
            for (position, series) in chart.series.enumerated() {
                if position > 0 { json.append(", ") }
                json.append("{\"name\": ")
                json.appendJSONString(series.name)
                json.append(", \"isFraction\": " + (series.isFraction ? "true" : "false") + ", \"values\": ")
                json.appendJSONNumbers(series.values)
                json.append(UInt8(ascii: "}"))
            }
            json.append("]}")
        }
        json.append("],\n\"graphs\": [")
        for (index, graph) in page.graphs.enumerated() {
            json.append(index == 0 ? "\n{\"title\": " : ",\n{\"title\": ")
            json.appendJSONString(graph.title)
            json.append(", \"step\": ")
            if let step = graph.step { json.append(step) } else { json.append("null") }
            json.append(UInt8(ascii: "}"))
        }
        json.append("]}")
        writeScript(id: "viewer-data", json)
        writeGraphParts(initial: true)
    }

    /// The first graph's part (`initial`), or every other graph's.
    private mutating func writeGraphParts(initial: Bool) {
        for (index, graph) in page.graphs.enumerated() where (index == page.initialGraph) == initial {
            var part = TextBuffer(capacity: graph.snapshot.nodes.count * 200 + 4096)
            writeGraph(graph, index: index, to: &part)
            writeScript(id: "viewer-graph-\(index)", part)
        }
    }

    /// Every graph's edge derivatives, which the panel reads when it first shows a value.
    private mutating func writeEdgeDerivatives() {
        for (index, graph) in page.graphs.enumerated() {
            guard let edges = graph.edgeDerivatives else { continue }
            var json = TextBuffer(capacity: graph.snapshot.nodes.count * 60 + 64)
            writeEdges(edges, in: graph.snapshot, to: &json)
            writeScript(id: "viewer-edges-\(index)", json)
        }
    }

    /// `<script type="application/json" id="…">` with `json`, `<` escaped.
    private mutating func writeScript(id: String, _ json: borrowing TextBuffer) {
        output.append("<script type=\"application/json\" id=\"" + id + "\">")
        json.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "<") {
                output.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                output.append("\\u003c")
                start = index + 1
            }
            output.append(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        output.append("</script>\n")
    }

    /// Every operation the graphs use, by symbol: its name, formula and local derivatives.
    private func writeOperations(to json: inout TextBuffer) {
        var operations: [String: Op] = [:]
        for graph in page.graphs {
            for node in graph.snapshot.nodes {
                if let op = node.op { operations[op.symbol] = op }
            }
        }
        for (index, symbol) in operations.keys.sorted().enumerated() {
            let op = operations[symbol]!
            json.append(index == 0 ? "\n  " : ",\n  ")
            json.appendJSONString(symbol)
            json.append(": {\"name\": ")
            json.appendJSONString(op.name)
            json.append(", \"formula\": ")
            json.appendJSONString(op.formula)
            json.append(", \"derivatives\": [")
            for operand in 0..<op.arity {
                if operand > 0 { json.append(", ") }
                json.appendJSONString(op.derivativeFormula(operand: operand))
            }
            json.append("]}")
        }
    }

    private func writeGraph(_ graph: ViewerGraph, index: Int, to json: inout TextBuffer) {
        json.append("{\"initialView\": ")
        json.append(graph.initialView)
        json.append(", \"notes\": [")
        for (position, note) in graph.notes.enumerated() {
            if position > 0 { json.append(", ") }
            json.appendJSONString(note)
        }
        json.append("],\n\"views\": [")
        for (position, view) in graph.views.enumerated() {
            json.append(position == 0 ? "\n  " : ",\n  ")
            writeView(view, template: Self.template(index, position), to: &json)
        }
        json.append("],\n\"layers\": [")
        for (position, layer) in graph.layers.enumerated() {
            json.append(position == 0 ? "\n  " : ",\n  ")
            writeLayer(layer, to: &json)
        }
        json.append("],\n\"sequences\": [")
        for (position, sequence) in graph.sequences.enumerated() {
            json.append(position == 0 ? "\n  " : ",\n  ")
            json.append("{\"id\": ")
            json.appendJSONString(sequence.id)
            json.append(", \"title\": ")
            json.appendJSONString(sequence.title)
            json.append(", \"steps\": [")
            for (stepIndex, step) in sequence.steps.enumerated() {
                json.append(stepIndex == 0 ? "\n    " : ",\n    ")
                json.append("{\"nodes\": ")
                Self.appendIntegers(step.nodes, to: &json)
                json.append(", \"caption\": ")
                json.appendJSONString(step.caption)
                json.append(UInt8(ascii: "}"))
            }
            json.append(UInt8(ascii: "]"))
            if let unknown = sequence.unknown {
                json.append(",\n    \"hides\": ")
                json.appendJSONString(unknown.field.rawValue)
                json.append(", \"knownFrom\": ")
                Self.appendIntegers(unknown.knownFrom, to: &json)
            }
            json.append(UInt8(ascii: "}"))
        }
        json.append("],\n\"graph\": ")
        Self.writeColumns(graph.snapshot, to: &json)
        json.append(UInt8(ascii: "}"))
    }

    /// The graph as one array per field, node `i` at position `i` of each: `label`, `op`
    /// (the operation's symbol), `role` (a letter per node: `i`nput, `p`arameter,
    /// `c`onstant, inter`m`ediate), `scope` (an index into `scopes`, the paths), `inputs`,
    /// `shape` (`null` for a scalar), `data` and `grad` (a number for a scalar, a row-major
    /// array for a tensor; non-finite numbers as the strings `"NaN"`, `"Infinity"`,
    /// `"-Infinity"`). A third the size of the `micrograd-graph` format, so that a big graph's
    /// page opens fast; the numbers are the same, to the last digit.
    static func writeColumns(_ snapshot: GraphSnapshot, to json: inout TextBuffer) {
        let nodes = snapshot.nodes
        json.append("{\"root\": ")
        json.append(snapshot.rootID)
        json.append(",\n\"label\": [")
        for (index, node) in nodes.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            if let label = node.label { json.appendJSONString(label) } else { json.append("null") }
        }
        json.append("],\n\"op\": [")
        for (index, node) in nodes.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            if let op = node.op { json.appendJSONString(op.symbol) } else { json.append("null") }
        }
        json.append("],\n\"role\": \"")
        for node in nodes {
            switch node.role {
            case .input: json.append(UInt8(ascii: "i"))
            case .parameter: json.append(UInt8(ascii: "p"))
            case .constant: json.append(UInt8(ascii: "c"))
            case .intermediate: json.append(UInt8(ascii: "m"))
            }
        }
        var scopeIndex: [[String]: Int] = [:]
        var paths: [String] = []
        var scopes: [Int] = []
        scopes.reserveCapacity(nodes.count)
        for index in nodes.indices {
            if let known = scopeIndex[nodes[index].scope] {
                scopes.append(known)
            } else {
                scopeIndex[nodes[index].scope] = paths.count
                scopes.append(paths.count)
                paths.append(nodes[index].scopePath)
            }
        }
        json.append("\",\n\"scopes\": [")
        for (index, path) in paths.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.appendJSONString(path)
        }
        json.append("],\n\"scope\": [")
        for (index, scope) in scopes.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(scope)
        }
        json.append("],\n\"inputs\": [")
        for index in nodes.indices {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "["))
            for (position, input) in nodes[index].inputs.enumerated() {
                if position > 0 { json.append(UInt8(ascii: ",")) }
                json.append(input)
            }
            json.append(UInt8(ascii: "]"))
        }
        json.append("],\n\"shape\": [")
        for index in nodes.indices {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            guard let shape = nodes[index].shape else {
                json.append("null")
                continue
            }
            json.append(UInt8(ascii: "["))
            for (position, size) in shape.enumerated() {
                if position > 0 { json.append(UInt8(ascii: ",")) }
                json.append(size)
            }
            json.append(UInt8(ascii: "]"))
        }
        for field in ["data", "grad"] {
            json.append("],\n\"" + field + "\": [")
            for index in nodes.indices {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                let values = field == "data" ? nodes[index].data : nodes[index].grad
                if nodes[index].shape == nil && values.count == 1 {
                    json.appendJSONNumber(values[0])
                } else {
                    json.appendJSONNumbers(values)
                }
            }
        }
        json.append("]}")
    }

    private func writeView(_ view: ViewerView, template: String, to json: inout TextBuffer) {
        json.append("{\"id\": ")
        json.appendJSONString(view.id)
        json.append(", \"title\": ")
        json.appendJSONString(view.title)
        json.append(", \"template\": \"" + template + "\", \"values\": ")
        if let drawn = view.drawnNodeOfValue {
            json.append(UInt8(ascii: "["))
            for (position, node) in drawn.enumerated() {
                if position > 0 { json.append(UInt8(ascii: ",")) }
                if let node { json.append(node) } else { json.append("null") }
            }
            json.append(UInt8(ascii: "]"))
        } else {
            json.append("null")
        }
        json.append(", \"scopes\": {")
        for (position, drawn) in view.collapsedScopes.keys.sorted().enumerated() {
            let scope = view.collapsedScopes[drawn]!
            if position > 0 { json.append(", ") }
            json.append(UInt8(ascii: "\""))
            json.append(drawn)
            json.append("\": {\"path\": ")
            json.appendJSONString(scope.path)
            json.append(", \"members\": ")
            json.append(scope.members.count)
            json.append(", \"parameters\": ")
            json.append(scope.parameters.count)
            json.append(", \"outputs\": ")
            Self.appendIntegers(scope.outputs, to: &json)
            json.append(UInt8(ascii: "}"))
        }
        json.append("}}")
    }

    private func writeLayer(_ layer: ViewerLayer, to json: inout TextBuffer) {
        json.append("{\"id\": ")
        json.appendJSONString(layer.id)
        json.append(", \"title\": ")
        json.appendJSONString(layer.title)
        json.append(", \"summary\": ")
        if let summary = layer.summary { json.appendJSONString(summary) } else { json.append("null") }
        json.append(", \"on\": " + (layer.isOnInitially ? "true" : "false"))
        json.append(", \"key\": [")
        for (position, entry) in layer.overlay.key.enumerated() {
            if position > 0 { json.append(", ") }
            switch entry {
            case .swatch(let fill, let border, let text):
                Self.appendObject(
                    "swatch",
                    [
                        ("fill", .string(DiagramColorScheme.themed(fill, as: .fill))),
                        ("border", .string(DiagramColorScheme.themed(border, as: .stroke))), ("text", .string(text)),
                    ],
                    to: &json)
            case .scale(let colors, let low, let high, let title):
                Self.appendObject(
                    "scale",
                    [
                        ("colors", .strings(colors)), ("low", .string(low)), ("high", .string(high)),
                        ("title", .string(title)),
                    ],
                    to: &json)
            case .text(let text):
                json.append("{\"text\": ")
                json.appendJSONString(text)
                json.append(UInt8(ascii: "}"))
            }
        }
        json.append("],\n   \"nodes\": {")
        for (position, id) in layer.overlay.nodes.keys.sorted().enumerated() {
            let mark = layer.overlay.nodes[id]!
            json.append(position == 0 ? "" : ", ")
            json.append(UInt8(ascii: "\""))
            json.append(id)
            json.append("\": ")
            var fields: [(String, JSONField)] = []
            if let fill = mark.fill { fields.append(("fill", .string(DiagramColorScheme.themed(fill, as: .fill)))) }
            if let border = mark.border {
                fields.append(("border", .string(DiagramColorScheme.themed(border, as: .stroke))))
            }
            if let color = mark.fontColor {
                fields.append(("fontColor", .string(DiagramColorScheme.themed(color, as: .text))))
            }
            if let width = mark.penWidth { fields.append(("penWidth", .number(width))) }
            if mark.dashed { fields.append(("dashed", .bool(true))) }
            if let tag = mark.tag { fields.append(("tag", .string(tag))) }
            if !mark.lines.isEmpty { fields.append(("lines", .strings(mark.lines))) }
            if !mark.tooltipLines.isEmpty { fields.append(("tooltip", .strings(mark.tooltipLines))) }
            Self.appendFields(fields, to: &json)
        }
        json.append("},\n   \"edges\": [")
        let edges = layer.overlay.edges.keys.sorted { ($0.node, $0.operand) < ($1.node, $1.operand) }
        for (position, edge) in edges.enumerated() {
            let mark = layer.overlay.edges[edge]!
            json.append(position == 0 ? "" : ", ")
            json.append(UInt8(ascii: "["))
            json.append(edge.node)
            json.append(", ")
            json.append(edge.operand)
            json.append(", ")
            var fields: [(String, JSONField)] = []
            if let label = mark.label { fields.append(("label", .string(label))) }
            if let color = mark.color {
                fields.append(("color", .string(DiagramColorScheme.themed(color, as: .stroke))))
            }
            if let width = mark.penWidth { fields.append(("penWidth", .number(width))) }
            if mark.dashed { fields.append(("dashed", .bool(true))) }
            if let tooltip = mark.tooltip { fields.append(("tooltip", .string(tooltip))) }
            Self.appendFields(fields, to: &json)
            json.append(UInt8(ascii: "]"))
        }
        json.append("]}")
    }

    /// For each node, its incoming edges in operand order; `null` for a leaf. An edge is
    /// `[local]` when what it carries is its local derivative times the node's gradient,
    /// element by element (the page multiplies them, getting the same numbers), else
    /// `[local or null, contribution]` (broadcast operands, matrix products, reductions).
    private func writeEdges(_ edges: EdgeDerivatives, in snapshot: GraphSnapshot, to json: inout TextBuffer) {
        json.append(UInt8(ascii: "["))
        for id in snapshot.nodes.indices {
            if id > 0 { json.append(UInt8(ascii: ",")) }
            let incoming = edges.edges(into: id)
            guard !incoming.isEmpty else {
                json.append("null")
                continue
            }
            let upstream = snapshot.nodes[id].grad
            json.append(UInt8(ascii: "["))
            for (position, edge) in incoming.enumerated() {
                if position > 0 { json.append(UInt8(ascii: ",")) }
                json.append(UInt8(ascii: "["))
                if let local = edge.local { json.appendJSONNumbers(local) } else { json.append("null") }
                let isProduct =
                    edge.local.map { local in
                        local.count == upstream.count && edge.contribution.count == local.count
                            && zip(zip(local, upstream), edge.contribution).allSatisfy {
                                ($0.0 * $0.1).bitPattern == $1.bitPattern
                            }
                    } ?? false
                if !isProduct {
                    json.append(UInt8(ascii: ","))
                    json.appendJSONNumbers(edge.contribution)
                }
                json.append(UInt8(ascii: "]"))
            }
            json.append(UInt8(ascii: "]"))
        }
        json.append(UInt8(ascii: "]"))
    }

    // MARK: - JSON helpers

    private enum JSONField {
        case string(String)
        case strings([String])
        case number(Double)
        case bool(Bool)
    }

    private static func appendObject(_ name: String, _ fields: [(String, JSONField)], to json: inout TextBuffer) {
        json.append("{\"" + name + "\": ")
        appendFields(fields, to: &json)
        json.append(UInt8(ascii: "}"))
    }

    private static func appendFields(_ fields: [(String, JSONField)], to json: inout TextBuffer) {
        json.append(UInt8(ascii: "{"))
        for (position, (key, value)) in fields.enumerated() {
            if position > 0 { json.append(", ") }
            json.appendJSONString(key)
            json.append(": ")
            switch value {
            case .string(let text): json.appendJSONString(text)
            case .strings(let texts):
                json.append(UInt8(ascii: "["))
                for (index, text) in texts.enumerated() {
                    if index > 0 { json.append(", ") }
                    json.appendJSONString(text)
                }
                json.append(UInt8(ascii: "]"))
            case .number(let number): json.appendJSONNumber(number)
            case .bool(let flag): json.append(flag ? "true" : "false")
            }
        }
        json.append(UInt8(ascii: "}"))
    }

    private static func appendIntegers(_ values: [Int], to json: inout TextBuffer) {
        json.append(UInt8(ascii: "["))
        for (position, value) in values.enumerated() {
            if position > 0 { json.append(", ") }
            json.append(value)
        }
        json.append(UInt8(ascii: "]"))
    }
}
