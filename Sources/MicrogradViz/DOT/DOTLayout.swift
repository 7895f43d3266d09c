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
///   boxes in order within a rank.
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
///   parameters on the same side of the chain.
struct DOTLayout {
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
    /// Row by row, the first value of each row after the first, and the operand slot
    /// of the edge that brings the previous row's output.
    let rowStarts: [(node: Int, slot: Int)]
    /// The first value of the first row, when there are rows.
    let firstRowStart: Int?
    /// The scopes with several children none of which takes a value from another.
    private let independentParents: Set<Int>
    /// The direction the graph is drawn in.
    private let rankDirection: RankDirection

    /// Plans the layout of `graph`.
    ///
    /// - Parameters:
    ///   - graph: The graph drawn.
    ///   - options: The writer's options: rows need left to right and the record style,
    ///     and scope boxes need `groupsScopes`.
    init(_ graph: GraphSnapshot, options: DOTOptions) {
        let nodes = graph.nodes
        var depth = [Int](repeating: 0, count: nodes.count)
        var through = [Int?](repeating: nil, count: nodes.count)
        for id in nodes.indices where !nodes[id].inputs.isEmpty {
            var best: (slot: Int, key: (Int, Int, Int))?
            for (slot, input) in nodes[id].inputs.enumerated() {
                let isLeaf = nodes[input].inputs.isEmpty
                // Computed inputs first, the deepest; then data inputs before parameters and constants.
                let key = isLeaf ? (0, 0, nodes[input].role == .input ? 1 : 0) : (1, depth[input], 0)
                if best == nil || key > best!.key { best = (slot, key) }
                depth[id] = max(depth[id], depth[input] + 1)
            }
            through[id] = best!.slot
        }
        // Each value continues the chain of its first user that takes it as the through input.
        var continuation = [Int?](repeating: nil, count: nodes.count)
        var chainSlot = [Int?](repeating: nil, count: nodes.count)
        for id in nodes.indices {
            guard let slot = through[id] else { continue }
            let input = nodes[id].inputs[slot]
            if continuation[input] == nil {
                continuation[input] = id
                chainSlot[id] = slot
            }
        }
        // The chain that ends in the output, first node first.
        var spine = [graph.rootID]
        while let slot = through[spine.last!], continuation[nodes[spine.last!].inputs[slot]] == spine.last! {
            spine.append(nodes[spine.last!].inputs[slot])
        }
        spine.reverse()
        // A group that spans scope boxes can make Graphviz fail ("trouble in init_rank"), so
        // with boxes each chain has a group per scope; its heavy edges still keep it straight.
        var chainOf = [Int?](repeating: nil, count: nodes.count)
        for id in nodes.indices {
            if let slot = chainSlot[id],
                !options.groupsScopes || nodes[id].scope == nodes[nodes[id].inputs[slot]].scope
            {
                chainOf[id] = chainOf[nodes[id].inputs[slot]]
            } else if continuation[id] != nil || chainSlot[id] != nil {
                chainOf[id] = id
            }
        }
        self.chainOf = chainOf
        self.chainSlot = chainSlot

        let tree = options.groupsScopes ? ScopeTree(graph) : nil
        scopeTree = tree.flatMap { $0.scopes.count > 1 ? $0 : nil }
        rankDirection = options.rankDirection
        let independentParents = scopeTree.map { Self.scopesOfIndependentChildren(graph, $0) } ?? []
        self.independentParents = independentParents
        var onStraightSpine = [Bool](repeating: false, count: nodes.count)
        if let tree = scopeTree {
            // A scope is side by side with others if it, or a scope holding it, is.
            var sideBySide = [Bool](repeating: false, count: tree.scopes.count)
            for scope in tree.scopes.dropFirst() {
                sideBySide[scope.id] = sideBySide[scope.parent!] || independentParents.contains(scope.parent!)
            }
            for id in spine where !sideBySide[tree.scopeOfNode[id]] { onStraightSpine[id] = true }
        }
        self.onStraightSpine = onStraightSpine

        let rows =
            options.rankDirection == .leftToRight && options.style == .record
            ? Self.rows(graph, spine: spine, through: through, continuation: continuation) : []
        firstRowStart = rows.first
        rowStarts = rows.dropFirst().map { ($0, chainSlot[$0]!) }
    }

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

