/// A graph derived from a snapshot for drawing: a chosen part of it, or whole module
/// scopes merged into one node each.
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
/// ```
public struct GraphView: Sendable {
    /// What a drawn node stands for.
    public enum Origin: Sendable, Equatable {
        /// One node of the snapshot, by id.
        case value(Int)
        /// A whole scope, merged into one node.
        case scope(CollapsedScope)
    }

    /// A module scope drawn as one node.
    public struct CollapsedScope: Sendable, Equatable {
        /// The scope's path, such as `mlp/layer0`.
        public let path: String
        /// Its last component, such as `layer0`.
        public let name: String
        /// The ids of every snapshot node in the scope and the scopes nested in it, ascending.
        public let members: [Int]
        /// The members whose values leave the scope (used outside it, or the root), ascending.
        public let outputs: [Int]
        /// The members that are parameters, ascending.
        public let parameters: [Int]
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
    /// For each snapshot node, the drawn node that shows it (itself or its merged scope), if any.
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
        var users = [Int](repeating: 0, count: snapshot.nodes.count)
        var hiddenUsers = [Int](repeating: 0, count: next)
        for node in snapshot.nodes {
            for input in node.inputs {
                users[input] += 1
                if !kept[node.id], let drawn = drawnID[input] { hiddenUsers[drawn] += 1 }
            }
        }
        var nodes: [GraphSnapshot.Node] = []
        var origins: [Origin] = []
        var edgeValues: [[[Int]]] = []
        var hiddenInputs: [Int] = []
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
        self.snapshot = snapshot
        self.graph = GraphSnapshot(nodes: nodes, rootID: output ?? nodes.count - 1)
        self.origins = origins
        self.edgeValues = edgeValues
        self.outputID = output
        self.hiddenInputCounts = hiddenInputs
        self.hiddenUserCounts = hiddenUsers
        self.drawnNodeOfValue = drawnID
        self.splitScopes = []
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
        let tree = ScopeTree(snapshot)
        var chosen = Set(paths.compactMap { tree.scope(path: $0)?.id }).subtracting([tree.root.id])
        var split: [String] = []
        while true {
            let plan = CollapsePlan(snapshot: snapshot, tree: tree, scopes: chosen)
            let cyclic = plan.scopesOnCycles()
            if cyclic.isEmpty {
                self.init(plan: plan, splitScopes: split)
                return
            }
            for scope in cyclic {
                chosen.remove(scope)
                chosen.formUnion(tree.scopes[scope].children)
                split.append(tree.scopes[scope].path)
            }
        }
    }

    private init(plan: CollapsePlan, splitScopes: [String]) {
        let snapshot = plan.snapshot
        let order = plan.topologicalOrder()
        var drawnID = [Int](repeating: 0, count: plan.groupCount)
        for (position, group) in order.enumerated() { drawnID[group] = position }
        let outputs = plan.outputsOfGroups()
        var nodes: [GraphSnapshot.Node] = []
        var origins: [Origin] = []
        var edgeValues: [[[Int]]] = []
        for (position, group) in order.enumerated() {
            let incoming = plan.incoming[group]
            let inputs = incoming.keys.sorted { drawnID[$0] < drawnID[$1] }
            if let scope = plan.scopeOfGroup[group] {
                let collapsed = plan.collapsedScope(scope, group: group, outputs: outputs[group])
                let values = collapsed.outputs.map { snapshot.nodes[$0] }
                // One output keeps its own shape; several are listed end to end.
                let shape = values.count == 1 ? values[0].shape : [values.reduce(0) { $0 + $1.data.count }]
                nodes.append(
                    GraphSnapshot.Node(
                        id: position, label: collapsed.name, op: nil, inputs: inputs.map { drawnID[$0] },
                        data: values.flatMap(\.data), grad: values.flatMap(\.grad), role: .intermediate,
                        scope: Array(snapshot.nodes[collapsed.members[0]].scope.prefix(plan.depth(of: scope) - 1)),
                        shape: shape))
                origins.append(.scope(collapsed))
                edgeValues.append(inputs.map { incoming[$0]!.sorted() })
            } else {
                let id = plan.members[group][0]
                var node = snapshot.nodes[id]
                node.id = position
                node.inputs = node.inputs.map { drawnID[plan.groupOfNode[$0]] }
                nodes.append(node)
                origins.append(.value(id))
                edgeValues.append(snapshot.nodes[id].inputs.map { [$0] })
            }
        }
        let output = drawnID[plan.groupOfNode[snapshot.rootID]]
        self.snapshot = snapshot
        self.graph = GraphSnapshot(nodes: nodes, rootID: output)
        self.origins = origins
        self.edgeValues = edgeValues
        self.outputID = output
        self.hiddenInputCounts = [Int](repeating: 0, count: nodes.count)
        self.hiddenUserCounts = [Int](repeating: 0, count: nodes.count)
        self.drawnNodeOfValue = plan.groupOfNode.map { drawnID[$0] }
        self.splitScopes = splitScopes
    }
}

/// Which snapshot nodes go into which drawn node when scopes are merged, and the edges
/// between those groups.
private struct CollapsePlan {
    let snapshot: GraphSnapshot
    let tree: ScopeTree
    /// For each snapshot node, its group.
    var groupOfNode: [Int]
    /// For each group, its snapshot nodes, ascending.
    var members: [[Int]]
    /// For each group, the merged scope it stands for, if any.
    var scopeOfGroup: [Int?]
    /// For each group, the groups it takes values from, each with those values' snapshot ids.
    var incoming: [[Int: Set<Int>]]

    var groupCount: Int { members.count }

