import MicrogradTestSupport
import Testing

@testable import Micrograd

/// The frames of the forward and backward passes: one per operation, then one per node
/// in the engine's order; each frame knows exactly what has been computed so far.
@Suite("Backprop frames")
struct BackpropFramesTests {
    /// nn-zero-to-hero's first expression: L = (a·b + c)·f.
    static func zeroToHero() -> Value {
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
        return loss
    }

    static func frames(of root: Value) -> BackpropFrames {
        root.backward()
        return BackpropFrames(root.snapshot(), backwardOrder: root.backwardOrder())
    }

    @Test(arguments: ["readme", "neuron", "zero-to-hero"])
    func countAndOrderAreTheEngines(graph: String) {
        let root =
            graph == "readme" ? SampleGraphs.readme() : graph == "neuron" ? SampleGraphs.neuron() : Self.zeroToHero()
        let frames = Self.frames(of: root)
        let snapshot = frames.snapshot
        #expect(frames.backward.map(\.node) == root.backwardOrder())
        #expect(frames.backward.count == snapshot.nodes.count)
        #expect(frames.backward.map(\.step) == Array(1...snapshot.nodes.count))
        let operations = snapshot.nodes.filter { $0.op != nil }.map(\.id)
        #expect(frames.forward.count == operations.count)
        #expect(Set(frames.forward.map(\.node)) == Set(operations))
        // The forward pass is the backward order read backwards: inputs before results.
        #expect(frames.forward.map(\.node) == root.backwardOrder().reversed().filter { snapshot.nodes[$0].op != nil })
        #expect(frames.frames(of: [.forward]) == frames.forward)
        #expect(frames.frames() == frames.forward + frames.backward)
    }

    /// In every backward frame, each processed node shows its final gradient and every
    /// other node none; in every forward frame, exactly the values computed so far are known.
    @Test(arguments: ["readme", "neuron", "zero-to-hero"])
    func everyFrameShowsExactlyWhatIsComputed(graph: String) {
        let root =
            graph == "readme" ? SampleGraphs.readme() : graph == "neuron" ? SampleGraphs.neuron() : Self.zeroToHero()
        let frames = Self.frames(of: root)
        let snapshot = frames.snapshot
        var processed: Set<Int> = []
        for frame in frames.backward {
            processed.insert(frame.node)
            for node in snapshot.nodes {
                #expect(frames.hasData(node.id, in: frame))
                if processed.contains(node.id) {
                    #expect(
                        frames.gradient(of: node.id, in: frame) == node.grad, "frame \(frame.step), node \(node.id)")
                } else {
                    #expect(frames.gradient(of: node.id, in: frame) == nil, "frame \(frame.step), node \(node.id)")
                }
            }
            #expect(frames.edgesUsed(in: frame).map(\.input) == snapshot.nodes[frame.node].inputs)
        }
        var computed = Set(snapshot.nodes.filter { $0.op == nil }.map(\.id))
        for frame in frames.forward {
            #expect(snapshot.nodes[frame.node].inputs.allSatisfy(computed.contains), "inputs before results")
            computed.insert(frame.node)
            for node in snapshot.nodes {
                #expect(frames.hasData(node.id, in: frame) == computed.contains(node.id))
                #expect(frames.gradient(of: node.id, in: frame) == nil)
            }
        }
    }

    /// The lecture's numbers, step by step: L = -8, then dL/dd = -2 and dL/df = 4 from the
    /// first step, dL/de = dL/dc = -2, dL/da = 6 and dL/db = -4.
    @Test func zeroToHeroPublishedValues() throws {
        let frames = Self.frames(of: Self.zeroToHero())
        let snapshot = frames.snapshot
        func id(_ label: String) throws -> Int { try #require(snapshot.nodes.first { $0.label == label }?.id) }
        #expect(snapshot.root.data == [-8])
        let first = frames.backward[0]
        #expect(first.node == snapshot.rootID)
        #expect(frames.edgesUsed(in: first).map(\.contribution) == [[-2], [4]])
        let expected: [String: Double] = ["L": 1, "d": -2, "f": 4, "e": -2, "c": -2, "a": 6, "b": -4]
        for (label, gradient) in expected { #expect(frames.gradients[try id(label)] == [gradient], "\(label)") }
        #expect(frames.forward.map { snapshot.nodes[$0.node].label } == ["e", "d", "L"])
    }

    /// A value used twice gets the sum of both contributions before it is processed.
    @Test func aValueUsedTwiceIsProcessedAfterBothUses() {
        let a = Value(3.0, label: "a")
        let square = a * a
        let frames = Self.frames(of: square)
        #expect(frames.backward.map(\.node) == [1, 0])
        #expect(frames.gradients[0] == [6])
    }
}
