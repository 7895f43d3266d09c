/// A graph derived from a snapshot for drawing: a chosen part of it, whole module
/// scopes merged into one node each, repeated structure rolled into one node, or the
/// neighbourhood of one value.
///
/// The drawn graph, ``graph``, keeps a snapshot's invariants: ids are dense, every
/// node's inputs come before it, and the snapshot's root, when it is drawn, is last.
/// ``origins`` says what each drawn node stands for, and each drawn edge lists the
/// values that flow along it, so a writer can say `16 values` on an edge between two
/// merged layers.
///
/// ```swift
/// let full = GraphView(snapshot)                                    // every node
/// let part = GraphView(snapshot, keeping: [3, 4, 7])                 // a subgraph
/// let layers = GraphView(snapshot, collapsing: ["mlp/layer0", "mlp/layer1"])
/// let neurons = GraphView(snapshot, options: GraphViewOptions(depth: 2))   // every neuron one node
/// ```
public struct GraphView: Sendable {
    /// What a drawn node stands for.
    public enum Origin: Sendable, Equatable {
        /// One node of the snapshot, by id.
        case value(Int)
        /// A whole scope, or several identical sibling scopes rolled together, merged into one node.
        case scope(CollapsedScope)
        /// Several values outside any merged scope drawn as one node: repeated identical
        /// values (`152 × relu`) or a chain of one operation (a sum of many terms).
        case values(CollapsedValues)
    }

    /// A module scope drawn as one node, or several identical sibling scopes rolled into one.
    public struct CollapsedScope: Sendable, Equatable {
        /// The scope's path, such as `mlp/layer0`; for rolled scopes, the first one's.
        public let path: String
        /// Its last component, such as `layer0`; for rolled scopes a range such as `neuron0–15`.
        public let name: String
        /// The ids of every snapshot node in the scope (or the rolled scopes) and the scopes
        /// nested in it, ascending.
        public let members: [Int]
        /// The members whose values leave the scope (used outside it, or the root), ascending.
        public let outputs: [Int]
        /// The members that are parameters, ascending.
        public let parameters: [Int]
        /// The paths of the scopes drawn as this node: one, or every rolled copy in graph order.
        public let paths: [String]
        /// What the scope computes, in one line derived from its structure, such as
        /// `relu(w·x + b)`, `16 × relu(w·x + b)` or `relu(x @ W + b)`; see ``ScopeFormula``.
        public let computes: String
        /// The gradient of every parameter element in the scope, summarised.
        public let parameterGradient: Summary

        /// How many identical scopes this node stands for: 1 unless rolled.
        public var copies: Int { paths.count }

        /// The outputs that are computed rather than parameters (a parameter leaves a scope
        /// when something outside uses it, such as a weight penalty); all outputs if every
        /// output is a parameter. The drawn node's data and grad are these values'.
        public var results: [Int] {
            // Both lists are ascending: walk them side by side.
            var computed: [Int] = []
            var next = 0
            for id in outputs {
                while next < parameters.count && parameters[next] < id { next += 1 }
                if next < parameters.count && parameters[next] == id { continue }
                computed.append(id)
            }
            return computed.isEmpty ? outputs : computed
        }
    }

    /// Values outside any merged scope drawn as one node.
    public struct CollapsedValues: Sendable, Equatable {
        /// Why these values are one node.
        public enum Kind: Sendable, Equatable {
            /// Values with the same operation (or none) whose inputs come from the same drawn
            /// nodes, such as one ReLU per example of a batch: rolled into one node `× n`.
            case repeated
            /// A chain of one associative operation (`+` or `*`), each link used only by the
            /// next, such as `a + b + c + …`: drawn as one sum or product.
            case chain
        }

        /// Why the values are one node.
        public let kind: Kind
        /// The operation of every member, or `nil` for leaves.
        public let op: Op?
        /// The members' role, when they all have the same one; otherwise `.intermediate`.
        public let role: Role
        /// The scope path the values were recorded in (`""` at top level).
        public let scopePath: String
        /// The snapshot ids of the values, ascending.
        public let members: [Int]
        /// The members whose values leave the node (used elsewhere, or the root), ascending.
        public let outputs: [Int]
        /// What the node computes, in one line: `152 × relu(x)`, `sum of 152 values`, `304 inputs`.
        public let computes: String
    }

    /// The snapshot the view was made from.
    public let snapshot: GraphSnapshot
    /// What is drawn, with a snapshot's invariants; node `i` stands for ``origins``[i].
    public let graph: GraphSnapshot
    /// What each drawn node stands for.
    public let origins: [Origin]
    /// For each drawn node and each of its inputs (in the order of `graph.nodes[i].inputs`),
    /// the ids of the snapshot's values that flow along that edge.
    public let edgeValues: [[[Int]]]
    /// The drawn node that stands for the snapshot's root, if it is drawn.
    public let outputID: Int?
    /// For each drawn node, how many of its inputs are not drawn.
    public let hiddenInputCounts: [Int]
    /// For each drawn node, how many of the values that use it are not drawn.
    public let hiddenUserCounts: [Int]
    /// For each snapshot node, the drawn node that shows it (itself or its merged node), if any.
    public let drawnNodeOfValue: [Int?]
    /// Scopes that were asked to be merged but could not be, because merging them would
    /// have made a value depend on itself (a scope feeding a value outside it that feeds
    /// the scope again); their nested scopes were merged instead.
    public let splitScopes: [String]

