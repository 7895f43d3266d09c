extension GraphSnapshot {
    /// The ids of the values `name` refers to, ascending: a node id (`17`), a label
    /// (`loss`, which may name several values), or a scope path and a label
    /// (`mlp/layer0/neuron1/w0`). Empty when nothing matches.
    ///
    /// - Parameter name: What a user typed to pick a value.
    /// - Complexity: O(n).
    public func ids(named name: String) -> [Int] {
        if let id = Int(name), nodes.indices.contains(id) { return [id] }
        var matches: [Int] = []
        for index in nodes.indices where nodes[index].label == name { matches.append(index) }
        if matches.isEmpty, let slash = name.lastIndex(of: "/") {
            let scope = name[..<slash].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let label = String(name[name.index(after: slash)...])
            for index in nodes.indices where nodes[index].label == label && nodes[index].scope == scope {
                matches.append(index)
            }
        }
        return matches
    }

    /// How a user can name value `id` unambiguously: its scope path and label
    /// (`mlp/layer0/neuron1/w0`) when that names it alone, else its id.
    ///
    /// - Parameter id: A node id.
    public func name(of id: Int) -> String {
        let node = nodes[id]
        guard let label = node.label, !label.isEmpty else { return String(id) }
        let name = node.scope.isEmpty ? label : node.scopePath + "/" + label
        return ids(named: name) == [id] ? name : String(id)
    }
}
