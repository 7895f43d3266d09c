/// Which snapshot nodes go into which drawn node of a ``GraphView``, and the edges
/// between those groups: the working form of merging scopes and rolling repeats.
struct NodeGrouping {
    /// What a group stands for.
    enum Kind: Equatable {
        /// One snapshot node.
        case value
        /// A scope of the tree (and everything nested in it).
        case scope(Int)
        /// Several identical sibling scopes, in graph order.
        case rolledScopes([Int])
        /// Unlabelled values repeating one operation on the same drawn inputs.
        case repeated
        /// A chain of one associative operation.
        case chain
    }

    let snapshot: GraphSnapshot
    let tree: ScopeTree
    /// For each snapshot node, its group.
    private(set) var groupOfNode: [Int]
    /// For each group, its snapshot nodes, ascending.
    private(set) var members: [[Int]]
    /// For each group, what it stands for.
    private(set) var kinds: [Kind]
    /// For each group, the groups it takes values from, each with those values' snapshot ids.
    private(set) var incoming: [[Int: Set<Int>]]

    var groupCount: Int { members.count }

    /// Each scope in `scopes` (with everything nested in it) one group, every other node its own.
    init(snapshot: GraphSnapshot, tree: ScopeTree, scopes: Set<Int>) {
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
        var groupOfNode: [Int] = []
        var kinds: [Kind] = []
        groupOfNode.reserveCapacity(snapshot.nodes.count)
        for id in snapshot.nodes.indices {
            if let scope = mergedInto[tree.scopeOfNode[id]] {
                if let group = groupOfScope[scope] {
                    groupOfNode.append(group)
                    continue
                }
                groupOfScope[scope] = kinds.count
                kinds.append(.scope(scope))
            } else {
                kinds.append(.value)
            }
            groupOfNode.append(kinds.count - 1)
        }
        self.init(snapshot: snapshot, tree: tree, groupOfNode: groupOfNode, kinds: kinds)
    }

    /// A grouping from each node's group; groups are numbered by their first node.
    init(snapshot: GraphSnapshot, tree: ScopeTree, groupOfNode: [Int], kinds: [Kind]) {
        self.snapshot = snapshot
        self.tree = tree
        self.groupOfNode = groupOfNode
        self.kinds = kinds
        var members = [[Int]](repeating: [], count: kinds.count)
        for (id, group) in groupOfNode.enumerated() { members[group].append(id) }
        self.members = members
        var incoming = [[Int: Set<Int>]](repeating: [:], count: kinds.count)
        // By index: iterating the nodes would copy each one.
        for id in snapshot.nodes.indices {
            let target = groupOfNode[id]
            for input in snapshot.nodes[id].inputs where groupOfNode[input] != target {
                incoming[target][groupOfNode[input], default: []].insert(input)
            }
        }
        self.incoming = incoming
    }

    /// For each group, its members used by another group (or the root), ascending.
    func outputsOfGroups() -> [[Int]] {
        var outputs = [Set<Int>](repeating: [], count: groupCount)
        for id in snapshot.nodes.indices {
            for input in snapshot.nodes[id].inputs where groupOfNode[input] != groupOfNode[id] {
                outputs[groupOfNode[input]].insert(input)
            }
        }
        outputs[groupOfNode[snapshot.rootID]].insert(snapshot.rootID)
        return outputs.map { $0.sorted() }
    }

    /// For each group, the groups that take values from it.
    func usersOfGroups() -> [[Int]] {
        var users = [[Int]](repeating: [], count: groupCount)
        for (group, sources) in incoming.enumerated() {
            for source in sources.keys.sorted() { users[source].append(group) }
        }
        return users
    }