    init(snapshot: GraphSnapshot, tree: ScopeTree, scopes: Set<Int>) {
        self.snapshot = snapshot
        self.tree = tree
        // The outermost chosen scope containing each tree scope, if any.
        var mergedInto = [Int?](repeating: nil, count: tree.scopes.count)
        for scope in tree.scopes {
            if let parent = scope.parent, let outer = mergedInto[parent] {
                mergedInto[scope.id] = outer
            } else if scopes.contains(scope.id) {
                mergedInto[scope.id] = scope.id
            }
        }
        var groupOfScope: [Int: Int] = [:]
        groupOfNode = []
        members = []
        scopeOfGroup = []
        for id in snapshot.nodes.indices {
            if let scope = mergedInto[tree.scopeOfNode[id]] {
                if let group = groupOfScope[scope] {
                    groupOfNode.append(group)
                    members[group].append(id)
                    continue
                }
                groupOfScope[scope] = members.count
                scopeOfGroup.append(scope)
            } else {
                scopeOfGroup.append(nil)
            }
            groupOfNode.append(members.count)
            members.append([id])
        }
        incoming = [[Int: Set<Int>]](repeating: [:], count: members.count)
        for node in snapshot.nodes {
            let target = groupOfNode[node.id]
            for input in node.inputs where groupOfNode[input] != target {
                incoming[target][groupOfNode[input], default: []].insert(input)
            }
        }
    }

    func depth(of scope: Int) -> Int { tree.scopes[scope].depth }

    /// For each group, its members used by another group (or the root), ascending.
    func outputsOfGroups() -> [[Int]] {
        var outputs = [Set<Int>](repeating: [], count: groupCount)
        for node in snapshot.nodes {
            for input in node.inputs where groupOfNode[input] != groupOfNode[node.id] {
                outputs[groupOfNode[input]].insert(input)
            }
        }
        outputs[groupOfNode[snapshot.rootID]].insert(snapshot.rootID)
        return outputs.map { $0.sorted() }
    }

    func collapsedScope(_ scope: Int, group: Int, outputs: [Int]) -> GraphView.CollapsedScope {
        GraphView.CollapsedScope(
            path: tree.scopes[scope].path, name: tree.scopes[scope].name, members: members[group],
            outputs: outputs, parameters: members[group].filter { snapshot.nodes[$0].role == .parameter })
    }

    /// Groups in an order where every group comes after those it takes values from;
    /// among the ready ones, the one whose first node comes first.
    func topologicalOrder() -> [Int] {
        var waiting = incoming.map(\.count)
        var users = [[Int]](repeating: [], count: groupCount)
        for (group, sources) in incoming.enumerated() {
            for source in sources.keys { users[source].append(group) }
        }
        // Groups are numbered by their first node, so a min-heap on the number is the rule above.
        var ready = Heap(waiting.indices.filter { waiting[$0] == 0 })
        var order: [Int] = []
        order.reserveCapacity(groupCount)
        while let group = ready.popMin() {
            order.append(group)
            for user in users[group] {
                waiting[user] -= 1
                if waiting[user] == 0 { ready.insert(user) }
            }
        }
        return order
    }

    /// The merged scopes that lie on a cycle of the group graph (Tarjan's strongly
    /// connected components, without recursion).
    func scopesOnCycles() -> [Int] {
        var users = [[Int]](repeating: [], count: groupCount)
        for (group, sources) in incoming.enumerated() {
            for source in sources.keys.sorted() { users[source].append(group) }
        }
        var index = [Int](repeating: -1, count: groupCount)
        var lowLink = [Int](repeating: 0, count: groupCount)
        var onStack = [Bool](repeating: false, count: groupCount)
        var stack: [Int] = []
        var counter = 0
        var cyclic: [Int] = []
        for start in 0..<groupCount where index[start] == -1 {
            var frames: [(group: Int, next: Int)] = [(start, 0)]
            index[start] = counter
            lowLink[start] = counter
            counter += 1
            stack.append(start)
            onStack[start] = true
            while let frame = frames.last {
                if frame.next < users[frame.group].count {
                    frames[frames.count - 1].next += 1
                    let user = users[frame.group][frame.next]
                    if index[user] == -1 {
                        index[user] = counter
                        lowLink[user] = counter
                        counter += 1
                        stack.append(user)
                        onStack[user] = true
                        frames.append((user, 0))
                    } else if onStack[user] {
                        lowLink[frame.group] = min(lowLink[frame.group], index[user])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last {
                    lowLink[parent.group] = min(lowLink[parent.group], lowLink[frame.group])
                }
                guard lowLink[frame.group] == index[frame.group] else { continue }
                var component: [Int] = []
                while let top = stack.popLast() {
                    onStack[top] = false
                    component.append(top)
                    if top == frame.group { break }
                }
                if component.count > 1 { cyclic += component.compactMap { scopeOfGroup[$0] } }
            }
        }
        return cyclic.sorted()
    }
}

/// A binary min-heap of integers.
private struct Heap {
    private var items: [Int] = []

    init(_ values: [Int]) {
        for value in values { insert(value) }
    }

    mutating func insert(_ value: Int) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Int? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let smallest = items.removeLast()
        var parent = 0
        while true {
            let (left, right) = (2 * parent + 1, 2 * parent + 2)
            var smallestChild = parent
            if left < items.count && items[left] < items[smallestChild] { smallestChild = left }
            if right < items.count && items[right] < items[smallestChild] { smallestChild = right }
            guard smallestChild != parent else { return smallest }
            items.swapAt(parent, smallestChild)
            parent = smallestChild
        }
    }
}
