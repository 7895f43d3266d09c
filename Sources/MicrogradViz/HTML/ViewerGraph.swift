import Micrograd

/// One graph of a ``ViewerPage``: a snapshot, the diagrams drawn of it, and what the
/// page can lay over them.
///
/// Each part is optional beyond the snapshot. ``views`` are diagrams laid out ahead
/// (every value, scopes collapsed at some depth, a focused part); ``layers`` are named
/// overlays a reader switches on and off, drawn in the browser on whichever view is
/// shown; ``sequences`` are ordered steps a slider walks through, such as the backward
/// pass. ``ViewerGraph/rendered(_:title:step:options:backwardOrder:render:)`` makes one with
/// everything the library can compute today.
public struct ViewerGraph: Sendable {
    /// What the graph is, such as `after backward()` or `step 25`.
    public var title: String
    /// For a graph of a training run, the step it was taken at, which places it on the charts.
    public var step: Int?
    /// The graph itself: every value, with its numbers.
    public var snapshot: GraphSnapshot
    /// The diagrams, in the order the view menu lists them; none when the graph is too big to lay out.
    public var views: [ViewerView]
    /// Which view is shown first.
    public var initialView: Int
    /// Each edge's local derivative and the gradient it carries, shown in the side panel, if computed.
    public var edgeDerivatives: EdgeDerivatives?
    /// Overlays a reader can switch on and off.
    public var layers: [ViewerLayer]
    /// Ordered steps a slider walks through.
    public var sequences: [ViewerSequence]
    /// Text shown above the diagram, such as why a view is missing.
    public var notes: [String]

    /// Creates a graph from its parts.
    ///
    /// - Parameters:
    ///   - title: What the graph is.
    ///   - step: The training step it was taken at, if any.
    ///   - snapshot: The graph.
    ///   - views: Diagrams of it, laid out ahead.
    ///   - initialView: Which view is shown first.
    ///   - edgeDerivatives: Edge values for the side panel, if computed.
    ///   - layers: Overlays that can be switched on.
    ///   - sequences: Ordered steps for the slider.
    ///   - notes: Text shown above the diagram.
    public init(
        title: String, step: Int? = nil, snapshot: GraphSnapshot, views: [ViewerView] = [], initialView: Int = 0,
        edgeDerivatives: EdgeDerivatives? = nil, layers: [ViewerLayer] = [], sequences: [ViewerSequence] = [],
        notes: [String] = []
    ) {
        precondition(views.isEmpty || views.indices.contains(initialView), "initialView must index views")
        self.title = title
        self.step = step
        self.snapshot = snapshot
        self.views = views
        self.initialView = initialView
        self.edgeDerivatives = edgeDerivatives
        self.layers = layers
        self.sequences = sequences
        self.notes = notes
    }
}
