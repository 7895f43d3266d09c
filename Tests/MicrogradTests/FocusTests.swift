import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Keeping only a value's neighbourhood.
@Suite("Focus")
struct FocusTests {
    /// `a → t1 → t2 → … → t9`, each `tᵢ = tanh(tᵢ₋₁ · cᵢ)`: a chain with a constant beside each step.
    static func chain() -> GraphSnapshot {
        var value = Value(0.5, label: "a")
        for step in 1...9 {
            value = (value * Value(1.0 + Double(step) / 10, label: "c\(step)", role: .constant)).tanh()
            value.label = "t\(step)"
        }
        value.backward()
        return value.snapshot()
    }

    /// How many edges separate `from` and `to` along the direction of computation, if any.
    static func distance(_ snapshot: GraphSnapshot, from: Int, to: Int) -> Int? {
        var frontier = [from]
        var seen: Set<Int> = [from]
        var steps = 0
        var users = [[Int]](repeating: [], count: snapshot.nodes.count)
        for node in snapshot.nodes { for input in node.inputs { users[input].append(node.id) } }
        while !frontier.isEmpty {
            if frontier.contains(to) { return steps }
            steps += 1
            frontier = frontier.flatMap { users[$0] }.filter { seen.insert($0).inserted }
        }
        return nil
    }

    @Test(arguments: [0, 1, 2, 3, 5])
    func theRadiusBoundsStepsTowardsInputsAndUsers(radius: Int) throws {
        let snapshot = Self.chain()
        let centre = try #require(snapshot.ids(named: "t5").first)
        let view = GraphView(
            snapshot, options: GraphViewOptions(focus: .init(target: .value(centre), radius: radius)))
        GraphViewTests.expectWellFormed(view)
        let kept = Set(view.origins.compactMap { if case .value(let id) = $0 { id } else { nil } })
        let expected = Set(
            snapshot.nodes.indices.filter { id in
                let down = Self.distance(snapshot, from: centre, to: id)
                let up = Self.distance(snapshot, from: id, to: centre)
                return (down.map { $0 <= radius } ?? false) || (up.map { $0 <= radius } ?? false)
            })
        #expect(kept == expected)
        #expect(kept.contains(centre))
        // Every edge to a value left out is counted where it was cut.
        var cutInputs = 0
        var cutUsers = 0
        for node in snapshot.nodes {
            for input in node.inputs where kept.contains(node.id) != kept.contains(input) {
                if kept.contains(node.id) { cutInputs += 1 } else { cutUsers += 1 }
            }
        }
        #expect(view.hiddenInputCounts.reduce(0, +) == cutInputs)
        #expect(view.hiddenUserCounts.reduce(0, +) == cutUsers)
        #expect(radius == 0 || cutInputs > 0, "the chain continues towards a")
        for (drawn, origin) in view.origins.enumerated() {
            guard case .value(let id) = origin else { continue }
            #expect(view.graph.nodes[drawn].data == snapshot.nodes[id].data)
        }
    }

    @Test func anUnlimitedRadiusKeepsEveryAncestorAndDescendant() throws {
        let snapshot = Self.chain()
        let centre = try #require(snapshot.ids(named: "c3").first)
        let view = GraphView(snapshot, options: GraphViewOptions(focus: .init(target: .value(centre), radius: nil)))
        GraphViewTests.expectWellFormed(view)
        // c3 is a leaf: nothing above it; below it, the product and every later step.
        let kept = view.origins.compactMap { if case .value(let id) = $0 { id } else { nil } }
        let expected = snapshot.nodes.indices.filter { Self.distance(snapshot, from: centre, to: $0) != nil }
        #expect(kept == expected)
        #expect(view.outputID != nil, "the path reaches the output")
    }

    @Test func aFocusInsideACollapsedScopeCentresOnItsBox() throws {
        let snapshot = CollapsedViewTests.mlp([4, 4, 1])
        let weight = try #require(snapshot.ids(named: "mlp/layer1/neuron2/w0").first)
        let options = GraphViewOptions(depth: 2, focus: .init(target: .value(weight), radius: 1))
        let view = GraphView(snapshot, options: options)
        GraphViewTests.expectWellFormed(view)
        let names = view.origins.compactMap { if case .scope(let scope) = $0 { scope.path } else { nil } }
        // Its neuron, the four neurons feeding it, and the output neuron it feeds.
        #expect(
            Set(names) == Set((0..<4).map { "mlp/layer0/neuron\($0)" } + ["mlp/layer1/neuron2", "mlp/layer2/neuron0"]))
        #expect(view.hiddenInputCounts.reduce(0, +) > 0 && view.hiddenUserCounts.reduce(0, +) > 0)
        // A scope as the target: every box showing its values.
        let layer = GraphView(
            snapshot, options: GraphViewOptions(depth: 2, focus: .init(target: .scope("mlp/layer1"), radius: 0)))
        #expect(layer.graph.nodes.count == 4)
    }
}
