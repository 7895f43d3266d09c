extension ScopeTree {
    /// How deeply the deepest scope is nested: 0 for a graph without scopes, 3 for
    /// `mlp/layer0/neuron3`.
    public var maximumDepth: Int {
        scopes.reduce(0) { Swift.max($0, $1.depth) }
    }

    /// The scopes a diagram collapsed to `depth` draws as one node each: every scope
    /// deeper than `depth` whose enclosing scope stays open. A scope stays open when it
    /// is at most `depth` deep, when it is listed in `expanding`, or when it encloses
    /// one listed there.
    ///
    /// With `mlp/layer0/neuron3`-style scopes, depth 2 collapses each neuron, depth 1
    /// each layer, depth 0 the whole `mlp`; `expanding: ["mlp/layer1"]` at depth 1 keeps
    /// layer 1 open and collapses its neurons instead.
    ///
    /// - Parameters:
    ///   - depth: How many levels of scopes stay open; 0 or more.
    ///   - expanding: Paths of scopes to keep open whatever their depth; unknown paths are ignored.
    /// - Returns: The scopes to collapse, in tree order.
    /// - Complexity: O(s · d) for s scopes nested d deep.
    public func collapsedScopes(depth: Int, expanding: [String] = []) -> [Scope] {
        var open = [Bool](repeating: false, count: scopes.count)
        for scope in scopes where scope.depth <= depth { open[scope.id] = true }
        let paths = Set(expanding)
        for scope in scopes where paths.contains(scope.path) {
            var current: Int? = scope.id
            while let id = current {
                open[id] = true
                current = scopes[id].parent
            }
        }
        return scopes.filter { scope in
            guard let parent = scope.parent else { return false }
            return !open[scope.id] && open[parent]
        }
    }
}
