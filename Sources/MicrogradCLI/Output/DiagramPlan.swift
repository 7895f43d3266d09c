import Micrograd
import MicrogradViz

/// What a run draws, decided once from its first snapshot and applied to each: the
/// view (collapsed, rolled, focused, or the graph node for node), the look, and the
/// layout; with the notes that tell the user what was decided and how to change it.
struct DiagramPlan {
    /// The view drawn, or `nil` for the graph node for node.
    let viewOptions: GraphViewOptions?
    /// Whether JSON describes the view: only when the user asked for one.
    let jsonDescribesView: Bool
    /// How DOT is written, layout settings included.
    let dotOptions: DOTOptions
    /// How Graphviz lays it out.
    let layout: LayoutPlan
    /// Lines for standard error, each starting `note:` or `warning:`.
    let notes: [String]

    /// Decides how to draw graphs shaped like `snapshot`.
    ///
    /// - Parameters:
    ///   - snapshot: The first graph the run draws; later ones have the same structure.
    ///   - view: The view options from the command line.
    ///   - look: The DOT look, before layout settings.
    ///   - scopes: Whether scope boxes are drawn: `nil` to draw them whenever the graph has scopes.
    ///   - requestedLayout: The layout the user chose, if any.
    /// - Throws: ``CLIError`` (exit code 64) when `--expand` or `--focus` names nothing in the graph.
    init(
        snapshot: GraphSnapshot, view: ViewOptions, look: DOTOptions, scopes: Bool?,
        requestedLayout: LayoutPlan.Engine?
    ) throws(CLIError) {
        var notes: [String] = []
        let requested = try view.viewOptions(for: snapshot)
        let countsOperations = look.style == .record
        var chosen: GraphViewOptions? = requested.drawsEverything ? nil : requested
        var graphView: GraphView?
        var nodeCount: Int
        if let budget = view.automaticBudget {
            let fitted = FittedView(
                snapshot, options: requested, maxNodes: budget, countingOperations: countsOperations)
            nodeCount = fitted.nodeCount
            if fitted.collapsedAutomatically {
                chosen = fitted.options
                graphView = fitted.view
                notes.append(Self.automaticCollapseNote(fitted, snapshot: snapshot, budget: budget))
            } else if !fitted.fits {
                notes.append(
                    "warning: the diagram lays out \(fitted.nodeCount) nodes and \(fitted.edgeCount) edges, more than "
                        + "--max-nodes \(budget) allows, and cannot be collapsed further; it may be slow to lay out "
                        + "and hard to read")
            }
        } else {
            graphView = chosen.map { GraphView(snapshot, options: $0) }
            nodeCount =
                graphView?.drawnNodeCount(countingOperations: countsOperations)
                ?? GraphView(snapshot).drawnNodeCount(countingOperations: countsOperations)
        }
        if graphView == nil, let chosen { graphView = GraphView(snapshot, options: chosen) }
        if let graphView, !graphView.splitScopes.isEmpty {
            notes.append(
                "note: not drawing " + graphView.splitScopes.joined(separator: ", ")
                    + " as one box: a value outside feeds it and depends on it; its nested scopes are boxes instead")
        }
        let drawnGraph = graphView?.graph ?? snapshot
        let hasScopes = drawnGraph.nodes.contains { !$0.scope.isEmpty }
        let drawsScopes = (scopes ?? true) && hasScopes
        let layout = LayoutPlan(nodeCount: nodeCount, drawsScopes: drawsScopes, requested: requestedLayout)
        if !layout.changes.isEmpty {
            notes.append(
                "note: laying out \(nodeCount) nodes: " + layout.changes.joined(separator: " and ")
                    + " so that Graphviz takes seconds; pass --layout dot for its default settings")
        }
        if let warning = layout.warning {
            notes.append("warning: " + warning + "; --max-nodes \(ViewOptions.defaultMaxNodes) collapses it")
        }
        var dotOptions = look
        dotOptions.groupsScopes = drawsScopes
        dotOptions.layoutTuning = layout.tuning
        self.viewOptions = chosen
        self.jsonDescribesView = view.asksForView
        self.dotOptions = dotOptions
        self.layout = layout
        self.notes = notes
    }

    /// The diagram of one snapshot of the run.
    func diagram(of snapshot: GraphSnapshot) -> Diagram {
        Diagram(
            snapshot: snapshot, view: viewOptions.map { GraphView(snapshot, options: $0) },
            jsonDescribesView: jsonDescribesView, dotOptions: dotOptions, layout: layout)
    }

    /// `note: the graph has 986 values (1,627 nodes to lay out, more than --max-nodes 150): …`
    static func automaticCollapseNote(_ fitted: FittedView, snapshot: GraphSnapshot, budget: Int) -> String {
        var what: [String] = []
        if let depth = fitted.options.depth {
            what.append(
                depth == 0 ? "each top-level scope as one box" : "each scope nested deeper than \(depth) as one box")
        }
        if fitted.options.rollsRepeats { what.append("repeated structure rolled into one box × n") }
        var note =
            "note: the graph has \(snapshot.nodes.count) values (\(fitted.requestedNodeCount) nodes and "
            + "\(fitted.requestedEdgeCount) edges to lay out, more than --max-nodes \(budget) allows): drawing "
            + what.joined(separator: " and ") + " (\(fitted.nodeCount) nodes, \(fitted.edgeCount) edges)"
        if !fitted.fits { note += ", still more than it allows" }
        return note
            + ". --depth all or --max-nodes none draws every value; --depth N and --expand SCOPE choose what opens"
    }
}
