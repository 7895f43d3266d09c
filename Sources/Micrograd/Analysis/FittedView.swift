/// A view of a snapshot small enough to draw: the requested one when it fits a node
/// budget, else the deepest collapse that does.
///
/// A view fits when it lays out at most `maxNodes` nodes and at most `maxEdges` edges
/// (twice as many as nodes by default: two layers of 16 neurons drawn one box each are
/// 32 nodes but 256 edges, too dense to read). When the requested options set no depth
/// and their view does not fit, scopes are collapsed from the deepest level up until the view fits; if even
/// collapsing every scope is not enough, repeated structure is rolled too (again from
/// the deepest level up). A depth the caller chose is kept, fitting or not.
///
/// ```swift
/// let fitted = FittedView(snapshot, options: GraphViewOptions(), maxNodes: 150, countingOperations: true)
/// if fitted.collapsedAutomatically { print("collapsed to depth \(fitted.options.depth!)") }
/// let dot = fitted.view.dot()
/// ```
public struct FittedView: Sendable {
    /// The view to draw.
    public let view: GraphView
    /// The options that made it: the requested ones, with the depth and rolling chosen here.
    public let options: GraphViewOptions
    /// How many nodes its diagram lays out (see ``GraphView/drawnNodeCount(countingOperations:)``).
    public let nodeCount: Int
    /// How many edges its diagram draws (see ``GraphView/drawnEdgeCount(countingOperations:)``).
    public let edgeCount: Int
    /// How many nodes the requested options would have laid out.
    public let requestedNodeCount: Int
    /// How many edges the requested options would have drawn.
    public let requestedEdgeCount: Int
    /// Whether the view is within the budget.
    public let fits: Bool
    /// Whether scopes were collapsed or repeats rolled to fit.
    public var collapsedAutomatically: Bool { options != requested }

    private let requested: GraphViewOptions

    /// Fits `snapshot`'s view into `maxNodes` nodes and `maxEdges` edges.
    ///
    /// - Parameters:
    ///   - snapshot: The full graph.
    ///   - options: The requested view.
    ///   - maxNodes: The most nodes a diagram should lay out.
    ///   - maxEdges: The most edges it should draw; `nil` for twice `maxNodes`.
    ///   - countingOperations: Whether operations drawn as their own nodes count (the
    ///     record style draws them; the compact style does not).
    /// - Complexity: O((n + e) log n · d) for scopes nested d deep.
    public init(
        _ snapshot: GraphSnapshot, options: GraphViewOptions, maxNodes: Int, maxEdges: Int? = nil,
        countingOperations: Bool
    ) {
        let edgeLimit = maxEdges ?? 2 * maxNodes
        let tree = ScopeTree(snapshot)
        typealias Attempt = (
            options: GraphViewOptions, grouping: (NodeGrouping, [String])?, size: (nodes: Int, edges: Int)
        )
        // A focus needs the drawn graph; anything else is counted on the groups alone, or,
        // for the graph node for node, on the snapshot.
        func attempt(_ options: GraphViewOptions) -> Attempt {
            if options.focus != nil {
                let view = GraphView(snapshot, options: options)
                return (
                    options, nil,
                    (
                        view.drawnNodeCount(countingOperations: countingOperations),
                        view.drawnEdgeCount(countingOperations: countingOperations)
                    )
                )
            }
            if options.depth == nil && !options.rollsRepeats {
                var size = (nodes: snapshot.nodes.count, edges: 0)
                for index in snapshot.nodes.indices {
                    size.edges += snapshot.nodes[index].inputs.count
                    if countingOperations && snapshot.nodes[index].op != nil {
                        size.nodes += 1
                        size.edges += 1
                    }
                }
                return (options, nil, size)
            }
            let grouping = GraphView.grouping(of: snapshot, tree: tree, options: options)
            return (options, grouping, grouping.grouping.drawnSize(countingOperations: countingOperations))
        }
        func fits(_ size: (nodes: Int, edges: Int)) -> Bool { size.nodes <= maxNodes && size.edges <= edgeLimit }
        let first = attempt(options)
        var best = first
        requested = options
        requestedNodeCount = first.size.nodes
        requestedEdgeCount = first.size.edges
        if !fits(first.size) && options.depth == nil {
            let deepest = tree.maximumDepth
            // Without rolling first, every depth from the deepest up; then with it.
            var candidates: [GraphViewOptions] = []
            for rolls in options.rollsRepeats ? [true] : [false, true] {
                for depth in stride(from: deepest, through: 0, by: -1) {
                    if depth == deepest && rolls == options.rollsRepeats { continue }  // the requested view
                    var candidate = options
                    candidate.depth = depth == deepest ? nil : depth
                    candidate.rollsRepeats = rolls
                    candidates.append(candidate)
                }
            }
            for candidate in candidates {
                let tried = attempt(candidate)
                if fits(tried.size) || tried.size.nodes + tried.size.edges < best.size.nodes + best.size.edges {
                    best = tried
                }
                if fits(tried.size) { break }
            }
        }
        if let (grouping, split) = best.grouping {
            view = GraphView(grouping: grouping, splitScopes: split)
        } else {
            view = GraphView(snapshot, options: best.options)
        }
        self.options = best.options
        nodeCount = best.size.nodes
        edgeCount = best.size.edges
        self.fits = fits(best.size)
    }
}
