import Foundation
import Micrograd
import MicrogradViz

/// One graph ready to write: the snapshot, the view drawn of it (when it is not drawn
/// node for node), and how it is laid out.
struct Diagram {
    /// The full graph.
    let snapshot: GraphSnapshot
    /// What diagrams draw, or `nil` for the snapshot itself.
    let view: GraphView?
    /// Whether JSON describes the view (the user asked for one) or the full graph.
    let jsonDescribesView: Bool
    /// How DOT is written, layout settings included.
    let dotOptions: DOTOptions
    /// How Graphviz lays it out.
    let layout: LayoutPlan

    /// The snapshot drawn node for node with the given look.
    init(snapshot: GraphSnapshot, dotOptions: DOTOptions) {
        self.init(
            snapshot: snapshot, view: nil, jsonDescribesView: false, dotOptions: dotOptions,
            layout: LayoutPlan(nodeCount: 0, drawsScopes: dotOptions.groupsScopes))
    }

    init(
        snapshot: GraphSnapshot, view: GraphView?, jsonDescribesView: Bool, dotOptions: DOTOptions, layout: LayoutPlan
    ) {
        self.snapshot = snapshot
        self.view = view
        self.jsonDescribesView = jsonDescribesView
        self.dotOptions = dotOptions
        self.layout = layout
    }

    /// How many boxes an image draws (values, or merged nodes).
    var drawnValueCount: Int { view?.graph.nodes.count ?? snapshot.nodes.count }

    /// The DOT text, drawn with `overlay` (whose ids are the snapshot's).
    func dot(overlay: DiagramOverlay = DiagramOverlay()) -> String {
        guard let view else { return snapshot.dot(options: dotOptions, overlay: overlay) }
        return view.dot(options: dotOptions, overlay: overlay.projected(onto: view))
    }

    func json(options: JSONOptions) -> String {
        guard jsonDescribesView, let view else { return snapshot.json(options: options) }
        return view.json(options: options)
    }

    func mermaid(options: MermaidOptions) -> String {
        var options = options
        options.groupsScopes = dotOptions.groupsScopes
        return view?.mermaid(options: options) ?? snapshot.mermaid(options: options)
    }

    /// Renders the diagram's DOT (from ``dot(overlay:)``) with `options`, in the layout the
    /// plan chose and within its time limit (none when the user asked for a layout).
    func render(_ dot: String, as format: RenderFormat, options: RenderOptions) throws(RenderError) -> Data {
        var options = options
        options.layout = layout.engine.rawValue
        if let limit = layout.timeLimit { options.timeLimit = limit }
        return try GraphRenderer.render(dot: dot, format: format, options: options)
    }
}
