/// A named overlay a reader switches on and off in the page: colours, tags and notes on
/// values, labels on edges, and entries in a key, drawn in the browser on whichever view
/// is shown, without laying the graph out again.
///
/// Its marks are a ``DiagramOverlay`` whose node ids are the **snapshot's** ids (the
/// page finds where each value is drawn in each view). In the page, a node's `fill`,
/// `border`, `penWidth` and `dashed` restyle its box, `fontColor` its text, its `tag` is
/// drawn above the box, and its tag, `lines` and `tooltipLines` are listed in the side panel; an edge's
/// `label` is drawn at the middle of the edge, its `tooltip` is shown on hover and in
/// the panel, and `color`, `penWidth` and `dashed` restyle it. Draw the marks for the
/// light theme: the page shows a light-theme colour in its dark counterpart in the dark theme.
///
/// ```swift
/// var overlay = DiagramOverlay()
/// overlay.nodes[7] = .init(fill: "#fecaca", tag: "dead ReLU")
/// let layer = ViewerLayer(id: "findings", title: "Gradient findings", overlay: overlay)
/// ```
public struct ViewerLayer: Sendable {
    /// A short stable name, such as `edge-derivatives`.
    public var id: String
    /// What the layer's switch says.
    public var title: String
    /// A sentence saying what the layer shows, next to its switch.
    public var summary: String?
    /// The marks, by snapshot id.
    public var overlay: DiagramOverlay
    /// Whether the layer is on when the page opens.
    public var isOnInitially: Bool

    /// Creates a layer.
    ///
    /// - Parameters:
    ///   - id: A short stable name.
    ///   - title: What the layer's switch says.
    ///   - summary: What the layer shows, in a sentence.
    ///   - overlay: The marks, by snapshot id.
    ///   - isOnInitially: Whether it is on when the page opens.
    public init(
        id: String, title: String, summary: String? = nil, overlay: DiagramOverlay, isOnInitially: Bool = false
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.overlay = overlay
        self.isOnInitially = isOnInitially
    }
}
