import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("Natural order of scopes")
struct NaturalOrderTests {
    @Test func numberedNamesCountLikeAReader() {
        let names = ["neuron10", "neuron2", "neuron0", "neuron1", "neuron9"]
        #expect(NaturalOrder.sorted(names) { $0 } == ["neuron0", "neuron1", "neuron2", "neuron9", "neuron10"])
        // Plain string order puts neuron10 before neuron2.
        #expect(names.sorted() != NaturalOrder.sorted(names) { $0 })
    }

    @Test func familiesKeepTheOrderTheyFirstAppearIn() {
        #expect(
            NaturalOrder.sorted(["encoder", "layer3", "decoder", "layer1", "head"]) { $0 }
                == ["encoder", "layer1", "layer3", "decoder", "head"])
    }

    @Test func everyNumberCountsFromLeftToRight() {
        #expect(
            NaturalOrder.sorted(["block10.conv1", "block2.conv10", "block2.conv9"]) { $0 }
                == ["block2.conv9", "block2.conv10", "block10.conv1"])
    }

    @Test func longNumbersAndLeadingZerosNeitherOverflowNorReorderTies() {
        let huge = "n" + String(repeating: "9", count: 30)
        #expect(NaturalOrder.sorted([huge, "n10", "n9"]) { $0 } == ["n9", "n10", huge])
        // 7 and 007 are the same number: they keep the order they came in.
        #expect(NaturalOrder.sorted(["x007", "x7", "x6"]) { $0 } == ["x6", "x007", "x7"])
        #expect(NaturalOrder.sorted(["x7", "x007"]) { $0 } == ["x7", "x007"])
    }

    @Test func scopeTreeListsNeuronsInNaturalOrderWhateverTheGraphOrder() throws {
        // Eleven neurons, so that neuron10 exists; the output neuron takes them in reverse.
        let model = MLP(2, [11], seed: 3)
        let outputs = model([Value(0.5), Value(-1)])
        var total = outputs.last!
        for output in outputs.reversed().dropFirst() { total = total + output }
        let tree = ScopeTree(total.snapshot())
        let layer = try #require(tree.scope(path: "mlp/layer0"))
        let names = tree.children(of: layer).map(\.name)
        #expect(names == (0...10).map { "neuron\($0)" })
        // The graph meets neuron10 first, so scopes are numbered by first node, and the list is sorted.
        #expect(tree.children(of: layer).map(\.id) != tree.children(of: layer).map(\.id).sorted())
    }

    @Test func parameterCountsAddUpThroughTheTree() throws {
        let model = TensorMLP(2, [16, 16, 1], seed: 7)
        let loss = model(Tensor([[0.5, -1]], label: "x")).sum()
        let snapshot = loss.snapshot()
        let tree = ScopeTree(snapshot)
        let counts = tree.parameterCounts(in: snapshot)
        func count(_ path: String) throws -> Int { counts[try #require(tree.scope(path: path)).id] }
        // weight [2, 16] + bias [16]; weight [16, 16] + bias [16]; weight [16, 1] + bias [1].
        #expect(try count("mlp/layer0") == 2 * 16 + 16)
        #expect(try count("mlp/layer1") == 16 * 16 + 16)
        #expect(try count("mlp/layer2") == 16 + 1)
        #expect(try count("mlp") == 48 + 272 + 17)
        #expect(counts[tree.root.id] == 337)
    }
}
