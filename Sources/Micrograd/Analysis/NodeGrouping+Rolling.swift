extension NodeGrouping {
    /// What makes two groups the same for rolling: what they are, where they live, and
    /// the drawn groups their values come from.
    private struct RollKey: Hashable {
        /// A merged scope's formula and sizes; `nil` for a value.
        var scopeSignature: String?
        /// A value's operation (`nil` for a leaf or a scope).
        var op: Op?
        /// A value's role.
        var role: Role?
        /// Whether a value is a tensor.
        var isTensor = false
        /// For a leaf, the operations and operand slots it is used in, sorted.
        var uses: [String] = []
        /// The enclosing tree scope's id.
        var scope: Int
        /// The groups the inputs come from (operand order for a value, ascending for a scope).
        var inputs: [Int] = []
    }

    /// The grouping with repeated identical structure rolled into one group each:
    ///
    /// - sibling merged scopes that compute the same thing (same formula, same numbers of
    ///   values and parameters) from the same groups, such as the 16 neurons of a layer;
    /// - unlabelled values in one scope with the same operation on the same groups (one
    ///   ReLU per example), and unlabelled leaves of one role used by the same kind of
    ///   operand (every example's inputs);
    /// - chains of `+` or `*` whose links are each used only by the next (a long sum).
    ///
    /// Groups are visited inputs first, so a layer rolls after the layer feeding it has,
    /// and rolling never makes a value depend on itself: rolled groups share their inputs,
    /// so none can feed another. Labelled values are never rolled: someone named them.
    ///
    /// - Complexity: O((n + e) log n).
    func rollingRepeats() -> NodeGrouping {
        let order = topologicalOrder()
        let outputs = outputsOfGroups()
        var useCount = [Int](repeating: 0, count: snapshot.nodes.count)
        // For each leaf, how it is used: `*#1` for the second operand of a product.
        var operandUses: [Int: Set<String>] = [:]
        for id in snapshot.nodes.indices {
            guard let op = snapshot.nodes[id].op else { continue }
            for (slot, input) in snapshot.nodes[id].inputs.enumerated() {
                useCount[input] += 1
                if snapshot.nodes[input].op == nil { operandUses[input, default: []].insert("\(op.symbol)#\(slot)") }
            }
        }
        var parent = Array(0..<groupCount)
        func find(_ group: Int) -> Int {
            var root = group
            while parent[root] != root { root = parent[root] }
            var current = group
            while parent[current] != root {
                let next = parent[current]
                parent[current] = root
                current = next
            }
            return root
        }
        var rolled = [Bool](repeating: false, count: groupCount)
        var chained = [Bool](repeating: false, count: groupCount)
        var firstWithKey: [RollKey: Int] = [:]
        for group in order {
            var key: RollKey
            switch kinds[group] {
            case .scope(let scope):
                let inputs = Set(incoming[group].keys.map(find)).sorted()
                key = RollKey(
                    scopeSignature: scopeSignature(scope, group: group, outputs: outputs[group]),
                    scope: tree.scopes[scope].parent ?? 0, inputs: inputs)
            case .value:
                let id = members[group][0]
                let node = snapshot.nodes[id]
                guard node.label?.isEmpty ?? true, id != snapshot.rootID else { continue }
                if let op = node.op {
                    if op == .add || op == .multiply, node.shape == nil {
                        var joined = false
                        for input in Set(node.inputs) {
                            let source = find(groupOfNode[input])
                            let link = snapshot.nodes[input]
                            guard link.op == op, link.label?.isEmpty ?? true, useCount[input] == 1,
                                kinds[source] == .value, !rolled[source], source != find(group)
                            else { continue }
                            parent[find(group)] = source
                            chained[source] = true
                            joined = true
                        }
                        if joined { continue }
                    }
                    key = RollKey(
                        op: op, role: node.role, isTensor: node.shape != nil, scope: tree.scopeOfNode[id],
                        inputs: node.inputs.map { find(groupOfNode[$0]) })
                } else {
                    key = RollKey(
                        role: node.role, isTensor: node.shape != nil, uses: (operandUses[id] ?? []).sorted(),
                        scope: tree.scopeOfNode[id])
                }
            case .rolledScopes, .repeated, .chain:
                continue
            }
            if let existing = firstWithKey[key], !chained[find(existing)] {
                let root = find(existing)
                parent[find(group)] = root
                rolled[root] = true
            } else if firstWithKey[key] == nil {
                firstWithKey[key] = group
            }
        }
        // Number the new groups by their first node, and say what each stands for.
        var newGroup = [Int?](repeating: nil, count: groupCount)
        var newKinds: [Kind] = []
        var newGroupOfNode: [Int] = []
        newGroupOfNode.reserveCapacity(snapshot.nodes.count)
        var rolledScopes: [Int: [Int]] = [:]
        for group in order {
            if case .scope(let scope) = kinds[group] { rolledScopes[find(group), default: []].append(scope) }
        }
        for id in snapshot.nodes.indices {
            let root = find(groupOfNode[id])
            if let known = newGroup[root] {
                newGroupOfNode.append(known)
                continue
            }
            newGroup[root] = newKinds.count
            newGroupOfNode.append(newKinds.count)
            switch kinds[root] {
            case .scope(let scope):
                let scopes = rolledScopes[root] ?? [scope]
                newKinds.append(scopes.count == 1 ? .scope(scope) : .rolledScopes(scopes))
            case .value:
                newKinds.append(chained[root] ? .chain : (rolled[root] ? .repeated : .value))
            case let other:
                newKinds.append(other)
            }
        }
        let result = NodeGrouping(snapshot: snapshot, tree: tree, groupOfNode: newGroupOfNode, kinds: newKinds)
        // Rolled groups share their inputs, so none can reach another; check anyway, and
        // keep the unrolled grouping if something slipped through.
        return result.groupsOnCycles().isEmpty ? result : self
    }

    /// A merged scope's formula and sizes: scopes roll only if these are equal.
    private func scopeSignature(_ scope: Int, group: Int, outputs: [Int]) -> String {
        let members = members[group]
        let parameters = members.reduce(0) { $0 + (snapshot.nodes[$1].role == .parameter ? 1 : 0) }
        let formula = ScopeFormula.describe(
            outputs: outputs, in: snapshot, isMember: { self.node($0, isInside: scope) })
        return "\(formula) | \(members.count) values | \(parameters) parameters"
    }
}
