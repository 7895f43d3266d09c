import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Collapsing by depth, rolling repeats, and what a collapsed node says.
@Suite("Collapsed views")
struct CollapsedViewTests {
    /// `MLP(2, sizes)` on one point with the hinge `relu(1 - score)`, after backward().
    static func mlp(_ sizes: [Int], seed: UInt64 = 31) -> GraphSnapshot {
        let model = MLP(2, sizes, seed: seed)
        let loss = (1 - model([Value(0.5, label: "x0"), Value(-0.25, label: "x1")])[0]).relu()
        loss.label = "loss"
        loss.backward()
        return loss.snapshot()
    }

    /// The merged scopes of a view, in drawn order.
    static func scopes(_ view: GraphView) -> [GraphView.CollapsedScope] {
        view.origins.compactMap { if case .scope(let scope) = $0 { scope } else { nil } }
    }

    /// Every merged node shows its results' numbers, every value is shown by exactly one
    /// drawn node, and each edge into a merged node carries exactly the values its members
    /// take from that source.
    static func expectFaithful(_ view: GraphView, _ comment: Comment? = nil) {
        GraphViewTests.expectWellFormed(view, comment)
        let snapshot = view.snapshot
        #expect(view.drawnNodeOfValue.allSatisfy { $0 != nil }, "every value is drawn. \(comment?.description ?? "")")
        for (drawn, origin) in view.origins.enumerated() {
            let members: [Int]
            switch origin {
            case .value(let id):
                #expect(view.graph.nodes[drawn].data == snapshot.nodes[id].data)
                #expect(view.graph.nodes[drawn].grad == snapshot.nodes[id].grad)
                continue
            case .scope(let scope):
                #expect(view.graph.nodes[drawn].data == scope.results.flatMap { snapshot.nodes[$0].data })
                #expect(view.graph.nodes[drawn].grad == scope.results.flatMap { snapshot.nodes[$0].grad })
                members = scope.members
            case .values(let values):
                #expect(view.graph.nodes[drawn].data == values.outputs.flatMap { snapshot.nodes[$0].data })
                members = values.members
            }
            #expect(members.allSatisfy { view.drawnNodeOfValue[$0] == drawn })
            // The values flowing in, by source, recomputed from the snapshot.
            let memberSet = Set(members)
            var expected: [Int: Set<Int>] = [:]
            for member in members {
                for input in snapshot.nodes[member].inputs where !memberSet.contains(input) {
                    expected[view.drawnNodeOfValue[input]!, default: []].insert(input)
                }
            }
            var drawnEdges: [Int: Set<Int>] = [:]
            for (slot, source) in view.graph.nodes[drawn].inputs.enumerated() {
                drawnEdges[source, default: []].formUnion(view.edgeValues[drawn][slot])
            }
            #expect(drawnEdges == expected, "edges into \(drawn). \(comment?.description ?? "")")
        }
    }

    // MARK: - Depth

    @Test func depthCollapsesTheScopesBelowIt() throws {
        let snapshot = Self.mlp([4, 4, 1])
        let tree = ScopeTree(snapshot)
        #expect(tree.maximumDepth == 3)
        #expect(tree.collapsedScopes(depth: 0).map(\.path) == ["mlp"])
        // In tree order, which follows the snapshot's (the output layer's weights come first).
        #expect(Set(tree.collapsedScopes(depth: 1).map(\.path)) == ["mlp/layer0", "mlp/layer1", "mlp/layer2"])
        #expect(tree.collapsedScopes(depth: 2).count == 9)
        #expect(tree.collapsedScopes(depth: 3).isEmpty)
        // Opening layer 1 at depth 1 collapses its neurons instead.
        let opened = tree.collapsedScopes(depth: 1, expanding: ["mlp/layer1"]).map(\.path)
        #expect(opened.filter { $0.hasPrefix("mlp/layer1/") }.count == 4)
        #expect(opened.contains("mlp/layer0") && opened.contains("mlp/layer2") && !opened.contains("mlp/layer1"))
        // Opening a neuron opens its layer and the model on the way.
        let neuron = tree.collapsedScopes(depth: 0, expanding: ["mlp/layer2/neuron0"]).map(\.path)
        #expect(Set(neuron) == ["mlp/layer0", "mlp/layer1"])
    }

