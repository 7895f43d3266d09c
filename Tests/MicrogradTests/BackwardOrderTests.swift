import MicrogradTestSupport
import Testing

@testable import Micrograd

/// `backwardOrder()` is the order `backward()` completes gradients in, and the frames of
/// the backward pass follow it.
@Suite("Backward order")
struct BackwardOrderTests {
    /// Whether `order` lists every node once, each after every node that uses it.
    static func isValidBackwardOrder(_ order: [Int], of snapshot: GraphSnapshot) -> Bool {
        guard order.count == snapshot.nodes.count, Set(order).count == order.count else { return false }
        var position = [Int](repeating: -1, count: order.count)
        for (index, id) in order.enumerated() { position[id] = index }
        return snapshot.nodes.allSatisfy { node in node.inputs.allSatisfy { position[$0] > position[node.id] } }
    }

    @Test(arguments: 0..<200)
    func everyNodeComesAfterItsUsersInRandomPrograms(seed: Int) {
        let program = RandomProgram(seed: UInt64(seed))
        let root = program.run(program.leaves.map { Value($0) })
        let order = root.backwardOrder()
        let snapshot = root.snapshot()
        #expect(order.first == snapshot.rootID)
        #expect(Self.isValidBackwardOrder(order, of: snapshot), "seed \(seed): \(order)")
    }

    /// Gathering each node's gradient along the order, as the engine does, gives exactly the
    /// engine's gradients: every contribution a node receives comes from a node before it.
    @Test(arguments: 0..<200)
    func gradientsGatheredInTheOrderAreTheEnginesBitForBit(seed: Int) {
        let program = RandomProgram(seed: UInt64(seed))
        let root = program.run(program.leaves.map { Value($0) })
        root.backward()
        let snapshot = root.snapshot()
        let frames = BackpropFrames(snapshot, backwardOrder: root.backwardOrder())
        for node in snapshot.nodes {
            #expect(frames.gradients[node.id] == node.grad, "seed \(seed), node \(node.id)")
        }
    }

    /// Records are visited newest first: zero-to-hero's `f`, recorded after `d`, is processed
    /// before it, and `e` before the leaf `c`, recorded before it.
    @Test func theOrderIsTheRecordingOrderReversed() {
        let a = Value(2.0, label: "a")
        let b = Value(-3.0, label: "b")
        let c = Value(10.0, label: "c")
        let e = a * b
        e.label = "e"
        let d = e + c
        d.label = "d"
        let f = Value(-2.0, label: "f")
        let loss = d * f
        loss.label = "L"
        let snapshot = loss.snapshot()
        let labels = loss.backwardOrder().map { snapshot.nodes[$0].label! }
        #expect(labels == ["L", "f", "d", "e", "c", "b", "a"])
    }

    /// Reading the order changes no gradient and leaves backward() working as before.
    @Test func readingTheOrderChangesNothing() {
        let root = SampleGraphs.readme()
        let before = root.snapshot()
        _ = root.backwardOrder()
        #expect(root.snapshot() == before)
        root.backward()
        _ = root.backwardOrder()
        let after = root.snapshot()
        root.zeroGraphGrads()
        root.backward()
        #expect(root.snapshot() == after)
    }

    /// A graph on several tapes (a weight from an earlier step, a full tape) is walked whole.
    @Test func aGraphAcrossTapesIsWalkedWhole() {
        let weight = Value(0.5, label: "w", role: .parameter)
        let seed = weight * 2
        seed.backward()  // the next values go on a new tape
        var total = seed
        for step in 0..<(Tape.capacity + 100) { total = total + weight * Double(step % 3) }
        let order = total.backwardOrder()
        let snapshot = total.snapshot()
        #expect(Self.isValidBackwardOrder(order, of: snapshot))
    }

    /// Tensors: backward() walks the snapshot's order from the end.
    @Test func tensorOrderIsTheSnapshotOrderReversed() {
        let loss = TensorGraphs.classifier()
        let snapshot = loss.snapshot()
        let order = loss.backwardOrder()
        #expect(order == Array(snapshot.nodes.indices.reversed()))
        #expect(Self.isValidBackwardOrder(order, of: snapshot))
        loss.backward()
        let frames = BackpropFrames(loss.snapshot(), backwardOrder: order)
        for node in loss.snapshot().nodes {
            #expect(zip(frames.gradients[node.id], node.grad).allSatisfy { isClose($0, $1, tolerance: 1e-12) })
        }
    }
}
