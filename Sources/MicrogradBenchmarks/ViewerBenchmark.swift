import Foundation
import Micrograd
import MicrogradViz

/// The HTML viewer: how long a page of a 10,000-value graph takes to make, and how big it is.
/// With a directory argument, the page is written there, to be opened in a browser.
func benchmarkViewer(writingInto directory: String?) {
    print("== HTML viewer: a page of a 10,000-value graph (scalar 2-16-16-1 MLP, hinge loss on 15 points) ==")
    let model = MLP(2, [16, 16, 1], seed: 7)
    let data = ClassificationDataset.moons(count: 15, noise: 0.1, seed: 3)
    let loss = Loss.hinge(scores: data.inputs.map { model($0)[0] }, labels: data.labels.map { $0 == 0 ? -1 : 1 })
    loss.backward()
    let snapshot = loss.snapshot()
    var graph: ViewerGraph?
    let renderTime = seconds { graph = try? ViewerGraph.rendered(snapshot, title: "big") }
    guard let graph else {
        print("Graphviz could not draw the views")
        return
    }
    var html = ""
    let writeTime = seconds { html = ViewerPage(title: "A 10,000-value graph", graphs: [graph]).html() }
    print(
        String(
            format:
                "%d values; views laid out and edge derivatives computed in %.3f s; page written in %.3f s; %.0f KB",
            snapshot.nodes.count, renderTime, writeTime, Double(html.utf8.count) / 1024))
    print("views: " + graph.views.map { "\($0.title): \($0.svg.utf8.count / 1024) KB of SVG" }.joined(separator: "; "))
    if let directory {
        let url = URL(fileURLWithPath: directory).appendingPathComponent("viewer-10000-values.html")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: url)
            print("wrote \(url.path)")
        } catch {
            print("cannot write \(url.path): \(error)")
        }
    }
}