    /// The scopes with several children none of which takes a value from another.
    private static func scopesOfIndependentChildren(_ graph: GraphSnapshot, _ tree: ScopeTree) -> Set<Int> {
        var dependent = Set<Int>()
        for id in graph.nodes.indices {
            for input in graph.nodes[id].inputs where tree.scopeOfNode[input] != tree.scopeOfNode[id] {
                // Climb to the children of the innermost scope holding both ends.
                var (a, b) = (tree.scopeOfNode[input], tree.scopeOfNode[id])
                while tree.scopes[a].depth > tree.scopes[b].depth { a = tree.scopes[a].parent! }
                while tree.scopes[b].depth > tree.scopes[a].depth { b = tree.scopes[b].parent! }
                guard a != b else { continue }  // one end's scope holds the other's
                while tree.scopes[a].parent != tree.scopes[b].parent {
                    (a, b) = (tree.scopes[a].parent!, tree.scopes[b].parent!)
                }
                dependent.insert(tree.scopes[a].parent!)
            }
        }
        return Set(tree.scopes.filter { $0.children.count > 1 && !dependent.contains($0.id) }.map(\.id))
    }

    /// The `group` of node `id`, if it is on a chain.
    func group(of id: Int) -> String? {
        chainOf[id].map { "g" + String($0) }
    }

    /// Whether the edge into operand `slot` of node `id` is drawn from the node's
    /// operation to the input, with `dir="back"`, to start a new row.
    func startsRow(_ id: Int, slot: Int) -> Bool {
        rowStarts.contains { $0.node == id && $0.slot == slot }
    }

    /// The layout attributes of the edge from `input` into operand `slot` of node `id`.
    func edgeAttributes(_ id: Int, slot: Int, input: Int) -> [(String, String)] {
        if startsRow(id, slot: slot) {
            // Leaves the previous row's output at its bottom, enters the operation at its top.
            return [("headport", "s"), ("tailport", "n"), ("weight", "0")]
        }
        var attributes: [(String, String)] = []
        if let tree = scopeTree {
            // An edge enters a box unless the box also holds the input.
            let scope = tree.scopeOfNode[id]
            if scope != tree.root.id && !tree.isScope(tree.scopeOfNode[input], inside: scope) {
                attributes.append(("minlen", "2"))
            }
        }
        if chainSlot[id] == slot {
            let straight = onStraightSpine[id] && onStraightSpine[input]
            attributes.append(("weight", straight ? Self.spineWeight : Self.chainWeight))
        }
        return attributes
    }

    /// The layout attributes of the edge from node `id`'s operation to the node.
    func operationEdgeAttributes(_ id: Int) -> [(String, String)] {
        chainOf[id] == nil ? [] : [("weight", onStraightSpine[id] ? Self.spineWeight : Self.chainWeight)]
    }

    /// Consecutive rows' first values, whose operations an invisible edge keeps in one column.
    var rowAlignments: [(from: Int, to: Int)] {
        guard let first = firstRowStart else { return [] }
        let starts = [first] + rowStarts.map(\.node)
        return zip(starts, starts.dropFirst()).map { ($0, $1) }
    }

    /// The first value of each row, in order, or no rows.
    ///
    /// The chain ending in the output is split into runs of values recorded in one scope;
    /// leading inputs join the first run. Two runs are separate rows only if the earlier
    /// run's last value is the only computed value that later runs take from it or from
    /// anything before it; otherwise they are merged.
    private static func rows(_ graph: GraphSnapshot, spine: [Int], through: [Int?], continuation: [Int?]) -> [Int] {
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
        guard runStarts.count >= minimumRows else { return [] }
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
        guard starts.count >= minimumRows, starts.allSatisfy({ nodes[$0].op != nil }) else { return [] }
        return starts
    }
}
