/// How to make a big graph's diagram smaller: collapse scopes below a depth (keeping
/// chosen ones open), roll repeated structure, and keep only a value's neighbourhood.
///
/// ```swift
/// var options = GraphViewOptions(depth: 2)                   // every neuron one node
/// options.expanded = ["mlp/layer2"]                            // except the output layer's
/// options.focus = .init(target: .value(loss.id), radius: 3)   // near the loss only
/// let view = GraphView(snapshot, options: options)
/// ```
public struct GraphViewOptions: Sendable, Equatable {
    /// What a focus centres on.
    public enum FocusTarget: Sendable, Equatable {
        /// One value, by snapshot id; when it is inside a merged node, that node.
        case value(Int)
        /// Every drawn node showing a value of this scope (the scope's node when it is merged).
        case scope(String)
    }

    /// A neighbourhood to keep.
    public struct Focus: Sendable, Equatable {
        /// The centre.
        public var target: FocusTarget
        /// How many steps along edges, towards inputs and towards users, to keep; `nil` for
        /// every ancestor and descendant.
        public var radius: Int?

        /// Creates a focus.
        ///
        /// - Parameters:
        ///   - target: The centre.
        ///   - radius: Steps kept on each side, or `nil` for all.
        public init(target: FocusTarget, radius: Int?) {
            precondition(radius.map { $0 >= 0 } ?? true, "a focus radius is zero or more")
            self.target = target
            self.radius = radius
        }
    }

    /// Scopes nested deeper than this become one node each (see
    /// ``ScopeTree/collapsedScopes(depth:expanding:)``); `nil` collapses none.
    public var depth: Int?
    /// Paths of scopes kept open whatever ``depth`` says.
    public var expanded: [String]
    /// Whether repeated identical structure is rolled into one node (see
    /// ``GraphView/init(_:collapsing:rollingRepeats:)``).
    public var rollsRepeats: Bool
    /// The neighbourhood to keep, if any.
    public var focus: Focus?

    /// Creates options; by default the whole graph, node for node.
    ///
    /// - Parameters:
    ///   - depth: Collapse scopes deeper than this; `nil` for none.
    ///   - expanded: Scopes kept open.
    ///   - rollsRepeats: Whether to roll repeated structure.
    ///   - focus: A neighbourhood to keep.
    public init(depth: Int? = nil, expanded: [String] = [], rollsRepeats: Bool = false, focus: Focus? = nil) {
        precondition(depth.map { $0 >= 0 } ?? true, "a collapse depth is zero or more")
        self.depth = depth
        self.expanded = expanded
        self.rollsRepeats = rollsRepeats
        self.focus = focus
    }

    /// Whether the options draw the whole graph node for node.
    public var drawsEverything: Bool { depth == nil && !rollsRepeats && focus == nil }
}

extension GraphView {
    /// The view of `snapshot` that `options` describe: scopes collapsed, then repeats
    /// rolled, then the focus kept.
    ///
    /// - Parameters:
    ///   - snapshot: The full graph.
    ///   - options: What to collapse, roll and keep.
    /// - Complexity: O((n + e) log n).
    public init(_ snapshot: GraphSnapshot, options: GraphViewOptions) {
        var view: GraphView
        if options.depth == nil && !options.rollsRepeats {
            view = GraphView(snapshot)
        } else {
            let tree = ScopeTree(snapshot)
            let (grouping, split) = Self.grouping(
                snapshot, tree: tree, collapsing: Self.scopes(collapsedBy: options, in: tree),
                rollingRepeats: options.rollsRepeats)
            view = GraphView(grouping: grouping, splitScopes: split)
        }
        if let focus = options.focus {
            view = view.focused(on: view.drawnNodes(of: focus.target), radius: focus.radius)
        }
        self = view
    }

    /// The drawn nodes that show `target`, ascending.
    public func drawnNodes(of target: GraphViewOptions.FocusTarget) -> [Int] {
        switch target {
        case .value(let id):
            guard drawnNodeOfValue.indices.contains(id), let drawn = drawnNodeOfValue[id] else { return [] }
            return [drawn]
        case .scope(let path):
            let tree = ScopeTree(snapshot)
            guard let scope = tree.scope(path: path) else { return [] }
            return Set(tree.allNodeIDs(in: scope).compactMap { drawnNodeOfValue[$0] }).sorted()
        }
    }

    /// The tree scopes `options` collapse, by id.
    static func scopes(collapsedBy options: GraphViewOptions, in tree: ScopeTree) -> [Int] {
        guard let depth = options.depth else { return [] }
        return tree.collapsedScopes(depth: depth, expanding: options.expanded).map(\.id)
    }

    /// The groups of the view `options` describe, before any focus.
    static func grouping(
        of snapshot: GraphSnapshot, tree: ScopeTree, options: GraphViewOptions
    ) -> (grouping: NodeGrouping, splitScopes: [String]) {
        grouping(
            snapshot, tree: tree, collapsing: scopes(collapsedBy: options, in: tree),
            rollingRepeats: options.rollsRepeats)
    }
}

extension NodeGrouping {
    /// How many nodes and edges a diagram of this grouping lays out (see
    /// ``GraphView/drawnNodeCount(countingOperations:)``), without making the view.
    func drawnSize(countingOperations: Bool) -> (nodes: Int, edges: Int) {
        var nodes = groupCount
        var edges = 0
        for group in 0..<groupCount {
            guard kinds[group] == .value else {
                edges += incoming[group].count
                continue
            }
            let node = members[group][0]
            edges += snapshot.nodes[node].inputs.count
            if countingOperations && snapshot.nodes[node].op != nil {
                nodes += 1
                edges += 1
            }
        }
        return (nodes, edges)
    }
}