    /// The whole snapshot, node for node.
    public init(_ snapshot: GraphSnapshot) {
        self.init(snapshot, keeping: snapshot.nodes.indices)
    }

    /// The part of `snapshot` made of the nodes in `ids`; edges to nodes left out are
    /// counted in ``hiddenInputCounts`` and ``hiddenUserCounts``.
    ///
    /// - Parameters:
    ///   - snapshot: The full graph.
    ///   - ids: The snapshot ids to keep; ids out of range are ignored.
    /// - Complexity: O(n + e).
    public init(_ snapshot: GraphSnapshot, keeping ids: some Sequence<Int>) {
        var kept = [Bool](repeating: false, count: snapshot.nodes.count)
        for id in ids where snapshot.nodes.indices.contains(id) { kept[id] = true }
        if !kept.contains(true) { kept[snapshot.rootID] = true }
        var drawnID = [Int?](repeating: nil, count: snapshot.nodes.count)
        var next = 0
        for id in snapshot.nodes.indices where kept[id] {
            drawnID[id] = next
            next += 1
        }
        var hiddenUsers = [Int](repeating: 0, count: next)
        for node in snapshot.nodes where !kept[node.id] {
            for input in node.inputs {
                if let drawn = drawnID[input] { hiddenUsers[drawn] += 1 }
            }
        }
        var nodes: [GraphSnapshot.Node] = []
        var origins: [Origin] = []
        var edgeValues: [[[Int]]] = []
        var hiddenInputs: [Int] = []
        nodes.reserveCapacity(next)
        origins.reserveCapacity(next)
        edgeValues.reserveCapacity(next)
        hiddenInputs.reserveCapacity(next)
        for id in snapshot.nodes.indices where kept[id] {
            var node = snapshot.nodes[id]
            node.id = drawnID[id]!
            node.inputs = snapshot.nodes[id].inputs.compactMap { drawnID[$0] }
            hiddenInputs.append(snapshot.nodes[id].inputs.count - node.inputs.count)
            edgeValues.append(snapshot.nodes[id].inputs.filter { kept[$0] }.map { [$0] })
            nodes.append(node)
            origins.append(.value(id))
        }
        let output = drawnID[snapshot.rootID]
        self.init(
            snapshot: snapshot, graph: GraphSnapshot(nodes: nodes, rootID: output ?? nodes.count - 1),
            origins: origins, edgeValues: edgeValues, outputID: output, hiddenInputCounts: hiddenInputs,
            hiddenUserCounts: hiddenUsers, drawnNodeOfValue: drawnID, splitScopes: [])
    }

    /// `snapshot` with each scope in `paths` (and everything nested in it) merged into
    /// one node. Edges between merged nodes are drawn once per pair, listing every value
    /// that flows. A scope nested in another listed scope is merged with the outer one.
    ///
    /// A scope whose merging would make the graph cyclic is not merged; its nested
    /// scopes are tried instead (see ``splitScopes``).
    ///
    /// - Parameters:
    ///   - snapshot: The full graph.
    ///   - paths: Scope paths such as `mlp/layer0`; unknown paths are ignored.
    /// - Complexity: O((n + e) · s) for s splits, usually none.
    public init(_ snapshot: GraphSnapshot, collapsing paths: some Sequence<String>) {
        self.init(snapshot, collapsing: paths, rollingRepeats: false)
    }

    /// `snapshot` with the scopes in `paths` merged, as ``init(_:collapsing:)``, and, when
    /// `rollingRepeats` is set, repeated identical structure rolled into one node: sibling
    /// scopes that compute the same thing from the same drawn inputs (the 16 neurons of a
    /// layer become one node `× 16`), unlabelled values that repeat an operation on the
    /// same drawn inputs (one ReLU per example), and chains of one addition or
    /// multiplication (a sum of many terms).
    ///
    /// - Parameters:
    ///   - snapshot: The full graph.
    ///   - paths: Scope paths such as `mlp/layer0`; unknown paths are ignored.
    ///   - rollingRepeats: Whether to roll repeated structure.
    /// - Complexity: O((n + e) · s) for s splits, usually none, plus O((n + e) log n) to roll.
    public init(_ snapshot: GraphSnapshot, collapsing paths: some Sequence<String>, rollingRepeats: Bool) {
        let tree = ScopeTree(snapshot)
        let (grouping, split) = Self.grouping(
            snapshot, tree: tree, collapsing: paths.compactMap { tree.scope(path: $0)?.id },
            rollingRepeats: rollingRepeats)
        self.init(grouping: grouping, splitScopes: split)
    }

