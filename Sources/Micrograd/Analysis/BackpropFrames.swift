/// Backpropagation as a lecturer draws it on the board, one step at a time: the
/// forward pass filling in values operation by operation, then the backward pass
/// filling in gradients node by node, each step one application of the chain rule.
///
/// The frames follow the engine, not a re-implementation of it: the backward frames
/// are ``Value/backwardOrder()`` (or ``Tensor/backwardOrder()``), one frame per node
/// `backward()` processes, in the order it processes them; the forward frames are the
/// operations of that order read backwards, which is the order they were recorded in.
///
/// Each node's gradient is gathered here as the engine gathers it: the sum of the
/// contributions (local derivative × upstream gradient, from ``EdgeDerivatives``) sent
/// by the nodes processed before it. So when the order is right, a frame's gradients
/// are exactly the ones `backward()` left.
///
/// ```swift
/// loss.backward()
/// let frames = BackpropFrames(loss.snapshot(), backwardOrder: loss.backwardOrder())
/// for frame in frames.backward {
///     print(frame.node, frames.gradient(of: frame.node, in: frame)!)   // complete from this frame on
/// }
/// ```
public struct BackpropFrames: Sendable {
    /// One picture of the sequence.
    public struct Frame: Sendable, Equatable {
        /// Which pass a frame belongs to.
        public enum Pass: String, Sendable, CaseIterable {
            /// Values computed operation by operation.
            case forward
            /// Gradients completed node by node.
            case backward
        }

        /// The pass.
        public let pass: Pass
        /// The frame's position in its pass, from 1.
        public let step: Int
        /// The node of this step: the operation's result computed (forward), or the node
        /// whose gradient is complete and is passed on to its inputs (backward).
        public let node: Int
    }

    /// The graph, as it was after one `backward()` from its root.
    public let snapshot: GraphSnapshot
    /// Every edge's local derivative and contribution.
    public let edges: EdgeDerivatives
    /// One frame per operation, in the order the operations were recorded.
    public let forward: [Frame]
    /// One frame per node, in the order `backward()` processes them.
    public let backward: [Frame]
    /// Each node's gradient as the backward walk completes it: the seed 1 for the root,
    /// else the sum of the contributions its users sent before it was processed.
    public let gradients: [[Double]]
    /// The forward step at which each node is computed (0 for a leaf, known from the start).
    private let computedAt: [Int]
    /// The backward step at which each node's gradient is complete.
    private let completedAt: [Int]

    /// Lays out the steps of `snapshot`.
    ///
    /// - Parameters:
    ///   - snapshot: The graph, taken after exactly one `backward()` from its root (the
    ///     contributions on its edges are read from its gradients).
    ///   - backwardOrder: The engine's order, from ``GraphValue/backwardOrder()`` of the
    ///     value the snapshot was taken from: every id once, each after the nodes that use it.
    /// - Complexity: about the cost of one backward pass.
    public init(_ snapshot: GraphSnapshot, backwardOrder: [Int]) {
        let count = snapshot.nodes.count
        precondition(
            backwardOrder.count == count && Set(backwardOrder).count == count
                && backwardOrder.allSatisfy { (0..<count).contains($0) },
            "the backward order must list every node of the snapshot once")
        var completedAt = [Int](repeating: 0, count: count)
        for (position, id) in backwardOrder.enumerated() { completedAt[id] = position + 1 }
        for node in snapshot.nodes {
            for input in node.inputs {
                precondition(
                    completedAt[input] > completedAt[node.id],
                    "the backward order must process node \(node.id) before its input \(input)")
            }
        }
        let edges = snapshot.edgeDerivatives()
        // Gather gradients in the engine's order: a node's gradient is the sum of what its
        // users sent, each user adding its contributions slot by slot when it is processed.
        var arriving = [[Double]?](repeating: nil, count: count)
        var gradients = [[Double]](repeating: [], count: count)
        for id in backwardOrder {
            let gradient =
                id == snapshot.rootID
                ? [Double](repeating: 1, count: snapshot.nodes[id].data.count)
                : arriving[id] ?? [Double](repeating: 0, count: snapshot.nodes[id].data.count)
            gradients[id] = gradient
            for edge in edges.edges(into: id) {
                if var sum = arriving[edge.input] {
                    for index in sum.indices { sum[index] += edge.contribution[index] }
                    arriving[edge.input] = sum
                } else {
                    arriving[edge.input] = edge.contribution
                }
            }
        }
        let operations = backwardOrder.reversed().filter { snapshot.nodes[$0].op != nil }
        var computedAt = [Int](repeating: 0, count: count)
        for (position, id) in operations.enumerated() { computedAt[id] = position + 1 }
        self.snapshot = snapshot
        self.edges = edges
        self.forward = operations.enumerated().map { Frame(pass: .forward, step: $0.offset + 1, node: $0.element) }
        self.backward = backwardOrder.enumerated().map {
            Frame(pass: .backward, step: $0.offset + 1, node: $0.element)
        }
        self.gradients = gradients
        self.computedAt = computedAt
        self.completedAt = completedAt
    }

    /// The frames of one pass, or of both (forward first).
    public func frames(of passes: Set<Frame.Pass> = [.forward, .backward]) -> [Frame] {
        (passes.contains(.forward) ? forward : []) + (passes.contains(.backward) ? backward : [])
    }

    /// Whether `node`'s value is known in `frame`: leaves always, results from the step
    /// that computes them on, everything in the backward pass.
    public func hasData(_ node: Int, in frame: Frame) -> Bool {
        frame.pass == .backward || computedAt[node] <= frame.step
    }

    /// `node`'s gradient if it is complete in `frame` (processed in this step or before),
    /// else `nil`; always `nil` in the forward pass.
    public func gradient(of node: Int, in frame: Frame) -> [Double]? {
        frame.pass == .backward && completedAt[node] <= frame.step ? gradients[node] : nil
    }

    /// The chain rule applied in `frame`: in the backward pass the edges from the node's
    /// inputs into it, each carrying local derivative × the node's gradient to its input;
    /// in the forward pass the edges whose inputs the operation reads.
    public func edgesUsed(in frame: Frame) -> ArraySlice<EdgeDerivative> {
        edges.edges(into: frame.node)
    }

    /// Whether the edge into `node` has carried its contribution by `frame` (its user was
    /// processed in this step or before).
    public func hasCarried(into node: Int, in frame: Frame) -> Bool {
        frame.pass == .backward && completedAt[node] <= frame.step
    }
}
