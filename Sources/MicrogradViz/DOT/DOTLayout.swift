import Micrograd

/// The hints that make Graphviz's `dot` layout draw a graph the way a person would:
/// computed from the graph's structure and written by ``DOTWriter`` as ordinary DOT
/// attributes (`group`, edge `weight` and `minlen`, ports, invisible edges). Graphviz
/// still does all the layout.
///
/// - **Chains.** Each operation has one *through* input, the one the computation flows
///   along: the deepest input that is itself computed, or else an input (not a
///   parameter or constant). A value continues the chain of the first operation that
///   takes it as its through input. The nodes of a chain share a `group` and its edges
///   are heavy (`weight`), so that `dot` draws each chain as a straight line: a layer's
///   `matmul → add bias → activation`, a neuron's running sum, the loss. Parameters and
///   constants, which are never through inputs, sit beside the operation they feed.
/// - **Scope boxes follow each other.** An edge that enters a scope box from outside it
///   spans two ranks (`minlen`), so the parameters the box's first operation takes sit
///   inside the box rather than beside the previous box's output. Boxes then occupy
///   ranks of their own and line up along the main axis instead of forming a staircase.
/// - **Rows (left to right only).** When the chain that ends in the output passes
///   through three or more stages (runs of values in one scope, such as a tensor MLP's
///   layers and its loss) that are connected by a single value each, each stage becomes
///   a row, the rows stacked top to bottom in order and starting at the same column.
///   A row's first operation takes the previous row's output by an edge leaving that
///   output's bottom and entering the operation's top; the edge is written from the
///   operation to the value with `dir="back"`, which `dot` places like any forward
///   edge, and an invisible edge holds consecutive rows' first operations in one column
///   and in order. A long left-to-right line becomes a picture of slide proportions.
///   Rows need operation nodes (the `record` style), since Graphviz cannot keep record
///   boxes in order within a rank. Without scope boxes, each row is written in an
///   invisible box of its own, which keeps the end of one row from sliding between the
///   values of another; with them, leaves outside every box that feed the first row
///   (the network's input) are written first, which places them beside that row
///   instead of below the boxes, where their edge would cross the others.
/// - **Natural order.** Graphviz has no way to order sibling boxes (`ordering` does not
///   apply across clusters), and its search for fewer crossings reorders them freely.
///   When boxes or rows are drawn, that search is limited (`mclimit`), so `dot` keeps its
///   first ordering, which it builds from the order the boxes are written in. Drawing top
///   to bottom, `dot` places side by side boxes that do not feed each other (a layer's
///   neurons) with the one written last first, since it prepends each node to its list;
///   drawing left to right, it reverses each rank again and places the one written first
///   first. Such siblings are therefore written in reverse natural order top to bottom,
///   and in natural order otherwise, so they come out as `neuron0`, `neuron1`, … in both
///   directions. Boxes that feed each other (a network's layers) are ranked one after the
///   other anyway and are always written in natural order, which keeps each box's
///   parameters on the same side of the chain. Nodes side by side in one box that a
///   sibling box feeds (a collapsed layer's neurons) are placed along the edges from that
///   box instead, so drawing left to right writes them in reverse order too.
final class DOTLayout {
    /// The weight of an edge along a chain; other edges keep Graphviz's default of 1.
    static let chainWeight = "10"
    /// The weight of an edge along the chain that ends in the output, the drawing's main
    /// axis, where scope boxes follow each other on it (a tensor MLP's layers): heavy enough
    /// to keep it straight where it crosses from one box to the next. Where the chain runs
    /// through one of several boxes side by side (a scalar MLP's neurons), it keeps the
    /// ordinary chain weight, or it would pull each layer's first neuron into one column.
    static let spineWeight = "1000"
    /// The fewest stages drawn as rows.
    static let minimumRows = 3

    /// For each node, the id of the first node of its chain, or `nil` when the node
    /// is on no chain (a parameter, or a value nothing continues).
    let chainOf: [Int?]
    /// For each node, the operand slot whose edge continues a chain into it.
    let chainSlot: [Int?]
    /// Whether each node is on the chain that ends in the output, outside boxes side by side.
    private let onStraightSpine: [Bool]
    /// The scopes drawn as boxes, when they are drawn and the graph has any.
    let scopeTree: ScopeTree?
    /// With boxes, each node's scope id and each scope's parent (`-1` for the top level),
    /// copied out of ``scopeTree`` so that each edge reads them without copying the tree.
    private let scopeOfNode: [Int]
    private let parentOfScope: [Int]
    /// Row by row, the first value of each row after the first, and the operand slot
    /// of the edge that brings the previous row's output.
    let rowStarts: [(node: Int, slot: Int)]
    /// The first value of the first row, when there are rows.
    let firstRowStart: Int?
    /// When there are rows, each node's row (`nil` for none); empty otherwise. Without
    /// scope boxes, each row's nodes are written in an invisible box; with them, the
    /// leaves outside every box that feed the first row are written before the boxes, so
    /// that `dot` places them at the top, beside the row they feed.
    let rowOfNode: [Int?]
    /// The scopes with several children none of which takes a value from another.
    private let independentParents: Set<Int>
    /// The scopes whose own nodes are written in reverse order (see ``writingOrder(ofNodesIn:)``).
    private let reversedNodeScopes: Set<Int>
    /// The direction the graph is drawn in.
    private let rankDirection: RankDirection

