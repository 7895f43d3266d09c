/// A small SVG writer for plots: numbers always with two decimals, so the same
/// data gives the same bytes.
///
/// ```swift
/// var plot = SVGPlot(width: 320, height: 200)
/// plot.line(x1: 10, y1: 190, x2: 310, y2: 10, color: "#2563eb")
/// plot.text("rising", x: 160, y: 20)
/// let svg: String = plot.document
/// ```
public struct SVGPlot {
    /// The width in pixels.
    public let width: Double
    /// The height in pixels.
    public let height: Double
    private var body = ""
    private let number = NumberFormat(precision: 2)

    /// An empty plot of this size on a white background.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A number as SVG wants it.
    public func n(_ value: Double) -> String { number.format(value) }

    /// Adds an SVG element, given as text.
    public mutating func add(_ element: String) {
        body += "  " + element + "\n"
    }

    /// `text` with `& < > "` escaped.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Adds text at a point: anchored `middle`, `start` or `end`, optionally turned to read upwards.
    public mutating func text(
        _ text: String, x: Double, y: Double, anchor: String = "middle", size: Int = 12, rotate: Bool = false
    ) {
        let transform = rotate ? " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" : ""
        add(
            "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\"\(transform)>\(Self.escape(text))</text>"
        )
    }

    /// Adds a straight line.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String, width: Double = 1) {
        add(
            "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(color)\" stroke-width=\"\(n(width))\"/>"
        )
    }

    /// The whole document.
    public var document: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" font-family="Helvetica, Arial, sans-serif">
          <rect width="100%" height="100%" fill="white"/>
        \(body)</svg>

        """
    }
}
