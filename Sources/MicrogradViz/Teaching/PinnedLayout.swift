import Foundation

/// One Graphviz layout, reused for several drawings of the same graph: every node keeps
/// its place and size and every edge its curve, whatever the drawings' labels say.
///
/// Laid out once (with every label at its longest), the graph's positions are written
/// into each drawing's DOT, which Graphviz then draws with its `nop2` engine (positions
/// as given, no layout). The frames of a backpropagation animation use it so that
/// stepping through them does not jump.
struct PinnedLayout {
    /// A node's place: centre in points, size in inches, as Graphviz writes them.
    struct NodePlace {
        let position: String
        let width: String
        let height: String
    }

    /// An edge's curve (`e,x,y x0,y0 …`) and its label's centre, if it has a label.
    struct EdgePlace {
        let spline: String
        let labelPosition: String?
    }

    /// Places by node name.
    let nodes: [String: NodePlace]
    /// Node names in the order Graphviz lists them.
    let nodeOrder: [String]
    /// Edges by tail and head; several between the same two nodes in the order they were written.
    let edges: [String: [EdgePlace]]
    /// How many edges there are.
    let edgeCount: Int
    /// The drawing's bounding box: left, bottom, right, top, in points.
    let box: (left: Double, bottom: Double, right: Double, top: Double)

    /// The layout of `dot`, by Graphviz's `dot` engine.
    ///
    /// - Throws: ``RenderError`` if Graphviz fails.
    init(laying dot: String) throws {
        let json = try GraphRenderer.render(dot: dot, format: .layoutJSON)
        try self.init(layoutJSON: json)
    }

    /// Reads Graphviz's `json0` output.
    init(layoutJSON: Data) throws {
        guard let graph = try JSONSerialization.jsonObject(with: layoutJSON) as? [String: Any],
            let boxText = graph["bb"] as? String
        else { throw RenderError(.layout, "Graphviz's layout has no bounding box") }
        let corners = boxText.split(separator: ",").compactMap { Double($0) }
        guard corners.count == 4 else {
            throw RenderError(.layout, "Graphviz's bounding box '\(boxText)' is malformed")
        }
        box = (corners[0], corners[1], corners[2], corners[3])
        var nodes: [String: NodePlace] = [:]
        var order: [String] = []
        var names: [Int: String] = [:]
        for object in graph["objects"] as? [[String: Any]] ?? [] where object["nodes"] == nil {
            guard let name = object["name"] as? String, let id = object["_gvid"] as? Int,
                let position = object["pos"] as? String, let width = object["width"] as? String,
                let height = object["height"] as? String
            else { continue }
            names[id] = name
            nodes[name] = NodePlace(position: position, width: width, height: height)
            order.append(name)
        }
        var edges: [String: [EdgePlace]] = [:]
        var edgeCount = 0
        for edge in graph["edges"] as? [[String: Any]] ?? [] {
            guard let tail = (edge["tail"] as? Int).flatMap({ names[$0] }),
                let head = (edge["head"] as? Int).flatMap({ names[$0] }), let spline = edge["pos"] as? String
            else { throw RenderError(.layout, "Graphviz's layout has an edge without a position") }
            edges[tail + " -> " + head, default: []].append(
                EdgePlace(spline: spline, labelPosition: edge["lp"] as? String))
            edgeCount += 1
        }
        self.edgeCount = edgeCount
        self.nodes = nodes
        self.nodeOrder = order
        self.edges = edges
    }

    /// `dot` with every node and edge pinned where this layout put them, ready for the
    /// `nop2` engine. `dot` must have the nodes and edges the layout was made from, edges
    /// in the same order (each on its own line, as ``Micrograd/GraphSnapshot/dot(options:overlay:)``
    /// writes them).
    ///
    /// - Parameter minimumWidth: The drawing is at least this wide, in points, so that a
    ///   title longer than the graph does not widen one drawing and not another.
    /// - Throws: ``RenderError`` if `dot` does not match the layout.
    func pin(_ dot: String, minimumWidth: Double = 0) throws -> String {
        var lines = dot.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var used: [String: Int] = [:]
        var pinnedEdges = 0
        for index in lines.indices {
            guard let (tail, head) = Self.edgeEnds(lines[index]) else { continue }
            let key = tail + " -> " + head
            let occurrence = used[key, default: 0]
            guard let place = edges[key], occurrence < place.count else {
                throw RenderError(.invalidGraph, "the drawing's edge \(key) is not in its pinned layout")
            }
            var pins = "pos=\"\(place[occurrence].spline)\""
            if let label = place[occurrence].labelPosition { pins += ", lp=\"\(label)\"" }
            lines[index] = Self.adding(pins, toStatement: lines[index])
            used[key] = occurrence + 1
            pinnedEdges += 1
        }
        guard pinnedEdges == edgeCount else {
            throw RenderError(.invalidGraph, "the drawing has \(pinnedEdges) edges, its pinned layout \(edgeCount)")
        }
        guard let closing = lines.lastIndex(where: { $0.hasPrefix("}") }) else {
            throw RenderError(.syntax, "the drawing's DOT has no closing brace")
        }
        var pins: [String] = []
        for name in nodeOrder {
            let place = nodes[name]!
            pins.append(
                "  \"\(name)\" [height=\"\(place.height)\", pos=\"\(place.position)\", width=\"\(place.width)\"];")
        }
        // Two invisible corners hold the drawing's size fixed whatever its labels are.
        let right = Swift.max(box.right, box.left + minimumWidth)
        for (name, x, y) in [("pin_corner_0", box.left, box.bottom), ("pin_corner_1", right, box.top)] {
            pins.append(
                "  \"\(name)\" [height=\"0.01\", label=\"\", pos=\"\(DOTEscaping.number(x)),\(DOTEscaping.number(y))\", "
                    + "style=\"invis\", width=\"0.01\"];")
        }
        lines.insert(contentsOf: pins, at: closing)
        return lines.joined(separator: "\n")
    }

    /// The tail and head of an edge statement line `  "a" -> "b" …;`, or `nil` for other lines.
    static func edgeEnds(_ line: String) -> (String, String)? {
        guard line.hasPrefix("  \""), let arrow = line.range(of: "\" -> \"") else { return nil }
        let tail = line[line.index(line.startIndex, offsetBy: 3)..<arrow.lowerBound]
        guard !tail.contains("\"") else { return nil }  // a quote inside a node's attributes
        guard let end = line[arrow.upperBound...].firstIndex(of: "\"") else { return nil }
        return (String(tail), String(line[arrow.upperBound..<end]))
    }

    /// A statement line ending `];` or `;` with more attributes.
    static func adding(_ attributes: String, toStatement line: String) -> String {
        if line.hasSuffix("];") { return String(line.dropLast(2)) + ", " + attributes + "];" }
        return String(line.dropLast()) + " [" + attributes + "];"
    }
}