    /// Plans the layout of `graph`.
    ///
    /// - Parameters:
    ///   - graph: The graph drawn.
    ///   - options: The writer's options: rows need left to right and the record style,
    ///     and scope boxes need `groupsScopes`.
    init(_ graph: GraphSnapshot, options: DOTOptions) {
        let count = graph.nodes.count
        let tree = options.groupsScopes ? ScopeTree(graph) : nil
        scopeTree = tree.flatMap { $0.scopes.count > 1 ? $0 : nil }
        let scopeOfNode = scopeTree?.scopeOfNode ?? []
        let parentOfScope = scopeTree?.scopes.map { $0.parent ?? -1 } ?? []
        self.scopeOfNode = scopeOfNode
        self.parentOfScope = parentOfScope
        rankDirection = options.rankDirection
        var through = [Int?](repeating: nil, count: count)
        // The input each through slot holds, so that later passes need not read the inputs again.
        var throughInput = [Int](repeating: -1, count: count)
        var continuation = [Int?](repeating: nil, count: count)
        var chainSlot = [Int?](repeating: nil, count: count)
        var chainOf = [Int?](repeating: nil, count: count)
        var spine = [graph.rootID]
        // Read the nodes in place: copying a node retains and releases each of its arrays.
        graph.nodes.withUnsafeBufferPointer { nodes in
            var depth = [Int](repeating: 0, count: count)
            var isLeaf = [Bool](repeating: true, count: count)
            for id in nodes.indices where !nodes[id].inputs.isEmpty {
                isLeaf[id] = false
                var bestSlot = 0
                var bestKey = -1
                for (slot, input) in nodes[id].inputs.enumerated() {
                    // Computed inputs first, the deepest; then data inputs before parameters and constants.
                    let key = isLeaf[input] ? (nodes[input].role == .input ? 1 : 0) : 2 + depth[input]
                    if key > bestKey { (bestSlot, bestKey) = (slot, key) }
                    depth[id] = max(depth[id], depth[input] + 1)
                }
                through[id] = bestSlot
                throughInput[id] = nodes[id].inputs[bestSlot]
            }
            // Each value continues the chain of its first user that takes it as the through input.
            for id in nodes.indices {
                guard let slot = through[id] else { continue }
                let input = throughInput[id]
                if continuation[input] == nil {
                    continuation[input] = id
                    chainSlot[id] = slot
                }
            }
            // The chain that ends in the output, first node first.
            while through[spine.last!] != nil, continuation[throughInput[spine.last!]] == spine.last! {
                spine.append(throughInput[spine.last!])
            }
            spine.reverse()
            // A group that spans scope boxes can make Graphviz fail ("trouble in init_rank"), so
            // with boxes each chain has a group per scope; its heavy edges still keep it straight.
            for id in nodes.indices {
                if chainSlot[id] != nil,
                    scopeOfNode.isEmpty || scopeOfNode[id] == scopeOfNode[throughInput[id]]
                {
                    chainOf[id] = chainOf[throughInput[id]]
                } else if continuation[id] != nil || chainSlot[id] != nil {
                    chainOf[id] = id
                }
            }
        }
        self.chainOf = chainOf
        self.chainSlot = chainSlot

        let independentParents = scopeTree.map { Self.scopesOfIndependentChildren(graph, $0) } ?? []
        self.independentParents = independentParents
        reversedNodeScopes =
            options.rankDirection == .leftToRight
            ? scopeTree.map { Self.scopesOfSideBySideNodesFedBySiblings(graph, $0) } ?? [] : []
        var onStraightSpine = [Bool](repeating: false, count: count)
        if let tree = scopeTree {
            // A scope is side by side with others if it, or a scope holding it, is.
            var sideBySide = [Bool](repeating: false, count: tree.scopes.count)
            for scope in tree.scopes.dropFirst() {
                sideBySide[scope.id] = sideBySide[scope.parent!] || independentParents.contains(scope.parent!)
            }
            for id in spine where !sideBySide[tree.scopeOfNode[id]] { onStraightSpine[id] = true }
        }
        self.onStraightSpine = onStraightSpine

        let rows: (starts: [Int], rowOfNode: [Int?]) =
            options.rankDirection == .leftToRight && options.style == .record
            ? Self.rows(graph, spine: spine, through: through, continuation: continuation) : ([], [])
        firstRowStart = rows.starts.first
        rowStarts = rows.starts.dropFirst().map { ($0, chainSlot[$0]!) }
        rowOfNode = rows.rowOfNode
    }

