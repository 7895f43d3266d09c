extension ScopeTree {
    /// For each scope, by id, how many parameter numbers it holds, nested scopes
    /// included: a scalar parameter counts 1, a tensor parameter its element count
    /// (a `Linear(2, 16)` holds 48). The top level's count is the whole graph's.
    ///
    /// - Parameter snapshot: The snapshot the tree was built from.
    /// - Returns: One count per scope, indexed like ``scopes``.
    /// - Complexity: O(n · d) for n nodes nested d scopes deep.
    public func parameterCounts(in snapshot: GraphSnapshot) -> [Int] {
        precondition(snapshot.nodes.count == scopeOfNode.count, "the tree was built from another snapshot")
        var counts = [Int](repeating: 0, count: scopes.count)
        for id in snapshot.nodes.indices where snapshot.nodes[id].role == .parameter {
            let size = snapshot.nodes[id].data.count
            var scope: Int? = scopeOfNode[id]
            while let current = scope {
                counts[current] += size
                scope = scopes[current].parent
            }
        }
        return counts
    }
}
