/// Graphviz settings that make `dot` lay out big graphs faster, at some cost to how
/// tidy the result is. Measured on this project's diagrams (see the README's "Big
/// graphs"): ranking clusters together with the rest of the graph took a 1,000-value
/// MLP with a box per neuron from over a minute to about 2 s.
///
/// ```swift
/// var options = DOTOptions()
/// options.layoutTuning = LayoutTuning(ranksClustersTogether: true)
/// ```
public struct LayoutTuning: Sendable, Equatable {
    /// Rank every node in one pass, clusters included (`newrank=true`), instead of each
    /// cluster on its own and then the whole: much faster with many scope boxes, and
    /// scope boxes may then share ranks with their neighbours.
    public var ranksClustersTogether: Bool
    /// Stop `dot`'s network-simplex passes (ranking and placing nodes) after this many
    /// iterations per node (`nslimit`, `nslimit1`): bounded time for big graphs, less
    /// straight edges. `nil` for no limit.
    public var searchLimit: Double?
    /// Move boxes apart after a force-directed layout (`overlap=prism`), which otherwise
    /// draws them on top of each other; `dot` never overlaps boxes.
    public var removesOverlaps: Bool

    /// Creates settings; by default Graphviz's own.
    ///
    /// - Parameters:
    ///   - ranksClustersTogether: Whether to write `newrank=true`.
    ///   - searchLimit: The `nslimit` and `nslimit1` factor, or `nil`.
    ///   - removesOverlaps: Whether to write `overlap=prism`.
    public init(ranksClustersTogether: Bool = false, searchLimit: Double? = nil, removesOverlaps: Bool = false) {
        self.ranksClustersTogether = ranksClustersTogether
        self.searchLimit = searchLimit
        self.removesOverlaps = removesOverlaps
    }

    /// Whether nothing is changed from Graphviz's defaults.
    public var isDefault: Bool { !ranksClustersTogether && searchLimit == nil && !removesOverlaps }

    /// The graph attributes written, sorted by name.
    var graphAttributes: [(String, String)] {
        var attributes: [(String, String)] = []
        if ranksClustersTogether { attributes.append(("newrank", "true")) }
        if let searchLimit {
            let limit = DOTEscaping.number(searchLimit)
            attributes += [("nslimit", limit), ("nslimit1", limit)]
        }
        if removesOverlaps { attributes.append(("overlap", "prism")) }
        return attributes
    }
}
