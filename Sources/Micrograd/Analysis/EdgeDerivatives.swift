/// The chain rule on one edge of a snapshot: how much of an input's gradient
/// arrives along the edge from one operand slot of an operation.
///
/// For `out = a * b`, the edge from `a` carries the local derivative ∂out/∂a = b
/// and the contribution ∂out/∂a · out.grad. An input used by several operations
/// (or twice by one) has one edge per use, and its gradient is the sum of their
/// contributions: that sum is what ``Value/backward()`` computes.
public struct EdgeDerivative: Sendable, Equatable {
    /// The id of the operation's result.
    public let node: Int
    /// The operand slot, from 0 (`a` is 0 and `b` is 1 in `a - b`).
    public let operand: Int
    /// The id of the input in that slot.
    public let input: Int
    /// ∂node/∂input element by element, in the result's shape (after broadcasting), for
    /// an elementwise operation; `nil` for the others (matrix products, reductions, …),
    /// whose local derivative is not one number per element.
    public let local: [Double]?
    /// The gradient that flows along the edge, in the input's shape: local derivative
    /// times the result's gradient (the upstream gradient), summed over any axes the
    /// input was broadcast along.
    public let contribution: [Double]
}

/// Every edge of a snapshot with its local derivative and the gradient it carries,
/// evaluated at the snapshot's numbers.
///
/// ```swift
/// loss.backward()
/// let edges = loss.snapshot().edgeDerivatives()
/// for edge in edges.edges(outOf: w.id) { print(edge.local, edge.contribution) }   // they sum to w.grad
/// ```
///
/// Scalar and elementwise tensor operations are evaluated with ``Op/localDerivatives(operands:output:)``;
/// the other tensor operations are replayed on the engine with the result's gradient
/// as the upstream gradient, so the contributions are exactly what `backward()` sends.
public struct EdgeDerivatives: Sendable {
    /// Every edge, by result id and then operand slot.
    public let edges: [EdgeDerivative]
    /// Where each node's incoming edges start in ``edges``.
    private let firstEdge: [Int]
    /// For each node, the positions in ``edges`` of the edges that leave it.
    private let outgoing: [[Int]]

    /// Evaluates every edge of `snapshot`.
    ///
    /// - Complexity: about the cost of one backward pass.
    public init(_ snapshot: GraphSnapshot) {
        var edges: [EdgeDerivative] = []
        var firstEdge: [Int] = []
        var outgoing = [[Int]](repeating: [], count: snapshot.nodes.count)
        firstEdge.reserveCapacity(snapshot.nodes.count + 1)
        for id in snapshot.nodes.indices {
            firstEdge.append(edges.count)
            for edge in Self.evaluate(snapshot, node: id) {
                outgoing[edge.input].append(edges.count)
                edges.append(edge)
            }
        }
        firstEdge.append(edges.count)
        self.edges = edges
        self.firstEdge = firstEdge
        self.outgoing = outgoing
    }

    /// The edges into `node`, one per operand slot.
    public func edges(into node: Int) -> ArraySlice<EdgeDerivative> {
        edges[firstEdge[node]..<firstEdge[node + 1]]
    }

    /// The edges that leave `node`, one per use of it.
    public func edges(outOf node: Int) -> [EdgeDerivative] {
        outgoing[node].map { edges[$0] }
    }

    /// The sum of the contributions arriving at `node` along its out-edges: its gradient,
    /// when the snapshot was taken after one `backward()` from its root.
    public func gradientArriving(at node: Int) -> [Double]? {
        let incoming = edges(outOf: node)
        guard var total = incoming.first?.contribution else { return nil }
        for edge in incoming.dropFirst() {
            for index in total.indices { total[index] += edge.contribution[index] }
        }
        return total
    }

    // MARK: - Evaluating one node's edges

