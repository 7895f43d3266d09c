/// How a diagram is laid out so that Graphviz finishes in seconds, not minutes: the
/// layout engine, and for big graphs the `dot` settings that keep its time in check.
///
/// Graphviz's `dot` slows down faster than the graph grows, and scope boxes
/// (clusters) are the worst case. Measured on this project's own diagrams (MLP loss
/// graphs of 300–3,500 values, record style, CPU seconds of a 2-core machine; see the
/// README's "Big graphs"): a 986-value graph with a box per neuron took over 48 s, and
/// 2.8 s once clusters are ranked with the whole graph (`newrank`), which for these
/// graphs is even faster than drawing no boxes at all (7.5 s); bounding the
/// network-simplex search that places the nodes (`nslimit`) takes it to about 1.3 s
/// with no visible difference. Hence:
///
/// - up to ``tuningThreshold`` nodes to lay out: Graphviz's defaults, untouched;
/// - above it, with scope boxes: `newrank=true`;
/// - above ``boundedSearchThreshold`` nodes: the search bounded as well;
/// - above ``slowThreshold`` nodes: a warning that the layout may still take minutes.
///
/// Choosing `dot` explicitly (``init(nodeCount:drawsScopes:requested:)`` with
/// `requested: .dot`) keeps Graphviz's defaults at any size: the full layout, forced.
/// `sfdp` and `neato` (force-directed) are offered for users who prefer them; on these
/// graphs they are not faster than tuned `dot` once boxes must not overlap.
///
/// ```swift
/// let plan = LayoutPlan(nodeCount: view.drawnNodeCount(countingOperations: true), drawsScopes: true)
/// var options = DOTOptions()
/// options.layoutTuning = plan.tuning
/// let svg = try GraphRenderer.render(dot: view.dot(options: options), format: .svg, layout: plan.engine.rawValue)
/// ```
public struct LayoutPlan: Sendable, Equatable {
    /// A Graphviz layout engine.
    public enum Engine: String, Sendable, CaseIterable {
        /// Layered, inputs to outputs: the lecture diagrams' layout.
        case dot
        /// Force-directed, multiscale: for very large graphs.
        case sfdp
        /// Force-directed (spring model).
        case neato
    }

    /// Above this many nodes to lay out, `dot` gets settings for speed.
    public static let tuningThreshold = 400
    /// Above this many, the network-simplex search is bounded too.
    public static let boundedSearchThreshold = 1_200
    /// Above this many, even tuned `dot` may take minutes on this kind of graph.
    public static let slowThreshold = 4_000
    /// The iterations per node the bounded search allows (`nslimit`, `nslimit1`): at half
    /// an iteration per node, the 1,000-value MLP's placement took 0.7 s instead of 2.5 s
    /// and looked the same.
    public static let searchLimit = 0.5
    /// How long one render of a layout the plan chose may take before it is stopped.
    public static let timeBudget: Duration = .seconds(60)

    /// The engine.
    public let engine: Engine
    /// The `dot` settings (Graphviz's defaults unless the graph is big).
    public let tuning: LayoutTuning
    /// What was changed from Graphviz's defaults and why, for the user; empty when nothing was.
    public let changes: [String]
    /// A warning when the layout may still take long, else `nil`.
    public let warning: String?
    /// How long a render may take: ``timeBudget`` when the plan chose the layout, `nil` (no
    /// limit) when the user asked for one, which forces the full layout however long it takes.
    public let timeLimit: Duration?

    /// Chooses how to lay out a diagram.
    ///
    /// - Parameters:
    ///   - nodeCount: The nodes Graphviz lays out (boxes and operation nodes).
    ///   - drawsScopes: Whether scope boxes (clusters) are drawn.
    ///   - requested: The engine the user chose, or `nil` to let the plan decide (`dot`, tuned).
    public init(nodeCount: Int, drawsScopes: Bool, requested: Engine? = nil) {
        engine = requested ?? .dot
        timeLimit = requested == nil ? Self.timeBudget : nil
        var changes: [String] = []
        var tuning = LayoutTuning()
        if requested == nil && nodeCount > Self.tuningThreshold {
            if drawsScopes {
                tuning.ranksClustersTogether = true
                changes.append("ranking the scope boxes together with the rest of the graph (newrank)")
            }
            if nodeCount > Self.boundedSearchThreshold {
                tuning.searchLimit = Self.searchLimit
                changes.append("bounding Graphviz's placement search (nslimit \(Self.searchLimit.formatted))")
            }
        }
        // Force-directed layouts place boxes on top of each other unless told not to.
        tuning.removesOverlaps = engine != .dot
        self.tuning = tuning
        self.changes = changes
        if nodeCount > Self.slowThreshold {
            warning = "laying out \(nodeCount) nodes may take Graphviz minutes"
        } else if requested == .dot && nodeCount > Self.tuningThreshold && drawsScopes {
            warning = "laying out \(nodeCount) nodes with scope boxes and Graphviz's default settings may take minutes"
        } else {
            warning = nil
        }
    }
}

extension Double {
    /// `2` for 2.0, `0.5` for 0.5.
    fileprivate var formatted: String { DOTEscaping.number(self) }
}