    /// For an MLP the counts follow from the layer sizes: outside the model are x0, x1,
    /// the constant 1, the subtraction and the ReLU; layers of n and m neurons drawn one
    /// box per neuron are joined by n·m edges.
    @Test(arguments: [[4, 4, 1], [3, 5, 2, 1], [6, 1]])
    func nodeAndEdgeCountsPerDepthFollowTheLayers(sizes: [Int]) throws {
        let snapshot = Self.mlp(sizes)
        let outside = 5
        let hingeEdges = 3  // model → `-`, 1 → `-`, `-` → ReLU
        let widths = [2] + sizes
        for depth in 0...2 {
            let view = GraphView(snapshot, options: GraphViewOptions(depth: depth))
            Self.expectFaithful(view, "depth \(depth)")
            let (nodes, edges): (Int, Int)
            switch depth {
            case 0: (nodes, edges) = (outside + 1, 2 + hingeEdges)
            case 1: (nodes, edges) = (outside + sizes.count, 2 + (sizes.count - 1) + hingeEdges)
            default:
                nodes = outside + sizes.reduce(0, +)
                edges = zip(widths, widths.dropFirst()).map(*).reduce(0, +) + hingeEdges
            }
            #expect(view.graph.nodes.count == nodes, "depth \(depth)")
            #expect(view.drawnEdgeCount(countingOperations: false) == edges, "depth \(depth)")
            // Record style draws an operation node for each of `-` and ReLU outside the model.
            #expect(view.drawnNodeCount(countingOperations: true) == nodes + 2)
            #expect(view.drawnEdgeCount(countingOperations: true) == edges + 2)
        }
        let full = GraphView(snapshot, options: GraphViewOptions(depth: 3))
        #expect(full.graph == snapshot, "nothing is deeper than 3")
    }

    @Test func outputsOfCollapsedScopesHoldTheFullGraphsValues() throws {
        let snapshot = Self.mlp([4, 4, 1])
        let view = GraphView(snapshot, options: GraphViewOptions(depth: 1))
        let layer1 = try #require(Self.scopes(view).first { $0.path == "mlp/layer1" })
        // Layer 1's results are its four ReLUs, the values layer 2 reads.
        #expect(layer1.results.count == 4)
        #expect(layer1.results.allSatisfy { snapshot.nodes[$0].op == .relu })
        let drawn = try #require(view.drawnNodeOfValue[layer1.results[0]])
        #expect(view.graph.nodes[drawn].data == layer1.results.map { snapshot.nodes[$0].data[0] })
        #expect(view.graph.nodes[drawn].shape == [4])
        // Its parameters' gradient summary is the full graph's.
        let grads = layer1.parameters.map { snapshot.nodes[$0].grad[0] }
        #expect(layer1.parameterGradient == Summary(grads))
        #expect(layer1.parameterGradient.count == 20)
    }

