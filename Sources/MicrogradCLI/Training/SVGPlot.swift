import MicrogradViz

/// A small SVG writer for plots: numbers always with two decimals, so the same
/// data gives the same bytes.
struct SVGPlot {
    let width: Double
    let height: Double
    private var body = ""
    private let number = NumberFormat(precision: 2)

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A number as SVG wants it.
    func n(_ value: Double) -> String { number.format(value) }

    mutating func add(_ element: String) {
        body += "  " + element + "\n"
    }

    /// `text` with `& < > "` escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    mutating func text(
        _ text: String, x: Double, y: Double, anchor: String = "middle", size: Int = 12, rotate: Bool = false
    ) {
        let transform = rotate ? " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" : ""
        add(
            "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\"\(transform)>\(Self.escape(text))</text>"
        )
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String, width: Double = 1) {
        add(
            "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(color)\" stroke-width=\"\(n(width))\"/>"
        )
    }

    /// The whole document.
    var document: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" font-family="Helvetica, Arial, sans-serif">
          <rect width="100%" height="100%" fill="white"/>
        \(body)</svg>

        """
    }
}
