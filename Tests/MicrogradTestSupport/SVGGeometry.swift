import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Where Graphviz put things in an SVG it rendered: the picture's size, each node's
/// centre (by the title Graphviz gives it, such as `n3_op`) and each cluster's box (by
/// its name, such as `cluster_mlp/layer0`). Coordinates are in points, `y` growing
/// downwards as on screen.
///
/// Text widths depend on the fonts a machine has, so tests compare ratios and orders,
/// not pixels.
public final class SVGGeometry: NSObject, XMLParserDelegate {
    /// A rectangle: the smallest box around a shape's points.
    public struct Box: Sendable, Equatable {
        public var minX, minY, maxX, maxY: Double
        /// The box's centre.
        public var center: (x: Double, y: Double) { ((minX + maxX) / 2, (minY + maxY) / 2) }
    }

    /// The picture's width and height in points, from the `svg` element.
    public private(set) var size: (width: Double, height: Double) = (0, 0)
    /// Each node's box, by its title.
    public private(set) var nodes: [String: Box] = [:]
    /// Each cluster's box, by its title.
    public private(set) var clusters: [String: Box] = [:]
    /// Whether the document could be read.
    public private(set) var isWellFormed = true

    /// The offset Graphviz's top-level `transform` adds (`translate(4 740)`).
    private var translation: (x: Double, y: Double) = (0, 0)
    /// The kind and title of each open `g` that is a node or a cluster.
    private var groups: [(kind: String, title: String?)?] = []
    private var readingTitle = false
    private var title = ""

    /// Reads an SVG document Graphviz wrote.
    public init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        isWellFormed = parser.parse()
    }

    /// Width over height: above 1 for a landscape picture.
    public var aspectRatio: Double { size.width / size.height }

    public func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "svg":
            size = (Self.points(attributes["width"]), Self.points(attributes["height"]))
        case "g":
            let kind = attributes["class"]
            if kind == "graph", let transform = attributes["transform"] {
                translation = Self.translation(in: transform)
            }
            groups.append(kind == "node" || kind == "cluster" ? (kind!, nil) : nil)
        case "title":
            readingTitle = true
            title = ""
        case "ellipse":
            if let cx = Double(attributes["cx"] ?? ""), let cy = Double(attributes["cy"] ?? ""),
                let rx = Double(attributes["rx"] ?? ""), let ry = Double(attributes["ry"] ?? "")
            {
                record(Box(minX: cx - rx, minY: cy - ry, maxX: cx + rx, maxY: cy + ry))
            }
        case "polygon":
            record(Self.box(of: attributes["points"] ?? ""))
        case "path":
            record(Self.box(of: attributes["d"] ?? ""))
        default: break
        }
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        if readingTitle { title += string }
    }

    public func parser(
        _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
    ) {
        if element == "title" {
            readingTitle = false
            if let index = groups.lastIndex(where: { $0 != nil }), groups[index]!.title == nil {
                groups[index]!.title = title
            }
        }
        if element == "g" { _ = groups.popLast() }
    }

    /// Adds a shape to the node or cluster being read: the first shape of a group is its outline.
    private func record(_ box: Box?) {
        guard var box, let group = groups.last(where: { $0 != nil }) ?? nil, let title = group.title else { return }
        box.minX += translation.x
        box.maxX += translation.x
        box.minY += translation.y
        box.maxY += translation.y
        if group.kind == "node" {
            if nodes[title] == nil { nodes[title] = box }
        } else if clusters[title] == nil {
            clusters[title] = box
        }
    }

    /// `123pt` as 123.
    private static func points(_ text: String?) -> Double {
        Double((text ?? "").replacingOccurrences(of: "pt", with: "")) ?? 0
    }

    /// The `translate(x y)` of a transform.
    private static func translation(in transform: String) -> (x: Double, y: Double) {
        guard let start = transform.range(of: "translate(") else { return (0, 0) }
        let numbers = transform[start.upperBound...].prefix { $0 != ")" }
            .split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : (0, 0)
    }

    /// The box around the numbers of a `points` list or a path (`M1,2C3,4 …`).
    private static func box(of text: String) -> Box? {
        let numbers = text.split(whereSeparator: { !"-.0123456789".contains($0) }).compactMap { Double($0) }
        guard numbers.count >= 4 else { return nil }
        let xs = stride(from: 0, to: numbers.count - 1, by: 2).map { numbers[$0] }
        let ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
        return Box(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!)
    }
}
