import Foundation
import MicrogradLanguage
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// The layout hints in the DOT text, and what Graphviz draws from them: measured on the
/// rendered SVG by ratios and orders, which do not depend on the machine's fonts.
@Suite("Diagram layout")
struct DiagramLayoutTests {
    /// A sample's graph after backward().
    static func after(_ sample: String) throws -> GraphSnapshot {
        let root = try #require(SampleCatalogue.named(sample)).build().output
        root.backward()
        return root.snapshot()
    }

    /// The geometry of `snapshot` drawn with `options`.
    static func drawn(_ snapshot: GraphSnapshot, _ options: DOTOptions = DOTOptions()) throws -> SVGGeometry {
        let svg = SVGGeometry(try GraphRenderer.render(dot: snapshot.dot(options: options), format: .svg))
        #expect(svg.isWellFormed)
        return svg
    }

    /// The ids of the first operation of each layer of the `mlp-tensor` sample and of its
    /// loss, found from the graph: the matrix products, then the loss's first operation.
    static func stageStarts(_ snapshot: GraphSnapshot) -> [String] {
        let products = snapshot.nodes.filter { $0.op == .matmul }.sorted { $0.scopePath < $1.scopePath }
        let firstOfLoss = snapshot.nodes.first { $0.op != nil && $0.scope.isEmpty }!
        return (products + [firstOfLoss]).map { "n\($0.id)_op" }
    }

    // MARK: - Proportions and order of the drawings

    @Test func tensorMLPFitsASlideLeftToRight() throws {
        let snapshot = try Self.after("mlp-tensor")
        let svg = try Self.drawn(snapshot)
        #expect(svg.aspectRatio <= 3, "mlp-tensor LR is \(svg.size.width) × \(svg.size.height)")
        // One row per stage, in order from the top, each starting in the same column.
        let starts = try Self.stageStarts(snapshot).map { try #require(svg.nodes[$0]) }
        #expect(starts.count == 4)
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0.center.y < $1.center.y })
        #expect(starts.allSatisfy { abs($0.center.x - starts[0].center.x) < 1 })
        // Each layer's box is its row, in natural order.
        let boxes = try (0..<3).map { try #require(svg.clusters["cluster_mlp/layer\($0)"]) }
        #expect(zip(boxes, boxes.dropFirst()).allSatisfy { $0.maxY <= $1.minY })
        // The points enter the first row from its left, not from below the boxes across the other rows.
        let points = try #require(svg.nodes["n\(snapshot.nodes.first { $0.label == "points" }!.id)"])
        #expect(points.maxY <= boxes[1].minY && points.maxX < starts[0].minX)
    }

