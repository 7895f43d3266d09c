/// What ``ViewerGraph/rendered(_:title:step:options:backwardOrder:render:)`` draws and computes for a graph.
public struct ViewerOptions: Sendable {
    /// How diagrams look. The page recolours them for its dark theme, so they are always
    /// drawn in the light theme; whether scopes are drawn as boxes is decided per view
    /// by ``scopeBoxLimit``.
    public var diagram: DOTOptions
    /// The most nodes a diagram may have to be laid out; bigger ones are left out (Graphviz
    /// takes minutes for a few thousand). The page still reaches every value through search.
    public var renderLimit: Int
    /// Scopes are drawn as boxes in diagrams of at most this many nodes (boxes slow Graphviz down).
    public var scopeBoxLimit: Int
    /// Whether to add a diagram for each scope depth, with the scopes at that depth merged into one box each.
    public var collapsedViews: Bool
    /// Whether to compute each edge's local derivative and gradient for the side panel and an edge layer.
    public var edgeDerivatives: Bool
    /// Whether to add the backward pass as a sequence of steps (when every value is drawn
    /// and the graph was taken after `backward()`, its output's gradient not zero).
    public var backwardSteps: Bool

    /// The most nodes and edges of the diagram a page opens on: a bigger graph opens on a
    /// view that merges scopes, readable at a glance (and quick to show), and the reader
    /// opens the others from there.
    public static let readableSize = 600

    /// Creates options.
    ///
    /// - Parameters:
    ///   - diagram: How diagrams look (drawn in the light theme).
    ///   - renderLimit: The most nodes a diagram may have (default 3,000).
    ///   - scopeBoxLimit: Scope boxes in diagrams of at most this many nodes (default 500).
    ///   - collapsedViews: Whether to add a diagram per scope depth.
    ///   - edgeDerivatives: Whether to compute edge derivatives.
    ///   - backwardSteps: Whether to add the backward pass as steps.
    public init(
        diagram: DOTOptions = DOTOptions(), renderLimit: Int = 3_000, scopeBoxLimit: Int = 500,
        collapsedViews: Bool = true, edgeDerivatives: Bool = true, backwardSteps: Bool = true
    ) {
        self.diagram = diagram
        self.renderLimit = renderLimit
        self.scopeBoxLimit = scopeBoxLimit
        self.collapsedViews = collapsedViews
        self.edgeDerivatives = edgeDerivatives
        self.backwardSteps = backwardSteps
    }
}