    /// How many rows there are (zero without rows).
    var rowCount: Int { firstRowStart == nil ? 0 : rowStarts.count + 1 }

    /// The `mclimit` that keeps sibling boxes and rows in the order they are written,
    /// when there are any; `nil` leaves Graphviz's search for fewer crossings alone.
    var crossingSearchLimit: String? {
        scopeTree != nil || firstRowStart != nil ? "0.01" : nil
    }

    /// The scopes inside `scope` in the order to write them, so that they are drawn in natural order.
    func writingOrder(ofChildrenOf scope: ScopeTree.Scope, in tree: ScopeTree) -> [ScopeTree.Scope] {
        let children = tree.children(of: scope)
        let reversed = rankDirection == .topToBottom && independentParents.contains(scope.id)
        return reversed ? children.reversed() : children
    }

    /// The nodes of `scope` in the order to write them, so that nodes side by side are
    /// drawn in natural order.
    ///
    /// Nodes of one box that take no value from each other but values from a sibling box
    /// (a collapsed layer's neurons, fed by the layer before) are placed by `dot` in the
    /// order it meets them along the edges from that box; drawing left to right, it then
    /// reverses each rank, so such nodes are written in reverse order there. Nodes fed from
    /// outside their parent box are placed in the order written, like sibling boxes.
    func writingOrder(ofNodesIn scope: ScopeTree.Scope) -> [Int] {
        reversedNodeScopes.contains(scope.id) ? scope.nodeIDs.reversed() : scope.nodeIDs
    }

    /// The scopes with two or more nodes of their own, none of which takes a value from
    /// another of them, and one of which takes a value from a scope beside it (same parent).
    private static func scopesOfSideBySideNodesFedBySiblings(_ graph: GraphSnapshot, _ tree: ScopeTree) -> Set<Int> {
        let scopeOfNode = tree.scopeOfNode
        var found: Set<Int> = []
        for scope in tree.scopes.dropFirst() where scope.nodeIDs.count > 1 {
            var fedBySibling = false
            var sideBySide = true
            for id in scope.nodeIDs {
                for input in graph.nodes[id].inputs {
                    let inputScope = scopeOfNode[input]
                    if inputScope == scope.id {
                        sideBySide = false
                    } else if inputScope != 0, tree.scopes[inputScope].parent == scope.parent {
                        fedBySibling = true
                    }
                }
            }
            if sideBySide && fedBySibling { found.insert(scope.id) }
        }
        return found
    }

    /// The scopes with several children none of which takes a value from another.
    private static func scopesOfIndependentChildren(_ graph: GraphSnapshot, _ tree: ScopeTree) -> Set<Int> {
        let scopeOfNode = tree.scopeOfNode
        let parent = tree.scopes.map { $0.parent ?? -1 }
        let depth = tree.scopes.map(\.depth)
        var dependent = [Bool](repeating: false, count: parent.count)
        graph.nodes.withUnsafeBufferPointer { nodes in
            for id in nodes.indices {
                for input in nodes[id].inputs where scopeOfNode[input] != scopeOfNode[id] {
                    // Climb to the children of the innermost scope holding both ends.
                    var (a, b) = (scopeOfNode[input], scopeOfNode[id])
                    while depth[a] > depth[b] { a = parent[a] }
                    while depth[b] > depth[a] { b = parent[b] }
                    guard a != b else { continue }  // one end's scope holds the other's
                    while parent[a] != parent[b] { (a, b) = (parent[a], parent[b]) }
                    dependent[parent[a]] = true
                }
            }
        }
        return Set(tree.scopes.filter { $0.children.count > 1 && !dependent[$0.id] }.map(\.id))
    }

    /// The `group` of node `id`, if it is on a chain.
    func group(of id: Int) -> String? {
        chainOf[id].map { "g" + String($0) }
    }

    /// Whether the edge into operand `slot` of node `id` is drawn from the node's
    /// operation to the input, with `dir="back"`, to start a new row.
    func startsRow(_ id: Int, slot: Int) -> Bool {
        !rowStarts.isEmpty && rowStarts.contains { $0.node == id && $0.slot == slot }
    }