    /// The groups of a view that merges the tree scopes `scopes` and, when asked, rolls
    /// repeats; with the scopes that had to be split to keep the graph acyclic.
    static func grouping(
        _ snapshot: GraphSnapshot, tree: ScopeTree, collapsing scopes: [Int], rollingRepeats: Bool
    ) -> (grouping: NodeGrouping, splitScopes: [String]) {
        var chosen = Set(scopes).subtracting([tree.root.id])
        var split: [String] = []
        while true {
            let grouping = NodeGrouping(snapshot: snapshot, tree: tree, scopes: chosen)
            let cyclic = grouping.scopesOnCycles()
            if cyclic.isEmpty { return (rollingRepeats ? grouping.rollingRepeats() : grouping, split) }
            for scope in cyclic {
                chosen.remove(scope)
                chosen.formUnion(tree.scopes[scope].children)
                split.append(tree.scopes[scope].path)
            }
        }
    }

    /// A view from its parts; the parts must be consistent (see the properties).
    init(
        snapshot: GraphSnapshot, graph: GraphSnapshot, origins: [Origin], edgeValues: [[[Int]]], outputID: Int?,
        hiddenInputCounts: [Int], hiddenUserCounts: [Int], drawnNodeOfValue: [Int?], splitScopes: [String]
    ) {
        self.snapshot = snapshot
        self.graph = graph
        self.origins = origins
        self.edgeValues = edgeValues
        self.outputID = outputID
        self.hiddenInputCounts = hiddenInputCounts
        self.hiddenUserCounts = hiddenUserCounts
        self.drawnNodeOfValue = drawnNodeOfValue
        self.splitScopes = splitScopes
    }

    /// The view of a grouping: one drawn node per group, in an order where every group
    /// comes after those it takes values from.
    init(grouping: NodeGrouping, splitScopes: [String]) {
        let snapshot = grouping.snapshot
        let order = grouping.topologicalOrder()
        var drawnID = [Int](repeating: 0, count: grouping.groupCount)
        for (position, group) in order.enumerated() { drawnID[group] = position }
        let outputs = grouping.outputsOfGroups()
        var nodes: [GraphSnapshot.Node] = []
        var origins: [Origin] = []
        var edgeValues: [[[Int]]] = []
        nodes.reserveCapacity(order.count)
        origins.reserveCapacity(order.count)
        edgeValues.reserveCapacity(order.count)
        for (position, group) in order.enumerated() {
            let origin = grouping.origin(of: group, outputs: outputs[group])
            guard case .value(let id) = origin else {
                let incoming = grouping.incoming[group]
                let inputs = incoming.keys.sorted { drawnID[$0] < drawnID[$1] }
                nodes.append(
                    grouping.mergedNode(
                        origin, id: position, inputs: inputs.map { drawnID[$0] }, members: grouping.members[group]))
                origins.append(origin)
                edgeValues.append(inputs.map { incoming[$0]!.sorted() })
                continue
            }
            var node = snapshot.nodes[id]
            node.id = position
            node.inputs = node.inputs.map { drawnID[grouping.groupOfNode[$0]] }
            nodes.append(node)
            origins.append(origin)
            edgeValues.append(snapshot.nodes[id].inputs.map { [$0] })
        }
        let output = drawnID[grouping.groupOfNode[snapshot.rootID]]
        self.init(
            snapshot: snapshot, graph: GraphSnapshot(nodes: nodes, rootID: output), origins: origins,
            edgeValues: edgeValues, outputID: output,
            hiddenInputCounts: [Int](repeating: 0, count: nodes.count),
            hiddenUserCounts: [Int](repeating: 0, count: nodes.count),
            drawnNodeOfValue: grouping.groupOfNode.map { drawnID[$0] }, splitScopes: splitScopes)
    }

    /// How many nodes a diagram of the view lays out: one per drawn node, plus, when
    /// `countingOperations`, one per operation drawn as its own node (the record style
    /// draws each computed value's operation as a small node beside it; merged nodes have none).
    ///
    /// - Complexity: O(n) in the drawn nodes.
    public func drawnNodeCount(countingOperations: Bool) -> Int {
        guard countingOperations else { return graph.nodes.count }
        var count = graph.nodes.count
        for index in graph.nodes.indices where graph.nodes[index].op != nil { count += 1 }
        return count
    }

    /// How many edges a diagram of the view draws: one per input of each drawn node, plus,
    /// when `countingOperations`, one from each operation node to its value.
    ///
    /// - Complexity: O(n) in the drawn nodes.
    public func drawnEdgeCount(countingOperations: Bool) -> Int {
        var count = 0
        for index in graph.nodes.indices {
            count += graph.nodes[index].inputs.count
            if countingOperations && graph.nodes[index].op != nil { count += 1 }
        }
        return count
    }

    /// Whether any drawn node stands for several values.
    public var mergesValues: Bool {
        origins.contains { if case .value = $0 { false } else { true } }
    }
}
