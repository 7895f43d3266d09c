/// A picture made elsewhere, such as a decision boundary or a diagnostics plot, shown
/// in the page as inline SVG with a caption.
public struct ViewerFigure: Sendable {
    /// The caption.
    public var title: String
    /// The picture, as an SVG document.
    public var svg: String

    /// Creates a figure.
    ///
    /// - Parameters:
    ///   - title: The caption.
    ///   - svg: An SVG document; its XML prologue and namespace URLs are dropped in the page.
    public init(title: String, svg: String) {
        self.title = title
        self.svg = svg
    }
}
