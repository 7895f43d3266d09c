/// An image format Graphviz renders in-process.
public enum RenderFormat: String, Sendable, CaseIterable {
    /// Scalable vector graphics; tooltips show on hover. From Graphviz's core plugin.
    case svg
    /// A bitmap, from Graphviz's cairo/pango plugin.
    case png
    /// A vector PDF, from Graphviz's cairo/pango plugin.
    case pdf
    /// Not an image: the laid-out graph as Graphviz's JSON (`json0`), with every node's
    /// position and size and every edge's spline, to pin a layout across several drawings.
    case layoutJSON = "json0"

    /// The image formats: SVG, PNG and PDF.
    public static var allCases: [RenderFormat] { [.svg, .png, .pdf] }

    /// The file extension, which is also Graphviz's name for the format (`json` for the layout).
    public var fileExtension: String { self == .layoutJSON ? "json" : rawValue }
}
