import MicrogradTestSupport
import Testing

@testable import Micrograd

/// The chain rule on every edge: local derivatives, the gradients they carry, and
/// that a value's gradient is the sum of what arrives along its edges.
@Suite("Edge derivatives")
struct EdgeDerivativeTests {
    /// Every node's gradient equals the sum of the contributions on the edges leaving it.
    static func expectContributionsSumToGradients(_ snapshot: GraphSnapshot, _ comment: Comment? = nil) {
        let edges = snapshot.edgeDerivatives()
        for node in snapshot.nodes where node.id != snapshot.rootID {
            guard let arriving = edges.gradientArriving(at: node.id) else {
                Issue.record("node \(node.id) reaches the root, so it has an edge out")
                continue
            }
            #expect(arriving.count == node.grad.count)
            #expect(
                zip(arriving, node.grad).allSatisfy { isClose($0, $1, tolerance: 1e-12) },
                "node \(node.id) (\(node.label ?? node.op?.symbol ?? "")): \(arriving) against \(node.grad). \(comment?.description ?? "")"
            )
        }
    }

    @Test(arguments: 0..<200)
    func contributionsSumToGradientsInRandomPrograms(seed: Int) {
        let program = RandomProgram(seed: UInt64(seed))
        let root = program.run(program.leaves.map { Value($0) })
        root.backward()
        Self.expectContributionsSumToGradients(root.snapshot(), "seed \(seed)")
    }

    /// The numbers of ``Op/localDerivatives(operands:output:)`` are the engine's own, op by op.
    @Test(arguments: [-1.7, -0.4, 0.6, 2.3])
    func localDerivativesAreTheEnginesOwn(x: Double) {
        let unary: [Op] = [.negate, .power(3), .power(-0.5), .relu, .tanh, .exp, .log, .sigmoid, .abs, .softplus]
        for op in unary {
            let input = Value(x)
            let output = Value.apply(op, to: [input])
            let recorded = output.record.pointee.localDerivatives.lhs
            let described = op.localDerivatives(operands: [x], output: output.data)!
            #expect(recorded == described[0] || (recorded.isNaN && described[0].isNaN), "\(op.name) at \(x)")
        }
        for op in [Op.add, .subtract, .multiply, .divide] {
            let (a, b) = (Value(x), Value(x * 0.7 - 1))
            let output = Value.apply(op, to: [a, b])
            let recorded = output.record.pointee.localDerivatives
            let described = op.localDerivatives(operands: [a.data, b.data], output: output.data)!
            #expect([recorded.lhs, recorded.rhs] == described, "\(op.name)")
        }
    }

    /// Lecture 1's neuron: ∂o/∂n = 1 − o² = 0.5, and the 0.5 flows on to b and to the sum.
    @Test func neuronEdgesCarryThePublishedNumbers() throws {
        let (x1, x2) = (Value(2.0, label: "x1"), Value(0.0, label: "x2"))
        let (w1, w2) = (Value(-3.0, label: "w1", role: .parameter), Value(1.0, label: "w2", role: .parameter))
        let b = Value(6.8813735870195432, label: "b", role: .parameter)
        let n = x1 * w1 + x2 * w2 + b
        n.label = "n"
        let o = n.tanh()
        o.backward()
        let snapshot = o.snapshot()
        let edges = snapshot.edgeDerivatives()
        let into = Array(edges.edges(into: snapshot.rootID))
        #expect(into.count == 1 && isClose(into[0].local![0], 0.5, tolerance: 1e-12))
        #expect(isClose(into[0].contribution[0], 0.5, tolerance: 1e-12))
        let bID = try #require(snapshot.nodes.first { $0.label == "b" }?.id)
        #expect(edges.edges(outOf: bID).map(\.contribution) == [[n.grad]])
        // x1 * w1: the edge from x1 carries w1 = −3 times the 0.5 upstream.
        let x1ID = try #require(snapshot.nodes.first { $0.label == "x1" }?.id)
        let fromX1 = edges.edges(outOf: x1ID)
        #expect(fromX1.count == 1 && fromX1[0].local == [-3] && isClose(fromX1[0].contribution[0], -1.5))
        #expect(Op.tanh.derivativeFormula(operand: 0, operands: ["n"], output: "o") == "∂tanh(n)/∂n = 1 − o²")
    }

    /// A value used twice by one operation has two edges, and both count.
    @Test func aValueUsedTwiceHasTwoEdges() {
        let a = Value(3.0, label: "a")
        let square = a * a
        square.backward()
        let snapshot = square.snapshot()
        let edges = snapshot.edgeDerivatives()
        #expect(edges.edges(outOf: 0).map(\.operand) == [0, 1])
        #expect(edges.edges(outOf: 0).map(\.contribution) == [[3], [3]])
        #expect(edges.gradientArriving(at: 0) == [6])
    }

    /// Every tensor operation, with broadcasting both ways: each tensor's gradient is the
    /// sum of what its edges carry, and elementwise edges list a local derivative per element.
    @Test func tensorGraphsSumToTheirGradients() {
        var generator = SeededGenerator(seed: 3)
        let x = Tensor.uniform([4, 3], in: -1...1, label: "x", using: &generator)
        let w = Tensor.uniform([3, 5], in: -1...1, label: "w", role: .parameter, using: &generator)
        let bias = Tensor.uniform([5], in: -1...1, label: "b", role: .parameter, using: &generator)
        let h = (x.matmul(w) + bias).tanh()
        let scaled = h * Tensor.uniform([4, 1], in: 0.5...1.5, using: &generator)  // broadcast along columns
        let mixed = (scaled.softmax(axis: 1) + scaled.logSoftmax(axis: 0).exp()).pow(2)
        let reduced = mixed.sum(axis: 0, keepDims: true).mean(axis: 1) + mixed.max(axis: 1).sum()
        let picked = (h.T.reshaped([4, 5]) / (h.abs() + 1)).gather(classes: [0, 4, 2, 1]).softplus().relu()
        let loss = reduced.sum() + picked.mean() - x.sigmoid().log().mean()
        loss.backward()
        let snapshot = loss.snapshot()
        Self.expectContributionsSumToGradients(snapshot)
        let edges = snapshot.edgeDerivatives()
        for edge in edges.edges {
            let op = snapshot.nodes[edge.node].op!
            #expect((edge.local != nil) == op.isElementwise)
            if let local = edge.local { #expect(local.count == snapshot.nodes[edge.node].data.count) }
            #expect(edge.contribution.count == snapshot.nodes[edge.input].data.count)
        }
    }
}
