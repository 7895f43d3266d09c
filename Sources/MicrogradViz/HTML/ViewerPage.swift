import Micrograd

/// One self-contained HTML page to explore graphs in a browser: each graph's diagram
/// as inline SVG (laid out ahead by Graphviz), its numbers as JSON, and a small script
/// and stylesheet, all in the one file. It needs no server and no network: open it
/// from disk, attach it to an issue, or embed it in documentation.
///
/// The page pans and zooms, finds values by label or scope, shows everything known
/// about a value in a side panel, highlights what a value depends on and what depends
/// on it, and switches between the views, layers and step sequences each graph brings.
/// A page of several graphs (the snapshots of a training run) has a step slider, and
/// charts and figures above the diagram.
///
/// ```swift
/// let graph = try ViewerGraph.rendered(snapshot, title: "after backward()")
/// let html = ViewerPage(title: "neuron", graphs: [graph]).html()
/// ```
public struct ViewerPage: Sendable {
    /// The page's title, shown as its heading.
    public var title: String
    /// The graphs the page shows, one at a time; a slider switches between them when there are several.
    public var graphs: [ViewerGraph]
    /// Which graph is shown first.
    public var initialGraph: Int
    /// Line charts over the steps of a run, such as loss and accuracy.
    public var charts: [ViewerChart]
    /// Pictures made elsewhere (a decision boundary, diagnostics plots), shown beside the charts.
    public var figures: [ViewerFigure]
    /// Text shown under the heading, such as how the run was configured.
    public var notes: [String]

    /// Creates a page.
    ///
    /// - Parameters:
    ///   - title: The heading.
    ///   - graphs: The graphs, in order (by step for a run).
    ///   - initialGraph: Which graph is shown first; the first by default.
    ///   - charts: Line charts over steps.
    ///   - figures: Pre-drawn SVG pictures.
    ///   - notes: Lines of text under the heading.
    public init(
        title: String, graphs: [ViewerGraph], initialGraph: Int = 0, charts: [ViewerChart] = [],
        figures: [ViewerFigure] = [], notes: [String] = []
    ) {
        precondition(graphs.isEmpty || graphs.indices.contains(initialGraph), "initialGraph must index graphs")
        self.title = title
        self.graphs = graphs
        self.initialGraph = initialGraph
        self.charts = charts
        self.figures = figures
        self.notes = notes
    }

    /// The whole page as HTML text: byte-stable, with no URL that points outside the file.
    ///
    /// - Complexity: O(n) in the size of the graphs and their diagrams.
    public func html() -> String {
        var writer = HTMLWriter(page: self)
        return writer.write()
    }
}
