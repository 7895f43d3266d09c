import Foundation
import Micrograd
import MicrogradTestSupport
import MicrogradViz

/// Graphs and pages the viewer tests share.
enum ViewerFixtures {
    /// `root`'s graph after `backward()`.
    static func after(_ root: some GraphValue) -> GraphSnapshot {
        root.backward()
        return root.snapshot()
    }

    /// The tanh neuron after `backward()`.
    static func neuron() -> GraphSnapshot { after(SampleGraphs.neuron()) }

    /// A 2-2-1 MLP on one point, with scopes `mlp/layer0/neuron0` and so on, after `backward()`.
    static func mlp() -> GraphSnapshot { after(SampleGraphs.mlp()) }

    /// A tensor MLP's hinge loss on four points, after `backward()`.
    static func tensorClassifier() -> GraphSnapshot { after(TensorGraphs.classifier()) }

    /// A scalar 2-16-16-1 MLP's hinge loss on `points` moons points: about 670 values a point,
    /// so 15 points make a graph of over 10,000 values, in scopes `mlp/layer1/neuron3`.
    static func bigMLP(points: Int = 15) -> GraphSnapshot {
        let model = MLP(2, [16, 16, 1], seed: 7)
        let data = ClassificationDataset.moons(count: points, noise: 0.1, seed: 3)
        let scores = data.inputs.map { model($0)[0] }
        let loss = Loss.hinge(scores: scores, labels: data.labels.map { $0 == 0 ? -1.0 : 1.0 })
        loss.label = "loss"
        return after(loss)
    }

    /// A page of one graph with every view and layer the library makes.
    static func page(_ snapshot: GraphSnapshot, title: String = "test", options: ViewerOptions = ViewerOptions())
        throws -> String
    {
        let graph = try ViewerGraph.rendered(snapshot, title: title, options: options)
        return ViewerPage(title: title, graphs: [graph]).html()
    }

    /// Writes `html` into a new temporary directory and returns the file; the caller removes the directory.
    static func write(_ html: String, name: String = "page.html") throws -> URL {
        let directory = try temporaryDirectory()
        let url = directory.appendingPathComponent(name)
        try Data(html.utf8).write(to: url)
        return url
    }

    /// Every value `id` is computed from (not itself).
    static func ancestors(of id: Int, in snapshot: GraphSnapshot) -> Set<Int> {
        var seen: Set<Int> = []
        var pending = snapshot.nodes[id].inputs
        while let next = pending.popLast() {
            if seen.insert(next).inserted { pending += snapshot.nodes[next].inputs }
        }
        return seen
    }

    /// Every value computed from `id` (not itself).
    static func descendants(of id: Int, in snapshot: GraphSnapshot) -> Set<Int> {
        var users = [[Int]](repeating: [], count: snapshot.nodes.count)
        for node in snapshot.nodes {
            for input in node.inputs { users[input].append(node.id) }
        }
        var seen: Set<Int> = []
        var pending = users[id]
        while let next = pending.popLast() {
            if seen.insert(next).inserted { pending += users[next] }
        }
        return seen
    }

    /// The JSON data of a page, decoded, each graph's parts merged into it.
    static func data(of html: String) throws -> [String: Any] {
        try ViewerPageData.decode(html)
    }
}
