/// An image format Graphviz renders in-process.
public enum RenderFormat: String, Sendable, CaseIterable {
    /// Scalable vector graphics; tooltips show on hover. From Graphviz's core plugin.
    case svg
    /// A bitmap, from Graphviz's cairo/pango plugin.
    case png
    /// A vector PDF, from Graphviz's cairo/pango plugin.
    case pdf

    /// The file extension, which is also Graphviz's name for the format.
    public var fileExtension: String { rawValue }
}
