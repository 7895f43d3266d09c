import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Views of a snapshot: parts of it, and scopes merged into one node.
@Suite("Graph views")
struct GraphViewTests {
    /// The invariants every drawn graph keeps, and its bookkeeping's consistency.
    static func expectWellFormed(_ view: GraphView, _ comment: Comment? = nil) {
        let graph = view.graph
        #expect(
            graph.nodes.indices.allSatisfy { graph.nodes[$0].id == $0 }, "ids are dense. \(comment?.description ?? "")")
        #expect(graph.nodes.allSatisfy { node in node.inputs.allSatisfy { $0 < node.id } }, "inputs come first")
        if let output = view.outputID { #expect(output == graph.nodes.count - 1, "the root is last") }
        #expect(view.origins.count == graph.nodes.count && view.edgeValues.count == graph.nodes.count)
        for node in graph.nodes { #expect(view.edgeValues[node.id].count == node.inputs.count) }
        // Every value that flows along a drawn edge is shown by the edge's source.
        for node in graph.nodes {
            for (slot, input) in node.inputs.enumerated() {
                #expect(view.edgeValues[node.id][slot].allSatisfy { view.drawnNodeOfValue[$0] == input })
            }
        }
    }

    /// The 2-4-4-1 scalar MLP of the `mlp` sample, built here: one example's hinge loss.
    static func mlp() -> (snapshot: GraphSnapshot, model: MLP) {
        let model = MLP(2, [4, 4, 1], seed: 31)
        let x = [Value(0.5, label: "x0"), Value(-0.25, label: "x1")]
        let loss = (1 - model(x)[0]).relu()
        loss.label = "loss"
        loss.backward()
        return (loss.snapshot(), model)
    }

    @Test func theWholeGraphIsTheSnapshot() {
        let snapshot = Self.mlp().snapshot
        let view = GraphView(snapshot)
        Self.expectWellFormed(view)
        #expect(view.graph == snapshot)
        #expect(view.origins == snapshot.nodes.indices.map { .value($0) })
        #expect(view.outputID == snapshot.rootID)
        #expect(view.hiddenInputCounts.allSatisfy { $0 == 0 } && view.hiddenUserCounts.allSatisfy { $0 == 0 })
    }

    @Test func aPartCountsTheEdgesItCuts() throws {
        let snapshot = Self.mlp().snapshot
        // The output neuron's own values, without the layer before it.
        let kept = snapshot.nodes.filter { $0.scopePath == "mlp/layer2/neuron0" }.map(\.id)
        let view = GraphView(snapshot, keeping: kept)
        Self.expectWellFormed(view)
        #expect(view.graph.nodes.count == kept.count)
        #expect(view.outputID == nil, "the loss is outside the neuron")
        var expectedHiddenInputs = 0
        for id in kept {
            expectedHiddenInputs += snapshot.nodes[id].inputs.filter { !kept.contains($0) }.count
        }
        #expect(view.hiddenInputCounts.reduce(0, +) == expectedHiddenInputs)
        #expect(view.hiddenInputCounts.reduce(0, +) == 4, "the four activations of layer 1 feed the neuron")
        #expect(view.hiddenUserCounts.reduce(0, +) == 1, "the neuron's output feeds the loss")
        for (drawn, origin) in view.origins.enumerated() {
            guard case .value(let id) = origin else {
                Issue.record("nothing is merged")
                continue
            }
            #expect(view.graph.nodes[drawn].data == snapshot.nodes[id].data)
        }
    }

    @Test func mergedLayersShowTheirOutputsAndCountTheValuesBetweenThem() throws {
        let (snapshot, model) = Self.mlp()
        let view = GraphView(snapshot, collapsing: ["mlp/layer0", "mlp/layer1", "mlp/layer2"])
        Self.expectWellFormed(view)
        #expect(view.splitScopes.isEmpty)
        let scopes = view.origins.compactMap { origin -> GraphView.CollapsedScope? in
            if case .scope(let scope) = origin { return scope } else { return nil }
        }
        #expect(scopes.map(\.path) == ["mlp/layer0", "mlp/layer1", "mlp/layer2"])
        #expect(scopes.map(\.outputs.count) == [4, 4, 1])
        #expect(scopes.map(\.parameters.count) == [12, 20, 5])
        let mergedCount = scopes.map(\.members.count).reduce(0, +)
        let outsideCount = snapshot.nodes.count - mergedCount
        #expect(outsideCount == 5, "x0, x1, the constant 1, the subtraction and the ReLU are outside the model")
        // Inputs, three layers, then the hinge: 1, the subtraction and the ReLU.
        #expect(view.graph.nodes.count == outsideCount + 3)
        // Merged nodes hold the values that leave them, equal to the full graph's.
        for (drawn, origin) in view.origins.enumerated() {
            guard case .scope(let scope) = origin else { continue }
            #expect(view.graph.nodes[drawn].data == scope.outputs.flatMap { snapshot.nodes[$0].data })
            #expect(view.graph.nodes[drawn].grad == scope.outputs.flatMap { snapshot.nodes[$0].grad })
            #expect(view.graph.nodes[drawn].scope == ["mlp"])
        }
        // layer0 → layer1 is one edge carrying the four activations; x0 → layer0 is one edge.
        let layer1 = try #require(
            view.origins.firstIndex { if case .scope(let s) = $0 { s.name == "layer1" } else { false } })
        #expect(view.graph.nodes[layer1].inputs.count == 1)
        #expect(view.edgeValues[layer1][0].count == 4)
        let layer0 = try #require(
            view.origins.firstIndex { if case .scope(let s) = $0 { s.name == "layer0" } else { false } })
        #expect(view.graph.nodes[layer0].inputs.count == 2, "x0 and x1, one edge each, not one per neuron")
        #expect(view.edgeValues[layer0].allSatisfy { $0.count == 1 })
        let outputBias = snapshot.nodes.first { $0.label == "b" && $0.scopePath == "mlp/layer2/neuron0" }
        #expect(outputBias?.grad == [model.layers[2].neurons[0].bias.grad])
    }

    /// A scope that feeds a value outside it which feeds the scope again cannot be one
    /// node: it is split into its nested scopes, and the graph stays acyclic.
    @Test func scopesThatWouldMakeACycleAreSplit() {
        let x = Value(1.5, label: "x")
        let (inner, again) = withScope("block") {
            let first = withScope("first") { x.tanh() }
            return (first, 0)
        }
        _ = again
        let outside = inner * 3  // top level, between the two visits to `block`
        let result = withScope("block") { withScope("second") { (outside + inner).exp() } }
        result.backward()
        let snapshot = result.snapshot()
        let view = GraphView(snapshot, collapsing: ["block"])
        Self.expectWellFormed(view)
        #expect(view.splitScopes == ["block"])
        let merged = view.origins.compactMap { origin -> String? in
            if case .scope(let scope) = origin { return scope.path } else { return nil }
        }
        #expect(merged == ["block/first", "block/second"])
    }

    /// Random scoped graphs, random scopes merged: always well formed, and every merged
    /// node's numbers are the full graph's at the scope's outputs.
    @Test(arguments: 0..<60)
    func randomScopesMergeIntoWellFormedViews(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 100)
        var values = [Value(0.3, label: "a"), Value(-0.7, label: "b")]
        let names = ["p", "q", "r"]
        for _ in 0..<Int.random(in: 10...40, using: &generator) {
            let path = (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                names[Int.random(in: 0..<names.count, using: &generator)]
            }
            let a = values[Int.random(in: max(0, values.count - 5)..<values.count, using: &generator)]
            let b = values[Int.random(in: 0..<values.count, using: &generator)]
            func record() -> Value { Bool.random(using: &generator) ? (a * b).tanh() : a + b }
            values.append(path.reversed().reduce(record) { body, name in { withScope(name) { body() } } }())
        }
        let root = values.last!
        root.backward()
        let snapshot = root.snapshot()
        let tree = ScopeTree(snapshot)
        let chosen = tree.scopes.dropFirst().filter { _ in Bool.random(using: &generator) }.map(\.path)
        let view = GraphView(snapshot, collapsing: chosen)
        Self.expectWellFormed(view, "seed \(seed)")
        #expect(view.outputID != nil)
        for (drawn, origin) in view.origins.enumerated() {
            switch origin {
            case .value(let id): #expect(view.graph.nodes[drawn].data == snapshot.nodes[id].data)
            case .scope(let scope):
                #expect(view.graph.nodes[drawn].data == scope.outputs.flatMap { snapshot.nodes[$0].data })
                #expect(!scope.outputs.isEmpty)
            }
        }
        #expect(view.drawnNodeOfValue.allSatisfy { $0 != nil })
    }
}
