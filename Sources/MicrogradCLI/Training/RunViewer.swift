import Foundation
import Micrograd
import MicrogradViz

/// The page `train --html` writes: the run's charts and plots, and each graph snapshot
/// with its views, edge derivatives, backward steps and gradient layers (the colours by
/// log10 |grad| and the gradient problems `diagnose` finds), behind a step slider.
enum RunViewer {
    /// Makes the page's file.
    ///
    /// - Parameters:
    ///   - url: Where it goes.
    ///   - title: The heading, such as `moons: MLP(2 → 16 ReLU → 16 ReLU → 1 linear, 337 parameters)`.
    ///   - snapshots: The graphs taken during the run, by step, each with the order backward() took.
    ///   - drawn: Diagrams already laid out for the run's SVG files, by their DOT.
    ///   - losses: The loss at each step, then after the last.
    ///   - accuracies: The accuracy at each step, for a classifier.
    ///   - stepName: `step` or `epoch`.
    ///   - figures: Plots to show beside the chart.
    ///   - diagram: How the snapshots' diagrams look.
    ///   - gradients: `--color` and `--color-scale`: the gradient layers are on when the page
    ///     opens with `--color grad`, and a click away otherwise.
    ///   - notes: Lines describing the run.
    /// - Throws: ``CLIError`` with Graphviz's message if a diagram cannot be drawn.
    static func file(
        at url: URL, title: String, snapshots: [(step: Int, snapshot: GraphSnapshot, backwardOrder: [Int]?)],
        drawn: [String: Data],
        losses: [Double],
        accuracies: [Double]?, stepName: String, figures: [ViewerFigure], diagram: DOTOptions,
        gradients: GradientColorOptions, notes: [String]
    ) throws(CLIError) -> SnapshotExporter.PendingFile {
        // Scope boxes make Graphviz slow on big graphs: only in small diagrams unless asked for.
        let options = ViewerOptions(
            diagram: diagram, renderLimit: 3_000, scopeBoxLimit: diagram.groupsScopes ? 500 : 200)
        var graphs: [ViewerGraph] = []
        do throws(RenderError) {
            for (step, snapshot, backwardOrder) in snapshots {
                let name = stepName == "epoch" ? "epoch \(step): the loss" : "step \(step): example 0's loss"
                var graph = try ViewerGraph.rendered(
                    snapshot, title: name, step: step, options: options, backwardOrder: backwardOrder
                ) {
                    dot throws(RenderError) in
                    if let svg = drawn[dot] { return svg }
                    return try GraphRenderer.render(dot: dot, format: .svg, options: .trusted)
                }
                // Each snapshot holds its own step's gradients, so each gets its own analysis.
                graph.layers += GradientMarks(snapshot, scale: gradients.colorScale.scale, flow: GradientFlow(snapshot))
                    .layers(areOn: gradients.color == .grad)
                graphs.append(graph)
            }
        } catch {
            throw .failure(error.message)
        }
        var series = [ViewerChart.Series(name: "loss", values: losses)]
        if let accuracies { series.append(.init(name: "accuracy", values: accuracies, isFraction: true)) }
        let chart = ViewerChart(
            title: accuracies == nil ? "Loss per \(stepName)" : "Loss and accuracy per \(stepName)", stepName: stepName,
            series: series)
        var pageNotes = notes
        if snapshots.isEmpty { pageNotes.append("No graph was recorded: pass --snapshot-every K to record some.") }
        let page = ViewerPage(
            title: title, graphs: graphs, initialGraph: max(graphs.count - 1, 0), charts: [chart], figures: figures,
            notes: pageNotes)
        return SnapshotExporter.PendingFile(url: url, data: Data(page.html().utf8))
    }
}
