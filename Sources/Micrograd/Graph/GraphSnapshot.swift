/// An immutable copy of a recorded graph: what every exporter reads.
///
/// Nodes are numbered `0 ..< nodes.count` in a topological order (inputs before
/// the values computed from them, the root last), found by a depth-first walk
/// that visits inputs in operand order. The numbering depends only on the
/// graph's structure: building the same graph twice gives equal snapshots, and
/// a snapshot taken before ``Value/backward()`` differs from one taken after
/// only in the gradients.
///
/// ```swift
/// let loss = (a * b + c).tanh()
/// let before = loss.snapshot()
/// loss.backward()
/// let after = loss.snapshot()
/// after.nodes[after.rootID].grad   // [1.0]
/// ```
public struct GraphSnapshot: Sendable, Equatable {
    /// One recorded value.
    public struct Node: Sendable, Equatable, Identifiable {
        /// The node's position in ``GraphSnapshot/nodes``.
        public var id: Int
        /// The value's label, such as `"w0"`, if it has one.
        public var label: String?
        /// The operation that produced the value, or `nil` for a leaf.
        public var op: Op?
        /// The ids of the operation's inputs in operand order; an input used twice appears twice.
        public var inputs: [Int]
        /// The value's numbers in row-major order: one for a scalar ``Value``.
        public var data: [Double]
        /// The gradient, with the same layout as ``data``.
        public var grad: [Double]
        /// What the value is to the network.
        public var role: Role
        /// The module scope path, outermost first, such as `["mlp", "layer0", "neuron3"]`; empty at top level.
        public var scope: [String]
        /// The shape of a tensor node, or `nil` for a scalar ``Value``.
        public var shape: [Int]?
        /// For a ``Op/gather``, the element chosen in each row of its input; `nil` otherwise.
        public var indices: [Int]?

        /// Creates a node. Exporter tests use this to build graphs by hand.
        ///
        /// - Parameters:
        ///   - id: The node's position in the snapshot.
        ///   - label: An optional name.
        ///   - op: The operation, or `nil` for a leaf.
        ///   - inputs: The ids of the operation's inputs, each less than `id`.
        ///   - data: The value's numbers.
        ///   - grad: The gradient, laid out like `data`.
        ///   - role: What the value is to the network.
        ///   - scope: The module scope path, outermost first.
        ///   - shape: The tensor shape, or `nil` for a scalar.
        ///   - indices: For a gather, the element chosen in each row.
        public init(
            id: Int, label: String? = nil, op: Op? = nil, inputs: [Int] = [], data: [Double], grad: [Double],
            role: Role, scope: [String] = [], shape: [Int]? = nil, indices: [Int]? = nil
        ) {
            self.id = id
            self.label = label
            self.op = op
            self.inputs = inputs
            self.data = data
            self.grad = grad
            self.role = role
            self.scope = scope
            self.shape = shape
            self.indices = indices
        }

        /// The module scope path joined with `/`, such as `"mlp/layer0/neuron3"`.
        public var scopePath: String { scope.joined(separator: "/") }
    }

    /// Every node reachable from the root; `nodes[i].id == i`.
    public let nodes: [Node]

    /// The id of the value the snapshot was taken from, the last node.
    public let rootID: Int

    /// Creates a snapshot from nodes whose ids are their positions and whose inputs come before them.
    ///
    /// - Parameters:
    ///   - nodes: The nodes, numbered `0 ..< nodes.count`.
    ///   - rootID: The id of the root node.
    public init(nodes: [Node], rootID: Int) {
        precondition(!nodes.isEmpty, "a snapshot has at least its root")
        precondition(nodes.indices.contains(rootID), "the root id must be a node's id")
        for node in nodes {
            precondition(
                node.inputs.allSatisfy { (0..<node.id).contains($0) }, "inputs must come before the node that uses them"
            )
        }
        self.nodes = nodes
        self.rootID = rootID
    }

    /// The node the snapshot was taken from.
    public var root: Node { nodes[rootID] }
}

extension Value {
    /// An immutable copy of the graph this value was computed from, with this value as the root.
    ///
    /// - Complexity: O(n) for n reachable values.
    public func snapshot() -> GraphSnapshot {
        withTopologicalOrder { order in
            // Each record's tape, for its label: found from the root down, since a
            // record's inputs live on its own tape or on one of that tape's dependencies.
            var tapes = [Tape?](repeating: nil, count: order.count)
            tapes[order.count - 1] = tape
            for position in order.indices.reversed() {
                guard let owner = tapes[position] else { continue }
                for input in [order[position].pointee.lhs, order[position].pointee.rhs] {
                    guard let input else { continue }
                    let slot = Int(input.pointee.slot)
                    if tapes[slot] == nil { tapes[slot] = owner.tape(holding: input) }
                }
            }
            var scopes = ScopeCache()
            var nodes: [GraphSnapshot.Node] = []
            nodes.reserveCapacity(order.count)
            for (id, node) in order.enumerated() {
                let record = node.pointee
                var inputs: [Int] = []
                if let lhs = record.lhs {
                    inputs.reserveCapacity(record.rhs == nil ? 1 : 2)
                    inputs.append(Int(lhs.pointee.slot))
                    if let rhs = record.rhs { inputs.append(Int(rhs.pointee.slot)) }
                }
                nodes.append(
                    GraphSnapshot.Node(
                        id: id, label: tapes[id]?.label(of: node), op: record.op, inputs: inputs,
                        data: [record.data], grad: [record.grad], role: record.role,
                        scope: scopes.components(of: record.scope)))
            }
            return GraphSnapshot(nodes: nodes, rootID: nodes.count - 1)
        }
    }
}

/// Looks each scope up in the registry once per snapshot.
struct ScopeCache {
    private var known: [ScopeID: [String]] = [:]
    /// Consecutive nodes usually share a scope.
    private var last: (id: ScopeID, components: [String])?

    mutating func components(of id: ScopeID) -> [String] {
        if let last, last.id == id { return last.components }
        let components = known[id] ?? ScopeRegistry.shared.components(of: id)
        known[id] = components
        last = (id, components)
        return components
    }
}