    /// The layout attributes an edge can carry, sorted by name; ``edgeHint(_:slot:input:)``
    /// and ``operationEdgeHint(_:)`` give an index into this list.
    static let edgeHints: [[(String, String)]] = [
        [], [("weight", chainWeight)], [("weight", spineWeight)], [("minlen", "2")],
        [("minlen", "2"), ("weight", chainWeight)], [("minlen", "2"), ("weight", spineWeight)],
        // Leaves the previous row's output at its bottom, enters the operation at its top.
        [("headport", "s"), ("tailport", "n"), ("weight", "0")],
    ]

    /// The layout attributes of the edge from `input` into operand `slot` of node `id`, as
    /// an index into ``edgeHints``.
    func edgeHint(_ id: Int, slot: Int, input: Int) -> Int {
        if startsRow(id, slot: slot) { return 6 }
        var hint = 0
        if chainSlot[id] == slot { hint = onStraightSpine[id] && onStraightSpine[input] ? 2 : 1 }
        if !scopeOfNode.isEmpty && scopeOfNode[id] != 0 {
            // An edge enters a box unless the box also holds the input.
            var scope = scopeOfNode[input]
            while scope != -1 && scope != scopeOfNode[id] { scope = parentOfScope[scope] }
            if scope == -1 { hint += 3 }
        }
        return hint
    }

    /// The layout attributes of the edge from node `id`'s operation to the node, as an index into ``edgeHints``.
    func operationEdgeHint(_ id: Int) -> Int {
        chainOf[id] == nil ? 0 : onStraightSpine[id] ? 2 : 1
    }

    /// Consecutive rows' first values, whose operations an invisible edge keeps in one column.
    var rowAlignments: [(from: Int, to: Int)] {
        guard let first = firstRowStart else { return [] }
        let starts = [first] + rowStarts.map(\.node)
        return zip(starts, starts.dropFirst()).map { ($0, $1) }
    }

    /// The first value of each row, in order, and each node's row; or no rows.
    ///
    /// The chain ending in the output is split into runs of values recorded in one scope;
    /// leading inputs join the first run. Two runs are separate rows only if the earlier
    /// run's last value is the only computed value that later runs take from it or from
    /// anything before it; otherwise they are merged. Every other node belongs to the row
    /// of the earliest run that uses it.
    private static func rows(
        _ graph: GraphSnapshot, spine: [Int], through: [Int?], continuation: [Int?]
    ) -> (starts: [Int], rowOfNode: [Int?]) {
        let nodes = graph.nodes
        // Runs of one scope; leaves before the first computed value belong to the first run.
        var runOf = [Int?](repeating: nil, count: nodes.count)
        var runStarts: [Int] = []
        var previousScope: [String]?
        for id in spine where !nodes[id].inputs.isEmpty {
            if nodes[id].scope != previousScope {
                runStarts.append(id)
                previousScope = nodes[id].scope
            }
            runOf[id] = runStarts.count - 1
        }
        guard runStarts.count >= minimumRows else { return ([], []) }
        // Every other node belongs to the earliest run that uses it.
        var row = [Int](repeating: Int.max, count: nodes.count)
        for id in nodes.indices.reversed() {
            if let run = runOf[id] { row[id] = run }
            for input in nodes[id].inputs { row[input] = min(row[input], row[id]) }
        }
        // A boundary between runs can be a row break only if the one edge crossing it
        // from a computed value is the chain's.
        var isBreak = [Bool](repeating: true, count: runStarts.count)
        isBreak[0] = false
        for id in nodes.indices {
            for (slot, input) in nodes[id].inputs.enumerated() where !nodes[input].inputs.isEmpty {
                guard row[input] < row[id], row[id] != Int.max else { continue }
                let isChainEdge = runStarts.contains(id) && through[id] == slot && continuation[input] == id
                for boundary in (row[input] + 1)...row[id] where !(isChainEdge && boundary == row[id]) {
                    isBreak[boundary] = false
                }
            }
        }
        // Each row starts at a value computed by an operation, so that an operation node starts the row.
        let starts = runStarts.indices.filter { $0 == 0 || isBreak[$0] }.map { runStarts[$0] }
        guard starts.count >= minimumRows, starts.allSatisfy({ nodes[$0].op != nil }) else { return ([], []) }
        // Runs merged into one row share it.
        var rowOfRun = [Int](repeating: 0, count: runStarts.count)
        for run in runStarts.indices.dropFirst() { rowOfRun[run] = rowOfRun[run - 1] + (isBreak[run] ? 1 : 0) }
        return (starts, row.map { $0 == Int.max ? nil : rowOfRun[$0] })
    }
}