    private static func evaluate(_ snapshot: GraphSnapshot, node id: Int) -> [EdgeDerivative] {
        let node = snapshot.nodes[id]
        guard let op = node.op, !node.inputs.isEmpty else { return [] }
        let inputs = node.inputs.map { snapshot.nodes[$0] }
        if op.isElementwise {
            return elementwise(op, node: node, inputs: inputs)
        }
        let contributions = replay(op, node: node, inputs: inputs)
        return node.inputs.enumerated().map { slot, input in
            EdgeDerivative(node: id, operand: slot, input: input, local: nil, contribution: contributions[slot])
        }
    }

    /// Local derivatives element by element, each operand read at the result's (broadcast) shape.
    private static func elementwise(
        _ op: Op, node: GraphSnapshot.Node, inputs: [GraphSnapshot.Node]
    ) -> [EdgeDerivative] {
        let outputShape = node.shape ?? []
        let count = node.data.count
        let strides = inputs.map { Shape.broadcastStrides($0.shape ?? [], to: outputShape) }
        var locals = [[Double]](repeating: [Double](repeating: 0, count: count), count: inputs.count)
        var operands = [Double](repeating: 0, count: inputs.count)
        func fill(_ index: Int, _ offsets: [Int]) {
            for slot in inputs.indices { operands[slot] = inputs[slot].data[offsets[slot]] }
            let derivatives = op.localDerivatives(operands: operands, output: node.data[index])!
            for slot in inputs.indices { locals[slot][index] = derivatives[slot] }
        }
        if node.shape == nil || inputs.allSatisfy({ $0.shape == node.shape }) {
            let offsets = [Int](repeating: 0, count: inputs.count)
            for index in 0..<count { fill(index, offsets.map { _ in index }) }
        } else if inputs.count == 1 {
            Shape.forEachBroadcast(outputShape, strides[0], strides[0]) { index, offset, _ in fill(index, [offset]) }
        } else {
            Shape.forEachBroadcast(outputShape, strides[0], strides[1]) { index, a, b in fill(index, [a, b]) }
        }
        return inputs.indices.map { slot in
            let flowing = zip(locals[slot], node.grad).map { $0 * $1 }
            let contribution =
                inputs[slot].shape == nil || inputs[slot].shape == node.shape
                ? flowing : Shape.reduce(flowing, from: outputShape, to: inputs[slot].shape ?? [])
            return EdgeDerivative(
                node: node.id, operand: slot, input: node.inputs[slot], local: locals[slot], contribution: contribution)
        }
    }

    /// Runs a tensor operation again on copies of its inputs and backpropagates the
    /// result's gradient through it: the gradient each input receives.
    private static func replay(_ op: Op, node: GraphSnapshot.Node, inputs: [GraphSnapshot.Node]) -> [[Double]] {
        let leaves = inputs.map { Tensor(leaf: $0.shape ?? [], $0.data, role: .input) }
        let a = leaves[0]
        let output: Tensor
        switch op {
        case .matmul: output = a.matmul(leaves[1])
        case .transpose: output = a.transposed()
        case .reshape: output = a.reshaped(node.shape ?? [])
        case .sum(let axis, let keepDims): output = a.sum(axis: axis, keepDims: keepDims)
        case .mean(let axis, let keepDims): output = a.mean(axis: axis, keepDims: keepDims)
        case .max(let axis, let keepDims): output = a.max(axis: axis, keepDims: keepDims)
        case .softmax(let axis): output = a.softmax(axis: axis)
        case .logSoftmax(let axis): output = a.logSoftmax(axis: axis)
        case .gather: output = a.gather(classes: node.indices ?? [])
        default: preconditionFailure("\(op.name) is elementwise")
        }
        // Σ output ⊙ g has gradient Jᵀg with respect to each input: what backward() sends.
        let upstream = Tensor(leaf: output.shape, node.grad, role: .constant)
        (output * upstream).sum().backward()
        return leaves.map(\.gradScalars)
    }
}

extension GraphSnapshot {
    /// Every edge with its local derivative and the gradient it carries; see ``EdgeDerivatives``.
    ///
    /// - Complexity: about the cost of one backward pass.
    public func edgeDerivatives() -> EdgeDerivatives {
        EdgeDerivatives(self)
    }
}