    @Test func tensorMLPIsOneStraightColumnTopToBottom() throws {
        let snapshot = try Self.after("mlp-tensor")
        let svg = try Self.drawn(snapshot, DOTOptions(rankDirection: .topToBottom))
        #expect(svg.aspectRatio <= 0.5, "mlp-tensor TB is \(svg.size.width) × \(svg.size.height)")
        // The chain from the points to the loss is one vertical line, layer after layer.
        let chain = [snapshot.nodes.first { $0.label == "points" }!.id, snapshot.rootID].map { "n\($0)" }
        let spine = try (Self.stageStarts(snapshot) + chain).map { try #require(svg.nodes[$0]) }
        #expect(spine.allSatisfy { abs($0.center.x - spine[0].center.x) < 1 })
        let boxes = try (0..<3).map { try #require(svg.clusters["cluster_mlp/layer\($0)"]) }
        #expect(zip(boxes, boxes.dropFirst()).allSatisfy { $0.maxY <= $1.minY })
        // Parameters sit beside the chain, not on it.
        for parameter in snapshot.nodes where parameter.role == .parameter {
            let box = try #require(svg.nodes["n\(parameter.id)"])
            #expect(box.maxX < spine[0].center.x || box.minX > spine[0].center.x, "\(parameter.scopePath)")
        }
    }

    @Test(arguments: RankDirection.allCases)
    func scalarMLPDrawsNeuronsInNaturalOrder(direction: RankDirection) throws {
        let snapshot = try Self.after("mlp")
        let svg = try Self.drawn(snapshot, DOTOptions(rankDirection: direction))
        for layer in ["mlp/layer0", "mlp/layer1"] {
            let boxes = try (0..<4).map { try #require(svg.clusters["cluster_\(layer)/neuron\($0)"]) }
            let positions = boxes.map { direction == .leftToRight ? $0.center.y : $0.center.x }
            #expect(positions == positions.sorted(), "\(layer) \(direction): \(positions)")
        }
        // Layers follow each other along the main axis, without overlapping.
        let layers = try (0..<3).map { try #require(svg.clusters["cluster_mlp/layer\($0)"]) }
        for (a, b) in zip(layers, layers.dropFirst()) {
            #expect(direction == .leftToRight ? a.maxX <= b.minX : a.maxY <= b.minY)
        }
    }

    /// A collapsed view draws each layer's neurons as boxes side by side; they come out
    /// as neuron0, neuron1, … whichever the direction, in the first layer (fed by the
    /// inputs) and in the layers fed by the one before.
    @Test(arguments: RankDirection.allCases)
    func collapsedNeuronsComeOutInNaturalOrder(direction: RankDirection) throws {
        let deeper = MLP(2, [4, 4, 4, 1], seed: 3)
        let loss = deeper([Value(0.5, label: "x0"), Value(-1.0, label: "x1")])[0].relu()
        loss.backward()
        for (snapshot, layers) in [(try Self.after("mlp"), 2), (loss.snapshot(), 3)] {
            let view = GraphView(snapshot, options: GraphViewOptions(depth: 2))
            let svg = SVGGeometry(
                try GraphRenderer.render(dot: view.dot(options: DOTOptions(rankDirection: direction)), format: .svg))
            #expect(svg.isWellFormed)
            for layer in 0..<layers {
                let neurons = try (0..<4).map { neuron in
                    let id = try #require(
                        view.origins.firstIndex { origin in
                            if case .scope(let scope) = origin {
                                scope.path == "mlp/layer\(layer)/neuron\(neuron)"
                            } else {
                                false
                            }
                        })
                    return try #require(svg.nodes["n\(id)"])
                }
                let positions = neurons.map { direction == .leftToRight ? $0.center.y : $0.center.x }
                #expect(positions == positions.sorted(), "layer\(layer) of \(layers + 1), \(direction): \(positions)")
            }
        }
    }

    @Test func theSameGraphIsDrawnTheSameWayEveryTime() throws {
        // Graphviz ordered clusters by the addresses of their names, which changed from one
        // render to the next in one process; GraphReader numbers them in the order written.
        let dot = try Self.after("mlp-tensor").dot()
        let first = try GraphRenderer.render(dot: dot, format: .svg)
        for _ in 0..<3 {
            _ = try GraphRenderer.render(dot: try Self.after("mlp").dot(), format: .svg)
            #expect(try GraphRenderer.render(dot: dot, format: .svg) == first)
        }
    }

    // MARK: - Collapsed views and labelled edges

    @Test func collapsedLayersStayOnTheMainAxisAndTheirBoxCountsTheirParameters() throws {
        let snapshot = try Self.after("mlp-tensor")
        let view = GraphView(snapshot, collapsing: ["mlp/layer0", "mlp/layer1", "mlp/layer2"])
        let dot = view.dot(options: DOTOptions(rankDirection: .topToBottom))
        // The parameters are inside the merged layers, not drawn, and still counted.
        #expect(dot.contains("label=\"mlp &#183; 337 params\""))
        let svg = SVGGeometry(try GraphRenderer.render(dot: dot, format: .svg))
        #expect(svg.isWellFormed)
        #expect(svg.aspectRatio <= 1, "collapsed mlp-tensor TB is \(svg.size.width) × \(svg.size.height)")
        // The points, each layer in order and the loss are one vertical line.
        let layers = (0..<3).map { layer in
            view.origins.firstIndex { origin in
                if case .scope(let scope) = origin { scope.path == "mlp/layer\(layer)" } else { false }
            }!
        }
        let points = view.graph.nodes.first { $0.label == "points" }!.id
        let spine = try ([points] + layers + [try #require(view.outputID)]).map { try #require(svg.nodes["n\($0)"]) }
        #expect(spine.allSatisfy { abs($0.center.x - spine[0].center.x) < 1 })
        #expect(zip(spine, spine.dropFirst()).allSatisfy { $0.maxY < $1.minY })
    }

    @Test func chainRuleLabelsKeepTheRowsOfATensorMLP() throws {
        let snapshot = try Self.after("mlp-tensor")
        let dot = snapshot.dot(edges: .chain)
        // The labels are drawn on the edges that carry the layout hints.
        #expect(dot.split(separator: "\n").contains { $0.contains("label=\"∂") && $0.contains("weight=\"1000\"") })
        let svg = SVGGeometry(try GraphRenderer.render(dot: dot, format: .svg))
        #expect(svg.isWellFormed)
        let starts = try Self.stageStarts(snapshot).map { try #require(svg.nodes[$0]) }
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0.center.y < $1.center.y })
        #expect(starts.allSatisfy { abs($0.center.x - starts[0].center.x) < 1 })
        let boxes = try (0..<3).map { try #require(svg.clusters["cluster_mlp/layer\($0)"]) }
        #expect(zip(boxes, boxes.dropFirst()).allSatisfy { $0.maxY <= $1.minY })
    }

    // MARK: - The hints in the DOT text

    @Test func chainsShareAGroupAndParametersSitBeside() throws {
        let snapshot = try Self.after("mlp-tensor")
        let dot = snapshot.dot(options: DOTOptions(rankDirection: .topToBottom))
        let layout = DOTLayout(snapshot, options: DOTOptions(rankDirection: .topToBottom))
        let layer0 = snapshot.nodes.filter { $0.scopePath == "mlp/layer0" }
        let computed = layer0.filter { $0.op != nil }
        // A layer's matmul, bias and activation are one chain, drawn as one group…
        #expect(Set(computed.map { layout.chainOf[$0.id] }).count == 1)
        #expect(layout.group(of: computed[0].id) != nil)
        #expect(dot.contains("\"n\(computed[0].id)_op\" [group=\"\(layout.group(of: computed[0].id)!)\""))
        // …and its parameters are on no chain.
        for parameter in layer0 where parameter.role == .parameter { #expect(layout.chainOf[parameter.id] == nil) }
        // The edge into the next layer spans two ranks, so its weight sits inside its own box.
        let product1 = snapshot.nodes.first { $0.op == .matmul && $0.scopePath == "mlp/layer1" }!
        #expect(dot.contains("\"n\(product1.inputs[0])\" -> \"n\(product1.id)_op\" [headlabel=\"a\", minlen=\"2\""))
    }

    @Test func rowsOnlyLeftToRightWithOperationNodes() throws {
        let snapshot = try Self.after("mlp-tensor")
        let rows = DOTLayout(snapshot, options: DOTOptions())
        #expect(rows.rowStarts.count == 3)
        let dot = snapshot.dot()
        for start in rows.rowStarts {
            let input = snapshot.nodes[start.node].inputs[start.slot]
            #expect(dot.contains("\"n\(start.node)_op\" -> \"n\(input)\" [dir=\"back\", headport=\"s\""))
        }
        #expect(dot.contains("style=\"invis\""))
        #expect(DOTLayout(snapshot, options: DOTOptions(rankDirection: .topToBottom)).rowStarts.isEmpty)
        #expect(DOTLayout(snapshot, options: DOTOptions(style: .compact)).rowStarts.isEmpty)
        // A gradient view draws every arrow backwards, so a row's first edge then points forwards.
        #expect(snapshot.dot(overlay: DiagramOverlay(reversesEdges: true)).contains("dir=\"forward\""))
        // The scalar MLP's layers are joined by many values, so they cannot be rows.
        #expect(DOTLayout(try Self.after("mlp"), options: DOTOptions()).rowStarts.isEmpty)
    }

    @Test func rowsWithoutScopeBoxesKeepApart() throws {
        // Without boxes, each row is an invisible box, so the end of the loss's row cannot
        // slide between the values of the last layer's (as `steps` frames, drawn without boxes, did).
        let snapshot = try Self.after("mlp-tensor")
        let options = DOTOptions(groupsScopes: false)
        let layout = DOTLayout(snapshot, options: options)
        #expect(layout.rowCount == 4)
        let dot = snapshot.dot(options: options)
        #expect((0..<4).allSatisfy { dot.contains("subgraph \"cluster_row\($0)\" {\n    graph [style=\"invis\"];") })
        #expect(!snapshot.dot().contains("cluster_row"))
        let svg = try Self.drawn(snapshot, options)
        var spans = [(minY: Double, maxY: Double)](repeating: (.infinity, -.infinity), count: 4)
        for node in snapshot.nodes {
            let row = try #require(layout.rowOfNode[node.id])
            for name in ["n\(node.id)"] + (node.op == nil ? [] : ["n\(node.id)_op"]) {
                let box = try #require(svg.nodes[name])
                spans[row] = (min(spans[row].minY, box.minY), max(spans[row].maxY, box.maxY))
            }
        }
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.maxY < $1.minY }, "\(spans)")
    }

    @Test func boxTitlesGiveThePathAndParameterCount() throws {
        // The dot is written as an entity, which keeps big diagrams ASCII; Graphviz draws `·`.
        let snapshot = try Self.after("mlp-tensor")
        let dot = snapshot.dot()
        #expect(dot.contains("label=\"mlp &#183; 337 params\""))
        #expect(dot.contains("label=\"mlp/layer0 &#183; 48 params\""))
        #expect(dot.contains("label=\"mlp/layer2 &#183; 17 params\""))
        #expect(dot.utf8.allSatisfy { $0 < 128 })
        let svg = try String(decoding: GraphRenderer.render(dot: dot, format: .svg), as: UTF8.self)
        #expect(svg.contains(">mlp/layer1 · 272 params<") || svg.contains(">mlp/layer1 &#183; 272 params<"))
        #expect(!svg.contains("&amp;#183;"))
        let scalar = try Self.after("mlp").dot()
        #expect(scalar.contains("label=\"mlp/layer2/neuron0 &#183; 5 params\""))
        let mermaid = try Self.after("mlp").mermaid()
        #expect(mermaid.contains("[\"mlp/layer0/neuron0 #183; 3 params\"]"))
    }

    @Test func fullNamesTitleNamedValuesWithTheirScope() throws {
        let snapshot = try Self.after("mlp-tensor")
        let full = snapshot.dot(options: DOTOptions(names: .full))
        #expect(full.contains("label=\"mlp/layer0/weight [2, 16]|"))
        #expect(full.contains("label=\"loss|"))  // outside every scope: unchanged
        #expect(snapshot.dot().contains("label=\"weight [2, 16]|"))
    }

    @Test func siblingBoxesAreWrittenSoThatTheyComeOutInNaturalOrder() throws {
        let snapshot = try Self.after("mlp")
        func order(_ dot: String) -> [String] {
            dot.split(separator: "\n").compactMap { line in
                line.contains("subgraph \"cluster_mlp/layer0/")
                    ? String(line.split(separator: "/").last!.prefix(7)) : nil
            }
        }
        let names = (0..<4).map { "neuron\($0)" }
        #expect(order(snapshot.dot()) == names)
        // Top to bottom, Graphviz places the box written last first.
        #expect(order(snapshot.dot(options: DOTOptions(rankDirection: .topToBottom))) == names.reversed())
        // Layers feed each other: they are written in natural order either way.
        let layers = snapshot.dot(options: DOTOptions(rankDirection: .topToBottom)).split(separator: "\n")
            .filter { $0.contains("subgraph \"cluster_mlp/layer") && !$0.contains("neuron") }
        #expect(layers.map { $0.contains("layer0") } == [true, false, false])
    }
}
