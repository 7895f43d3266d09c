import Foundation
import Micrograd

extension ViewerGraph {
    /// A graph with everything the library computes for it: a diagram of every value
    /// (when it has at most ``ViewerOptions/renderLimit`` values), a diagram per scope
    /// depth with the scopes at that depth merged into boxes (the views a reader opens
    /// scope by scope, laid out ahead so that no layout runs in the browser), each edge's
    /// local derivative and gradient (in the panel, and as a layer of edge labels), and
    /// the backward pass as steps.
    ///
    /// - Parameters:
    ///   - snapshot: The graph.
    ///   - title: What the graph is, such as `after backward()`.
    ///   - step: The training step it was taken at, if any.
    ///   - options: What to draw and compute.
    ///   - backwardOrder: The order `backward()` completed the gradients in, from
    ///     `GraphValue.backwardOrder()` of the value the snapshot was taken from:
    ///     the backward steps follow it. Without it they follow the reverse topological order.
    ///   - render: Lays out DOT text as SVG; Graphviz in this process by default.
    /// - Returns: The graph, its views ordered from the coarsest to every value; it opens
    ///   on the most detailed one of at most ``ViewerOptions/readableSize`` nodes and edges.
    /// - Throws: ``RenderError`` when Graphviz cannot draw a diagram.
    public static func rendered(
        _ snapshot: GraphSnapshot, title: String, step: Int? = nil, options: ViewerOptions = ViewerOptions(),
        backwardOrder: [Int]? = nil,
        render: (String) throws(RenderError) -> Data = { dot throws(RenderError) in
            try GraphRenderer.render(dot: dot, format: .svg, options: .trusted)
        }
    ) throws(RenderError) -> ViewerGraph {
        var diagram = options.diagram
        diagram.theme = .light
        func draw(_ dot: String) throws(RenderError) -> String {
            String(decoding: try render(dot), as: UTF8.self)
        }
        var views: [ViewerView] = []
        var drawnCounts: [Int] = []
        var notes: [String] = []
        var skippedDepths: [Int] = []
        if options.collapsedViews {
            let tree = ScopeTree(snapshot)
            let deepest = tree.scopes.map(\.depth).max() ?? 0
            var seen: [[Int?]] = []
            for depth in stride(from: 1, through: deepest, by: 1) {
                let scopes = tree.scopes.filter { $0.depth == depth }
                let view = GraphView(snapshot, collapsing: scopes.map(\.path))
                let merged = view.origins.filter { if case .scope = $0 { true } else { false } }.count
                guard merged > 0, view.graph.nodes.count < snapshot.nodes.count, !seen.contains(view.drawnNodeOfValue)
                else { continue }
                seen.append(view.drawnNodeOfValue)
                guard view.graph.nodes.count <= options.renderLimit else {
                    skippedDepths.append(depth)
                    continue
                }
                diagram.groupsScopes = view.graph.nodes.count <= options.scopeBoxLimit
                diagram.layoutTuning = Self.tuning(for: view, diagram)
                let sorted = Set(scopes.map(\.name)).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
                let names = sorted.prefix(3).joined(separator: ", ") + (sorted.count > 3 ? ", …" : "")
                views.append(
                    ViewerView(
                        id: "depth-\(depth)", title: "Scopes at depth \(depth) as boxes (\(names))",
                        svg: try draw(view.dot(options: diagram)), view: view))
                drawnCounts.append(Self.drawnSize(view.graph))
            }
        }
        let drawsEveryValue = snapshot.nodes.count <= options.renderLimit
        if drawsEveryValue {
            diagram.groupsScopes = snapshot.nodes.count <= options.scopeBoxLimit
            diagram.layoutTuning = Self.tuning(for: GraphView(snapshot), diagram)
            views.append(
                ViewerView(
                    id: "every-value", title: "Every value (\(snapshot.nodes.count))",
                    svg: try draw(snapshot.dot(options: diagram))))
            drawnCounts.append(Self.drawnSize(snapshot))
        } else {
            notes.append(
                "The graph has \(snapshot.nodes.count) values, more than the \(options.renderLimit) laid out as one "
                    + (views.isEmpty
                        ? "diagram, and no module scopes to merge, so there is no diagram. "
                        : "diagram; the views merge its module scopes into boxes. ")
                    + "Find any value by name: the panel shows everything about it.")
        }
        if !skippedDepths.isEmpty {
            let list = skippedDepths.map(String.init).joined(separator: ", ")
            notes.append(
                "Scopes at depth \(list) as boxes would still leave over \(options.renderLimit) nodes; not drawn.")
        }
        let edges = options.edgeDerivatives ? snapshot.edgeDerivatives() : nil
        var layers: [ViewerLayer] = []
        var sequences: [ViewerSequence] = []
        if let edges {
            // Only edges some diagram draws from value to value can carry a label.
            let drawn = views.map { view -> (Int) -> Bool in
                guard let drawnNode = view.drawnNodeOfValue else { return { _ in true } }
                return { id in drawnNode[id].map { view.collapsedScopes[$0] == nil } ?? false }
            }
            let layer = ViewerLayer.edgeDerivatives(edges, in: snapshot, format: diagram.numberFormat) { edge in
                drawn.contains { isDrawn in isDrawn(edge.node) && isDrawn(edge.input) }
            }
            layers.append(layer)
            // Before backward() every gradient is zero: there is no backward pass to show.
            let hasGradients = snapshot.root.grad.contains { $0 != 0 }
            if options.backwardSteps && drawsEveryValue && hasGradients {
                sequences.append(
                    ViewerSequence.backward(
                        snapshot, edges: edges, format: diagram.numberFormat, order: backwardOrder))
            }
        }
        // Open on the most detailed diagram small enough to read at a glance.
        let readable = drawnCounts.lastIndex { $0 <= ViewerOptions.readableSize } ?? 0
        return ViewerGraph(
            title: title, step: step, snapshot: snapshot, views: views, initialView: readable,
            edgeDerivatives: edges, layers: layers, sequences: sequences, notes: notes)
    }

    /// The Graphviz settings that keep the layout of `view` fast, as the command line's diagrams use.
    private static func tuning(for view: GraphView, _ diagram: DOTOptions) -> LayoutTuning {
        let nodes = view.drawnNodeCount(countingOperations: diagram.style == .record)
        return LayoutPlan(nodeCount: nodes, drawsScopes: diagram.groupsScopes).tuning
    }

    /// How much a diagram of `graph` draws: its nodes and edges.
    private static func drawnSize(_ graph: GraphSnapshot) -> Int {
        graph.nodes.count + graph.nodes.reduce(0) { $0 + $1.inputs.count }
    }
}
