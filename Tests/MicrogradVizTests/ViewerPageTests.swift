import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// The HTML viewer's pages, checked without a browser: self-contained, byte-stable, with
/// the graph's numbers exact, a view per scope depth, layers and steps that match the
/// analysis, and the script and stylesheet the same as the files in `Sources/MicrogradViz/HTML/Viewer/`.
@Suite("Viewer pages")
struct ViewerPageTests {
    @Test func pagesPointNowhereOutsideTheFile() throws {
        let html = try ViewerFixtures.page(ViewerFixtures.mlp())
        for forbidden in ["http:", "https:", "ftp:", "url(", "@import", "src=", "<link", "xlink:href", "<!DOCTYPE svg"]
        {
            #expect(!html.contains(forbidden), "the page contains \(forbidden)")
        }
        // The only href is the skip link to the diagram.
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(hrefs == ["#diagram"])
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    }

    @Test func theSameGraphGivesTheSameBytes() throws {
        // Without scope boxes, Graphviz lays a graph out the same way every time.
        let flat = ViewerOptions(scopeBoxLimit: 0)
        #expect(
            try ViewerFixtures.page(ViewerFixtures.mlp(), options: flat)
                == ViewerFixtures.page(ViewerFixtures.mlp(), options: flat))
        // Graphviz 2.42 places scope boxes differently from run to run; everything else is the same.
        let withoutDiagrams = { (html: String) in html.replacing(/<svg[^>]*>[\s\S]*?<\/svg>/, with: "<svg/>") }
        let first = try ViewerFixtures.page(ViewerFixtures.mlp())
        let second = try ViewerFixtures.page(ViewerFixtures.mlp())
        #expect(withoutDiagrams(first) == withoutDiagrams(second))
    }

    /// The graph as the page stores it, column by column.
    struct Columns: Decodable {
        enum Numbers: Decodable, Equatable {
            case one(Double)
            case many([Double])

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let value = try? container.decode(Double.self) {
                    self = .one(value)
                } else {
                    self = .many(try container.decode([Double].self))
                }
            }

            var elements: [Double] {
                switch self {
                case .one(let value): [value]
                case .many(let values): values
                }
            }
        }
        let root: Int
        let label: [String?]
        let op: [String?]
        let role: String
        let scopes: [String]
        let scope: [Int]
        let inputs: [[Int]]
        let shape: [[Int]?]
        let data: [Numbers]
        let grad: [Numbers]

        /// Graph 0 of a page, read exactly (JSONDecoder reads doubles exactly).
        static func of(_ html: String) throws -> Columns {
            struct Part: Decodable { let graph: Columns }
            let text = try #require(ViewerPageData.text(of: "viewer-graph-0", in: html))
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            return try decoder.decode(Part.self, from: Data(text.utf8)).graph
        }
    }

    @Test(arguments: ["tensor", "scalar"])
    func theDataHoldsEveryValueExactly(engine: String) throws {
        var snapshot = ViewerFixtures.tensorClassifier()
        if engine == "scalar" {
            // With a NaN, and an input used twice.
            let x = Value(-1.5, label: "x")
            let y = withScope("outer") { (x * x + x.log()).tanh() }
            snapshot = ViewerFixtures.after(y)
        }
        let columns = try Columns.of(try ViewerFixtures.page(snapshot))
        #expect(columns.root == snapshot.rootID)
        #expect(columns.op.count == snapshot.nodes.count)
        for (id, node) in snapshot.nodes.enumerated() {
            #expect(columns.label[id] == node.label && columns.op[id] == node.op?.symbol)
            let letters: [Role: Character] = [.input: "i", .parameter: "p", .constant: "c", .intermediate: "m"]
            #expect(Array(columns.role)[id] == letters[node.role])
            #expect(columns.scopes[columns.scope[id]] == node.scopePath)
            #expect(columns.inputs[id] == node.inputs && columns.shape[id] == node.shape)
            let data = columns.data[id].elements
            let grad = columns.grad[id].elements
            // Every digit: the same Double (NaN is written as "NaN", whatever its bits).
            let same = { (a: [Double], b: [Double]) in
                a.count == b.count && zip(a, b).allSatisfy { $0.isNaN ? $1.isNaN : $0.bitPattern == $1.bitPattern }
            }
            #expect(same(data, node.data), "node \(id) data")
            #expect(same(grad, node.grad), "node \(id) grad")
        }
        if engine == "scalar" { #expect(snapshot.nodes.contains { $0.data[0].isNaN }) }
    }

    @Test func textInTheDataCannotEndItsScript() throws {
        let x = Value(2.0, label: "</script><script>alert(1)</script>")
        let y = (x * x).tanh()
        y.label = "<!-- & \"quoted\" -->"
        let html = try ViewerFixtures.page(ViewerFixtures.after(y), title: "a <b>bold</b> title")
        #expect(!html.contains("<script>alert(1)"))
        #expect(
            html.components(separatedBy: "</script>").count - 1 == 4, "the data, the graph, its edges and the script")
        #expect(html.contains("<title>a &lt;b&gt;bold&lt;/b&gt; title</title>"))
        let data = try ViewerFixtures.data(of: html)
        let graph = try #require((data["graphs"] as? [[String: Any]])?.first?["graph"] as? [String: Any])
        let labels = (graph["label"] as? [Any] ?? []).compactMap { $0 as? String }
        #expect(labels.contains("</script><script>alert(1)</script>"))
    }

    @Test func aViewPerScopeDepthThenEveryValue() throws {
        let snapshot = ViewerFixtures.mlp()
        let graph = try ViewerGraph.rendered(snapshot, title: "mlp")
        #expect(graph.views.map(\.id) == ["depth-1", "depth-2", "depth-3", "every-value"])
        #expect(graph.initialView == 3)
        let tree = ScopeTree(snapshot)
        for (depth, view) in zip(1...3, graph.views) {
            let paths = tree.scopes.filter { $0.depth == depth }.map(\.path)
            let expected = GraphView(snapshot, collapsing: paths)
            #expect(view.drawnNodeOfValue == expected.drawnNodeOfValue)
            #expect(Set(view.collapsedScopes.values.map(\.path)) == Set(paths))
            let drawn = SVGTexts(Data(view.svg.utf8))
            #expect(drawn.isWellFormed)
            // Every drawn node is in the diagram, with the box of each merged scope named after it
            // (and what it computes: `layer1: 4 × relu(w·x + b)`).
            for (id, scope) in view.collapsedScopes {
                let title = drawn.textsByGroup["n\(id)"]?.first ?? ""
                #expect(
                    title == scope.name || title.hasPrefix(scope.name + " [") || title.hasPrefix(scope.name + ": "),
                    "\(title)")
            }
            let values = drawn.textsByGroup.keys.filter { $0.wholeMatch(of: /n[0-9]+/) != nil }
            #expect(values.count == expected.graph.nodes.count)
        }
        #expect(graph.views[3].drawnNodeOfValue == nil)
        #expect(graph.notes.isEmpty)
    }

    @Test func aGraphTooBigToLayOutKeepsItsScopeViewsAndSaysSo() throws {
        let snapshot = ViewerFixtures.mlp()
        let options = ViewerOptions(renderLimit: snapshot.nodes.count - 1)
        let graph = try ViewerGraph.rendered(snapshot, title: "mlp", options: options)
        #expect(!graph.views.contains { $0.id == "every-value" })
        #expect(graph.views.allSatisfy { $0.drawnNodeOfValue != nil })
        #expect(graph.sequences.isEmpty, "no backward steps without a diagram of every value")
        #expect(graph.notes.first?.contains("\(snapshot.nodes.count) values") == true)
        let flat = ViewerFixtures.neuron()
        let none = try ViewerGraph.rendered(flat, title: "neuron", options: ViewerOptions(renderLimit: 5))
        #expect(none.views.isEmpty)
        #expect(none.notes.first?.contains("no diagram") == true)
        let html = ViewerPage(title: "neuron", graphs: [none]).html()
        #expect(!html.contains("<svg data-template"), "no diagram at all")
        #expect(html.contains("\"views\": []"))
    }

    @Test func theEdgeLayerAndTheBackwardStepsFollowTheChainRule() throws {
        let snapshot = ViewerFixtures.neuron()
        let graph = try ViewerGraph.rendered(snapshot, title: "neuron")
        let edges = snapshot.edgeDerivatives()
        let layer = try #require(graph.layers.first { $0.id == "edge-derivatives" })
        #expect(layer.overlay.edges.count == edges.edges.count)
        let format = NumberFormat()
        for edge in edges.edges {
            let mark = try #require(layer.overlay.edges[.init(node: edge.node, operand: edge.operand)])
            #expect(mark.label == format.format(edge.local![0]))
        }
        let steps = try #require(graph.sequences.first { $0.id == "backward" }).steps
        #expect(steps.map(\.nodes) == snapshot.nodes.indices.reversed().map { [$0] })
        // o = tanh(n): ∂o/∂n = 1 − o² = 0.5, times o.grad 1.
        #expect(
            steps[0].caption
                == "o, the output: backward() starts with grad 1.0000. Sends local derivative × grad: 0.5000 × 1.0000 = 0.5000 to n."
        )
        #expect(steps.last?.caption == "x1: grad -1.5000 is complete. A leaf (input): nothing to pass on.")
        let before = try ViewerGraph.rendered(SampleGraphs.neuron().snapshot(), title: "before")
        #expect(before.sequences.isEmpty, "no backward pass before backward()")
    }

    @Test func theBackwardStepsFollowTheTensorEnginesOrder() throws {
        let loss = TensorGraphs.classifier()
        loss.backward()
        let snapshot = loss.snapshot()
        let engineOrder = loss.topologicalOrder().reversed().map(ObjectIdentifier.init)
        let snapshotOrder = loss.topologicalOrder().map(ObjectIdentifier.init)
        let graph = try ViewerGraph.rendered(snapshot, title: "tensor")
        let steps = try #require(graph.sequences.first).steps
        #expect(steps.count == engineOrder.count)
        for (step, tensor) in zip(steps, engineOrder) {
            #expect(step.nodes == [snapshotOrder.firstIndex(of: tensor)!])
        }
    }

    @Test func layersViewsAndSequencesFromOtherAnalysesArePassedThrough() throws {
        let snapshot = ViewerFixtures.neuron()
        var overlay = DiagramOverlay()
        overlay.nodes[7] = .init(
            fill: "#fecaca", border: "#b91c1c", penWidth: 2, dashed: true, tag: "saturated", lines: ["a line"],
            tooltipLines: ["more"])
        overlay.edges[.init(node: 8, operand: 1)] = .init(label: "x", color: "#2563eb", tooltip: "why")
        overlay.key = [
            .swatch(fill: "#fecaca", border: "#b91c1c", text: "a finding"),
            .scale(colors: ["#000000", "#ffffff"], low: "0", high: "1", title: "|grad|"), .text("plain"),
        ]
        let graph = ViewerGraph(
            title: "custom", snapshot: snapshot,
            layers: [
                ViewerLayer(id: "findings", title: "Findings", summary: "s", overlay: overlay, isOnInitially: true)
            ],
            sequences: [
                ViewerSequence(id: "forward", title: "Forward", steps: [.init(caption: "first", nodes: [0, 1])])
            ])
        let data = try ViewerFixtures.data(of: ViewerPage(title: "custom", graphs: [graph]).html())
        let page = try #require((data["graphs"] as? [[String: Any]])?.first)
        let layer = try #require((page["layers"] as? [[String: Any]])?.first)
        #expect(layer["on"] as? Bool == true)
        let mark = try #require((layer["nodes"] as? [String: Any])?["7"] as? [String: Any])
        #expect(mark["fill"] as? String == "#fecaca" && mark["tag"] as? String == "saturated")
        #expect(mark["penWidth"] as? Double == 2 && mark["dashed"] as? Bool == true)
        #expect(mark["lines"] as? [String] == ["a line"] && mark["tooltip"] as? [String] == ["more"])
        let edge = try #require((layer["edges"] as? [[Any]])?.first)
        #expect(edge[0] as? Int == 8 && edge[1] as? Int == 1)
        #expect((edge[2] as? [String: Any])?["tooltip"] as? String == "why")
        #expect((layer["key"] as? [[String: Any]])?.count == 3)
        let sequence = try #require((page["sequences"] as? [[String: Any]])?.first)
        #expect(((sequence["steps"] as? [[String: Any]])?.first?["nodes"] as? [Int]) == [0, 1])
        #expect(page["edges"] is NSNull && (page["views"] as? [Any])?.isEmpty == true)
    }

    @Test func aLayersThemeColoursFollowThePagesThemeAndScaleColoursStay() throws {
        let snapshot = ViewerFixtures.neuron()
        let (light, dark) = (Theme.light.palette, Theme.dark.palette)
        let scale = ColorScale.viridis
        var overlay = DiagramOverlay()
        // A zero gradient is drawn in the theme's colours; a size on the scale in the scale's.
        overlay.nodes[1] = .init(fill: light.background, dashed: true, fontColor: light.text)
        overlay.nodes[2] = .init(fill: scale.color(at: 0), fontColor: scale.textColor(at: 0))
        overlay.key = [.swatch(fill: light.background, border: light.text, text: "grad exactly 0")]
        let graph = ViewerGraph(
            title: "colours", snapshot: snapshot, layers: [.gradientColors(overlay, isOnInitially: true)])
        let data = try ViewerFixtures.data(of: ViewerPage(title: "colours", graphs: [graph]).html())
        let layer = try #require(((data["graphs"] as? [[String: Any]])?.first?["layers"] as? [[String: Any]])?.first)
        let nodes = try #require(layer["nodes"] as? [String: [String: Any]])
        #expect(nodes["1"]?["fill"] as? String == "light-dark(\(light.background),\(dark.background))")
        #expect(nodes["1"]?["fontColor"] as? String == "light-dark(\(light.text),\(dark.text))")
        #expect(nodes["2"]?["fill"] as? String == scale.color(at: 0))
        #expect(nodes["2"]?["fontColor"] as? String == scale.textColor(at: 0))
        let swatch = (layer["key"] as? [[String: [String: String]]])?.first?["swatch"]
        #expect(swatch?["fill"] == "light-dark(\(light.background),\(dark.background))")
    }

    @Test func aRunPageHasItsGraphsChartsAndFigures() throws {
        let snapshot = ViewerFixtures.neuron()
        let graphs = try [0, 5].map { step in try ViewerGraph.rendered(snapshot, title: "step \(step)", step: step) }
        let chart = ViewerChart(
            title: "loss",
            series: [
                .init(name: "loss", values: [2, 1, .nan]),
                .init(name: "accuracy", values: [0.5, 0.75, 1], isFraction: true),
            ])
        let figure = ViewerFigure(
            title: "a plot",
            svg:
                "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>\n"
        )
        let html = ViewerPage(
            title: "run", graphs: graphs, initialGraph: 1, charts: [chart], figures: [figure], notes: ["trained"]
        ).html()
        #expect(
            html.contains(
                "<figure class=\"figure\"><figcaption>a plot</figcaption>\n<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\"><rect"
            ))
        #expect(!html.contains("http"))
        #expect(html.contains("<p>trained</p>"))
        // The second graph's diagram is inline; the first's waits as text.
        #expect(
            html.contains("<div id=\"canvas\" class=\"canvas\"><svg width=")
                && html.contains("data-template=\"g1-v0\">"))
        #expect(html.contains("<script type=\"text/x-micrograd-svg\" id=\"g0-v0\"><svg "))
        let data = try ViewerFixtures.data(of: html)
        #expect(data["initialGraph"] as? Int == 1)
        let series = try #require(((data["charts"] as? [[String: Any]])?.first?["series"] as? [[String: Any]]))
        #expect(series[0]["values"] as? [AnyHashable] == [2, 1, "NaN"] as [AnyHashable])
        #expect((data["graphs"] as? [[String: Any]])?.map { $0["step"] as? Int } == [0, 5])
    }

    @Test func cleanedDiagramsKeepWhatThePageReads() throws {
        let svg = String(
            decoding: try GraphRenderer.render(dot: ViewerFixtures.neuron().dot(), format: .svg), as: UTF8.self)
        let clean = ViewerSVG.clean(svg, template: "g0-v0")
        #expect(clean.hasPrefix("<svg width=\"") && clean.contains(" data-template=\"g0-v0\">"))
        for gone in [
            "<?xml", "<!DOCTYPE", "<!--", "xmlns", "xlink:title", "font-family=", "<title>n0</title>", " id=\"edge",
        ] {
            #expect(!clean.contains(gone), "\(gone) is left")
        }
        #expect(clean.contains("<title>n0&#45;&gt;n2_op</title>"), "edge titles stay")
        // Texts are unchanged, node by node.
        #expect(SVGTexts(Data(clean.utf8)).textsByGroup == SVGTexts(Data(svg.utf8)).textsByGroup)
        #expect(clean.utf8.count < svg.utf8.count * 3 / 4)
    }

    @Test func coordinatesKeepOneDecimal() {
        #expect(
            ViewerSVG.roundedNumbers("M3068.42,-60.55C12.0,1 -0.04,-0.06 9.96,0.5")
                == "M3068.4,-60.6C12,1 0,-0.1 10,0.5")
        #expect(
            ViewerSVG.compacted("<text x=\"1.26\" y=\"-2.04\" font-size=\"9.00\">data 0.4175</text>")
                == "<text x=\"1.3\" y=\"-2\" font-size=\"9.00\">data 0.4175</text>")
        #expect(
            ViewerSVG.compacted("<polygon fill=\"white\" points=\"1,2 3,4 5,6 1,2\"/>")
                == "<polygon fill=\"white\" points=\"1,2 3,4 5,6\"/>")
    }

    @Test func everyLightColourHasOneDarkColour() {
        #expect(DiagramColorScheme.conflicts.isEmpty, "\(DiagramColorScheme.conflicts)")
        #expect(DiagramColorScheme.css.contains(".canvas [fill=\"#dbeafe\"]{fill:light-dark(#dbeafe,#1e3a8a)}"))
    }

    @Test func theEmbeddedScriptAndStylesheetAreTheFilesInViewer() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/MicrogradViz/HTML/Viewer")
        for (name, embedded) in [
            ("viewer.html", ViewerAssets.page), ("viewer.css", ViewerAssets.stylesheet),
            ("viewer.js", ViewerAssets.script),
        ] {
            let file = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(file == embedded, "Viewer/\(name) drifted from its embedded copy; run `make viewer-assets`")
        }
        #expect(!ViewerAssets.script.contains("</script"), "the script must not end its own element")
        #expect(HTMLWriter.skeleton.filter { if case .slot = $0 { true } else { false } }.count == 9)
    }
}