    /// Random scoped graphs at every depth, rolled or not: always faithful to the snapshot.
    @Test(arguments: 0..<40)
    func randomGraphsStayFaithfulAtEveryDepth(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 500)
        var values = [Value(0.3, label: "a"), Value(-0.7, label: "b")]
        let names = ["p", "q"]
        for _ in 0..<Int.random(in: 10...50, using: &generator) {
            let path = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                names[Int.random(in: 0..<names.count, using: &generator)]
            }
            let a = values[Int.random(in: max(0, values.count - 5)..<values.count, using: &generator)]
            let b = values[Int.random(in: 0..<values.count, using: &generator)]
            let choice = Int.random(in: 0..<3, using: &generator)
            func record() -> Value { choice == 0 ? (a * b).tanh() : (choice == 1 ? a + b : (a + 1).relu()) }
            values.append(path.reversed().reduce(record) { body, name in { withScope(name) { body() } } }())
        }
        let root = values.last!
        root.backward()
        let snapshot = root.snapshot()
        for depth in 0...3 {
            for rolls in [false, true] {
                let view = GraphView(snapshot, options: GraphViewOptions(depth: depth, rollsRepeats: rolls))
                Self.expectFaithful(view, "seed \(seed), depth \(depth), rolled \(rolls)")
                #expect(view.outputID != nil)
            }
        }
    }

    // MARK: - Rolling

    @Test func rollingMakesEachLayerOfNeuronsOneNode() throws {
        let snapshot = Self.mlp([4, 4, 1])
        let view = GraphView(snapshot, options: GraphViewOptions(depth: 2, rollsRepeats: true))
        Self.expectFaithful(view)
        let scopes = Self.scopes(view)
        #expect(scopes.map(\.copies) == [4, 4, 1])
        #expect(scopes.map(\.name) == ["neuron0–3", "neuron0–3", "neuron0"])
        #expect(scopes[0].paths == (0..<4).map { "mlp/layer0/neuron\($0)" })
        #expect(scopes.map(\.computes) == ["relu(w·x + b)", "relu(w·x + b)", "w·x + b"])
        #expect(scopes[0].parameterGradient.count == 12)
        // Layer 0's four activations flow to layer 1 along one edge.
        let layer1 = try #require(view.drawnNodeOfValue[scopes[1].members[0]])
        #expect(view.graph.nodes[layer1].inputs.count == 1)
        #expect(view.edgeValues[layer1] == [scopes[0].results])
        #expect(view.graph.nodes.count == 5 + 3)
    }

    /// One ReLU per example and a long sum, as a batch loss records them outside any scope.
    @Test func rollingFoldsRepeatedValuesAndLongSums() throws {
        let weight = Value(0.5, label: "w", role: .parameter)
        let terms = (0..<12).map { index in (weight * Value(Double(index) - 5)).relu() }
        let loss = terms.sum()
        loss.label = "loss"
        loss.backward()
        let snapshot = loss.snapshot()
        let view = GraphView(snapshot, collapsing: [String](), rollingRepeats: true)
        Self.expectFaithful(view)
        let groups = view.origins.compactMap { if case .values(let values) = $0 { values } else { nil } }
        let inputs = try #require(groups.first { $0.op == nil })
        #expect(inputs.members.count == 12 && inputs.computes == "12 inputs")
        let products = try #require(groups.first { $0.op == .multiply })
        #expect(products.kind == .repeated && products.computes == "12 × x * y")
        let relus = try #require(groups.first { $0.op == .relu })
        #expect(relus.members.count == 12 && relus.computes == "12 × relu(x)")
        // The sum's 11 additions are one chain, except the last, which is labelled `loss`.
        let sum = try #require(groups.first { $0.kind == .chain })
        #expect(sum.members.count == 10 && sum.computes == "sum of 11 values")
        #expect(view.graph.nodes.count == 6, "w, inputs, products, ReLUs, the chain and the loss")
        #expect(view.graph.nodes[view.outputID!].data == loss.dataElements)
    }

    @Test func labelledValuesAndDifferentInputsDoNotRoll() {
        let a = Value(1, label: "a")
        let b = Value(2, label: "b")
        let root = (a.tanh() + b.tanh()) * (a.tanh() + 1)
        root.backward()
        let snapshot = root.snapshot()
        let view = GraphView(snapshot, collapsing: [String](), rollingRepeats: true)
        Self.expectFaithful(view)
        // The two tanh(a) have the same input and roll; tanh(b) does not; a and b are named.
        let rolled = view.origins.compactMap { if case .values(let values) = $0 { values } else { nil } }
        #expect(rolled.map(\.members.count) == [2])
        #expect(rolled.first?.computes == "2 × tanh(x)")
    }

    // MARK: - What a collapsed node computes

    @Test func formulasAreReadFromTheStructure() throws {
        let snapshot = Self.mlp([4, 4, 1])
        func computes(_ depth: Int) -> [String: String] {
            Dictionary(
                uniqueKeysWithValues: Self.scopes(GraphView(snapshot, options: GraphViewOptions(depth: depth))).map {
                    ($0.path, $0.computes)
                })
        }
        #expect(computes(2)["mlp/layer0/neuron3"] == "relu(w·x + b)")
        #expect(computes(2)["mlp/layer2/neuron0"] == "w·x + b")
        #expect(computes(1)["mlp/layer1"] == "4 × relu(w·x + b)")
        #expect(computes(0)["mlp"] == "w·relu(w·relu(w·x + b) + b) + b")
        // tanh neurons of one input: nothing repeats, so the product stays written out.
        let tanhModel = Layer(1, 2, nonlinearity: .tanh, seed: 2)
        let out = tanhModel([Value(0.5)])[0] + tanhModel([Value(0.25)])[1]
        let tanhView = GraphView(out.snapshot(), options: GraphViewOptions(depth: 0))
        #expect(Self.scopes(tanhView).map(\.computes) == ["2 × tanh(b + w * x)"])
    }

    @Test func tensorLayersReadAsMatrixProducts() throws {
        let model = TensorMLP(2, [8, 1], seed: 5)
        let points = Tensor([[0.5, -1.0], [1.5, 0.25]], label: "points")
        let loss = model(points).sum()
        loss.backward()
        let view = GraphView(loss.snapshot(), options: GraphViewOptions(depth: 1))
        let formulas = Self.scopes(view).map(\.computes)
        #expect(formulas == ["relu(x @ W + b)", "x @ W + b"])
        let whole = GraphView(loss.snapshot(), options: GraphViewOptions(depth: 0))
        #expect(Self.scopes(whole).map(\.computes) == ["relu(x @ W + b) @ W + b"])
        #expect(Self.scopes(view)[0].parameterGradient.count == 2 * 8 + 8)
    }

    @Test func expressionsAreParenthesisedAndLongOnesNamedByTheirOperations() {
        // Values from outside a scope are all written `x` (`x` and `y` when one operation
        // takes two different ones).
        let x = Value(1.5, label: "x")
        let y = Value(0.5, label: "y")
        let inner = withScope("f") { (x - (x * x + 1)) / (x * y + 2) }
        let outer = withScope("g") {
            var total = inner
            for step in 0..<30 { total = (total * Double(step + 2)).tanh() + x }
            return total
        }
        outer.backward()
        let view = GraphView(outer.snapshot(), options: GraphViewOptions(depth: 0))
        let formulas = Self.scopes(view).map(\.computes)
        #expect(formulas[0] == "(x - (x * x + 1)) / (x * y + 2)")
        #expect(formulas[1].hasPrefix("ops: "), "\(formulas[1])")
        #expect(formulas[1].contains("tanh") && formulas[1].contains("*") && formulas[1].contains("+"))
    }

    // MARK: - Looking values up

    @Test func valuesAreFoundByIdLabelOrPath() {
        let snapshot = Self.mlp([4, 4, 1])
        #expect(snapshot.ids(named: "loss") == [snapshot.rootID])
        #expect(snapshot.ids(named: "0") == [0])
        #expect(snapshot.ids(named: "w0").count == 9, "one per neuron")
        let path = snapshot.ids(named: "mlp/layer0/neuron1/w0")
        #expect(path.count == 1)
        #expect(snapshot.nodes[path[0]].scopePath == "mlp/layer0/neuron1" && snapshot.nodes[path[0]].label == "w0")
        #expect(snapshot.name(of: path[0]) == "mlp/layer0/neuron1/w0")
        #expect(snapshot.name(of: snapshot.rootID) == "loss")
        #expect(snapshot.ids(named: "nothing").isEmpty && snapshot.ids(named: "mlp/nothing/w0").isEmpty)
        let unlabelled = snapshot.nodes.first { $0.label == nil }!.id
        #expect(snapshot.name(of: unlabelled) == String(unlabelled))
    }
}
