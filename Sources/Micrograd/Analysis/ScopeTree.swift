/// The module scopes of a snapshot as a tree, each scope listing the nodes recorded
/// directly in it.
///
/// Scopes are numbered in the order their first node appears in the graph, the top
/// level being scope 0, so a scope's parent always has a smaller number. Each scope's
/// children are listed in natural order (see ``NaturalOrder``): numbered siblings by
/// their numbers (`neuron0`, `neuron1`, …, `neuron10`), other names in the order of the
/// first node they contain. Every writer that draws scopes lists them in this order.
///
/// ```swift
/// let tree = ScopeTree(snapshot)
/// for child in tree.children(of: tree.root) { print(child.path, child.nodeIDs.count) }
/// ```
public struct ScopeTree: Sendable, Equatable {
    /// One scope: a name, its place in the tree, and its own nodes.
    public struct Scope: Sendable, Equatable, Identifiable {
        /// The scope's position in ``ScopeTree/scopes``; 0 is the top level.
        public let id: Int
        /// The last component of the path, such as `neuron3`; empty for the top level.
        public let name: String
        /// The path from the outermost scope, such as `mlp/layer0/neuron3`; empty for the top level.
        public let path: String
        /// How deeply the scope is nested: 0 for the top level, 1 for `mlp`, 2 for `mlp/layer0`.
        public let depth: Int
        /// The enclosing scope's id, or `nil` for the top level.
        public let parent: Int?
        /// The ids of the scopes directly inside this one, in natural order.
        public internal(set) var children: [Int]
        /// The ids of the nodes recorded directly in this scope (not in a nested one), ascending.
        public internal(set) var nodeIDs: [Int]
    }

    /// Every scope, the top level first; `scopes[i].id == i`.
    public private(set) var scopes: [Scope]

    /// For each node id, the id of the scope it was recorded in.
    public private(set) var scopeOfNode: [Int]

    /// Builds the tree of `snapshot`'s scopes.
    ///
    /// - Complexity: O(n) for n nodes, and O(c log c) to order c children of a scope.
    public init(_ snapshot: GraphSnapshot) {
        var building = [Scope(id: 0, name: "", path: "", depth: 0, parent: nil, children: [], nodeIDs: [])]
        var childByName: [[String: Int]] = [[:]]
        scopeOfNode = []
        scopeOfNode.reserveCapacity(snapshot.nodes.count)
        // Consecutive nodes usually share a scope; remember the last one.
        var lastComponents: [String] = []
        var last = 0
        // By index: iterating the nodes would copy each one, retaining all its arrays.
        for id in snapshot.nodes.indices {
            if snapshot.nodes[id].scope != lastComponents {
                var scope = 0
                for component in snapshot.nodes[id].scope {
                    if let existing = childByName[scope][component] {
                        scope = existing
                    } else {
                        let parent = building[scope]
                        let child = Scope(
                            id: building.count, name: component,
                            path: parent.path.isEmpty ? component : parent.path + "/" + component,
                            depth: parent.depth + 1, parent: scope, children: [], nodeIDs: [])
                        building.append(child)
                        childByName.append([:])
                        building[scope].children.append(child.id)
                        childByName[scope][component] = child.id
                        scope = child.id
                    }
                }
                lastComponents = snapshot.nodes[id].scope
                last = scope
            }
            building[last].nodeIDs.append(id)
            scopeOfNode.append(last)
        }
        let names = building.map(\.name)
        for index in building.indices where building[index].children.count > 1 {
            building[index].children = NaturalOrder.sorted(building[index].children) { names[$0] }
        }
        scopes = building
    }

    /// The top level, which holds the nodes recorded outside any scope.
    public var root: Scope { scopes[0] }

    /// The scopes directly inside `scope`, in natural order.
    public func children(of scope: Scope) -> [Scope] {
        scope.children.map { scopes[$0] }
    }

    /// The scope with the path `path` (`mlp/layer0`), if the graph has one; `""` is the top level.
    public func scope(path: String) -> Scope? {
        scopes.first { $0.path == path }
    }

    /// Whether `scope` is `ancestor` or nested (at any depth) inside it.
    public func isScope(_ scope: Int, inside ancestor: Int) -> Bool {
        var current: Int? = scope
        while let id = current {
            if id == ancestor { return true }
            current = scopes[id].parent
        }
        return false
    }

    /// The ids of every node in `scope` and the scopes nested in it, ascending.
    ///
    /// - Complexity: O(n) for n nodes in the subtree.
    public func allNodeIDs(in scope: Scope) -> [Int] {
        var ids: [Int] = []
        var pending = [scope.id]
        while let next = pending.popLast() {
            ids += scopes[next].nodeIDs
            pending += scopes[next].children
        }
        return ids.sorted()
    }
}