    /// Groups in an order where every group comes after those it takes values from;
    /// among the ready ones, the one whose first node comes first.
    func topologicalOrder() -> [Int] {
        var waiting = incoming.map(\.count)
        let users = usersOfGroups()
        // Groups are numbered by their first node, so a min-heap on the number is the rule above.
        var ready = MinHeap(waiting.indices.filter { waiting[$0] == 0 })
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

    /// The groups that lie on a cycle of the group graph (Tarjan's strongly connected
    /// components, without recursion), ascending.
    func groupsOnCycles() -> [Int] {
        let users = usersOfGroups()
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
                if component.count > 1 { cyclic += component }
            }
        }
        return cyclic.sorted()
    }

    /// The merged scopes that lie on a cycle of the group graph, ascending.
    func scopesOnCycles() -> [Int] {
        groupsOnCycles().compactMap { group in
            if case .scope(let scope) = kinds[group] { scope } else { nil }
        }
    }

    /// Whether `id` belongs to the tree scope `scope` or one nested in it.
    func node(_ id: Int, isInside scope: Int) -> Bool {
        tree.isScope(tree.scopeOfNode[id], inside: scope)
    }

    // MARK: - Describing groups

    /// What group `group` stands for, given its members that leave it.
    func origin(of group: Int, outputs: [Int]) -> GraphView.Origin {
        let members = members[group]
        switch kinds[group] {
        case .value:
            return .value(members[0])
        case .scope(let scope):
            return .scope(collapsedScope([scope], members: members, outputs: outputs))
        case .rolledScopes(let scopes):
            return .scope(collapsedScope(scopes, members: members, outputs: outputs))
        case .repeated, .chain:
            return .values(collapsedValues(group, outputs: outputs))
        }
    }

    private func collapsedScope(_ scopes: [Int], members: [Int], outputs: [Int]) -> GraphView.CollapsedScope {
        let parameters = members.filter { snapshot.nodes[$0].role == .parameter }
        let first = tree.scopes[scopes[0]]
        // Every copy computes the same thing (that is why they were rolled): describe the first.
        let firstOutputs = scopes.count == 1 ? outputs : outputs.filter { node($0, isInside: first.id) }
        let computes = ScopeFormula.describe(
            outputs: firstOutputs, in: snapshot, isMember: { self.node($0, isInside: first.id) })
        var gradients: [Double] = []
        for id in parameters { gradients += snapshot.nodes[id].grad }
        let names = scopes.map { tree.scopes[$0].name }
        return GraphView.CollapsedScope(
            path: first.path, name: scopes.count == 1 ? first.name : ScopeNames.range(names), members: members,
            outputs: outputs, parameters: parameters, paths: scopes.map { tree.scopes[$0].path },
            computes: computes, parameterGradient: Summary(gradients))
    }

    private func collapsedValues(_ group: Int, outputs: [Int]) -> GraphView.CollapsedValues {
        let members = members[group]
        let first = snapshot.nodes[members[0]]
        let role = members.allSatisfy { snapshot.nodes[$0].role == first.role } ? first.role : .intermediate
        let kind: GraphView.CollapsedValues.Kind = kinds[group] == .chain ? .chain : .repeated
        let computes: String
        if kind == .chain {
            // A chain of k links combines k + 1 terms.
            let terms = members.count + 1
            computes = first.op == .multiply ? "product of \(terms) values" : "sum of \(terms) values"
        } else if let op = first.op {
            // `x * x` when both operands are one value (a square), `x * y` otherwise.
            let operands = first.inputs.count > 1 ? ["x", first.inputs[0] == first.inputs[1] ? "x" : "y"] : ["x"]
            computes = "\(members.count) × " + ScopeFormula.formula(of: op, operands: operands)
        } else {
            computes = "\(members.count) \(role.rawValue)s"
        }
        return GraphView.CollapsedValues(
            kind: kind, op: first.op, role: role, scopePath: first.scopePath, members: members, outputs: outputs,
            computes: computes)
    }

    /// The drawn node of a merged group: its results' numbers, under its name.
    func mergedNode(_ origin: GraphView.Origin, id: Int, inputs: [Int], members: [Int]) -> GraphSnapshot.Node {
        let label: String?
        let shown: [Int]
        let role: Role
        let scope: [String]
        switch origin {
        case .scope(let collapsed):
            label = collapsed.copies == 1 ? collapsed.name : "\(collapsed.name) × \(collapsed.copies)"
            shown = collapsed.results
            role = .intermediate
            scope = Array(snapshot.nodes[members[0]].scope.prefix(ScopeNames.depth(of: collapsed.path) - 1))
        case .values(let values):
            label = nil
            shown = values.outputs
            role = values.role
            scope = snapshot.nodes[members[0]].scope
        case .value:
            preconditionFailure("a single value is not a merged node")
        }
        let values = shown.map { snapshot.nodes[$0] }
        // One value keeps its own shape; several are listed end to end.
        let shape = values.count == 1 ? values[0].shape : [values.reduce(0) { $0 + $1.data.count }]
        return GraphSnapshot.Node(
            id: id, label: label, op: nil, inputs: inputs, data: values.flatMap(\.data), grad: values.flatMap(\.grad),
            role: role, scope: scope, shape: shape)
    }
}

/// Names of scopes for display.
enum ScopeNames {
    /// How deeply a scope path is nested: 1 for `mlp`, 2 for `mlp/layer0`.
    static func depth(of path: String) -> Int {
        path.isEmpty ? 0 : path.split(separator: "/", omittingEmptySubsequences: false).count
    }

    /// `neuron0–15` for `neuron0`, `neuron1`, …, `neuron15`; `neuron0, neuron2` for two
    /// names; `neuron0…neuron9` when the numbers are not consecutive.
    static func range(_ names: [String]) -> String {
        guard let first = names.first, let last = names.last, names.count > 1 else { return names.first ?? "" }
        func split(_ name: String) -> (stem: Substring, number: Int?) {
            let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }.count
            let stem = name.dropLast(digits)
            return (stem, digits > 0 && digits < 10 ? Int(name.suffix(digits)) : nil)
        }
        let parts = names.map(split)
        let stem = parts[0].stem
        if parts.allSatisfy({ $0.stem == stem && $0.number != nil }) {
            let numbers = parts.map { $0.number! }
            if zip(numbers, numbers.dropFirst()).allSatisfy({ $1 == $0 + 1 }) {
                return "\(stem)\(numbers[0])–\(numbers[numbers.count - 1])"
            }
        }
        return names.count == 2 ? "\(first), \(last)" : "\(first)…\(last)"
    }
}
