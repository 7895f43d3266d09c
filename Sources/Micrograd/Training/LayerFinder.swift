/// Which layer an interned scope belongs to, remembered per scope in a table indexed by
/// the scope's small integer id.
struct LayerFinder {
    let layers: [String]
    /// For each scope id: -2 not looked up yet, -1 in no layer, else the layer.
    private var table: [Int32] = []

    init(layers: [String]) {
        self.layers = layers
    }

    /// The position of the layer `scope` is in, or -1 if it is in none.
    @inline(__always)
    mutating func layer(of scope: ScopeID) -> Int32 {
        let index = Int(scope)
        if index < table.count {
            let layer = table[index]
            if layer != -2 { return layer }
        }
        return lookUp(index)
    }

    private mutating func lookUp(_ index: Int) -> Int32 {
        if index >= table.count { table += [Int32](repeating: -2, count: index + 1 - table.count) }
        let path = ScopeRegistry.shared.path(of: ScopeID(index))
        let layer = path.isEmpty ? nil : layers.firstIndex { LayerScopes.scope(path, isIn: $0) }
        table[index] = Int32(layer ?? -1)
        return table[index]
    }
}
