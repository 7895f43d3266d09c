import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("GraphSnapshot")
struct SnapshotTests {
    @Test func idsAreTopologicalAndStable() {
        let snapshot = SampleGraphs.neuron().snapshot()
        #expect(snapshot.nodes.count == 10)
        #expect(snapshot.rootID == 9)
        #expect(snapshot.root.label == "o")
        #expect(snapshot.root.op == .tanh)
        for node in snapshot.nodes {
            #expect(node.id == snapshot.nodes.firstIndex(of: node))
            #expect(node.inputs.allSatisfy { $0 < node.id })
        }
        // Depth-first, operands in order: x1, w1, x1*w1, x2, w2, x2*w2, their sum, b, n, o.
        #expect(
            snapshot.nodes.map { $0.label ?? $0.op!.symbol } == [
                "x1", "w1", "x1*w1", "x2", "w2", "x2*w2", "x1*w1 + x2*w2", "b", "n", "o",
            ])
    }

    @Test func identicalBuildsGiveEqualSnapshots() {
        let first = SampleGraphs.neuron().snapshot()
        let second = SampleGraphs.neuron().snapshot()
        #expect(first == second)
        let mlpA = MLP(2, [4, 1], seed: 7)([Value(0.3), Value(-0.2)])[0].snapshot()
        let mlpB = MLP(2, [4, 1], seed: 7)([Value(0.3), Value(-0.2)])[0].snapshot()
        #expect(mlpA == mlpB)
    }

    @Test func beforeAndAfterBackwardDifferOnlyInGrads() {
        let o = SampleGraphs.neuron()
        let before = o.snapshot()
        o.backward()
        let after = o.snapshot()
        #expect(before.nodes.allSatisfy { $0.grad == [0] })
        #expect(before.nodes.count == after.nodes.count)
        for (b, a) in zip(before.nodes, after.nodes) {
            var withAfterGrad = b
            withAfterGrad.grad = a.grad
            #expect(withAfterGrad == a)
        }
        // The lecture's published gradients.
        let grads = Dictionary(
            uniqueKeysWithValues: after.nodes.compactMap { node in node.label.map { ($0, node.grad[0]) } })
        #expect(isClose(grads["x1"]!, -1.5, tolerance: 1e-6))
        #expect(isClose(grads["w1"]!, 1.0, tolerance: 1e-6))
        #expect(isClose(grads["x2"]!, 0.5, tolerance: 1e-6))
        #expect(grads["w2"]! == 0)
        #expect(isClose(grads["b"]!, 0.5, tolerance: 1e-6))
        #expect(isClose(after.root.data[0], 0.7071, tolerance: 1e-4))
        let leaves = after.nodes.filter { $0.op == nil }
        #expect(leaves.map(\.label) == ["x1", "w1", "x2", "w2", "b"])
        #expect(leaves.map(\.role) == [.input, .parameter, .input, .parameter, .parameter])
    }

    @Test func snapshotRecordsRolesAndScopes() {
        let model = MLP(2, [2, 1], seed: 3)
        let output = model([Value(1.0), Value(2.0)])[0]
        let snapshot = output.snapshot()
        let parameterScopes = Set(snapshot.nodes.filter { $0.role == .parameter }.map(\.scopePath))
        #expect(parameterScopes == ["mlp/layer0/neuron0", "mlp/layer0/neuron1", "mlp/layer1/neuron0"])
        #expect(snapshot.root.scopePath == "mlp/layer1/neuron0")
        #expect(snapshot.nodes.filter { $0.role == .input }.allSatisfy { $0.scope.isEmpty })
        #expect(snapshot.nodes.filter { $0.role == .parameter }.count == model.parameters().count)
        #expect(snapshot.nodes.allSatisfy { $0.shape == nil })
    }
}
