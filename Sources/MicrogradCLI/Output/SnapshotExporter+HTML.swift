import Micrograd
import MicrogradViz

extension SnapshotExporter {
    /// An interactive page for one snapshot: its diagrams (every value when it has at most
    /// `--render-limit` values, and one per scope depth with those scopes as boxes), edge
    /// derivatives and the backward pass as steps in ``viewerExtras``' backward order, and
    /// its layers and notes.
    ///
    /// - Throws: ``CLIError`` with Graphviz's message if a diagram cannot be drawn.
    func htmlPage(for snapshot: GraphSnapshot, title: String) throws(CLIError) -> String {
        let options = ViewerOptions(diagram: dotOptions, renderLimit: renderLimit, scopeBoxLimit: scopeBoxLimit)
        do throws(RenderError) {
            var graph = try ViewerGraph.rendered(
                snapshot, title: title, options: options, backwardOrder: viewerExtras.backwardOrder)
            graph.layers += viewerExtras.layers
            graph.notes += viewerExtras.notes
            return ViewerPage(title: title, graphs: [graph]).html()
        } catch {
            throw .failure(error.message)
        }
    }
}
