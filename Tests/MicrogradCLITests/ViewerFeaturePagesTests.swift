import Foundation
import Micrograd
import MicrogradLanguage
import MicrogradTestSupport
import MicrogradViz
import Testing

/// What other commands compute, in their html pages: the engine's backward order, the
/// gradient view and findings as layers, diagnose's and steps' pages, and a diagnosed run's plots.
@Suite("Viewer pages of the other features", .serialized)
struct ViewerFeaturePagesTests {
    /// A catalogue sample after backward(): its snapshot and the order backward() took.
    func sample(_ name: String) throws -> (snapshot: GraphSnapshot, order: [Int]) {
        let network = try #require(SampleCatalogue.named(name)).build()
        network.output.backward()
        return (network.output.snapshot(), network.output.backwardOrder())
    }

    /// The page's only graph, decoded.
    func onlyGraph(_ html: String) throws -> [String: Any] {
        let graphs = try #require(try ViewerPageData.decode(html)["graphs"] as? [[String: Any]])
        #expect(graphs.count == 1)
        return try #require(graphs.first)
    }

    /// The nodes of each step of the graph's sequence `id`.
    func steps(_ id: String, of graph: [String: Any]) -> [[Int]]? {
        let sequence = (graph["sequences"] as? [[String: Any]])?.first { $0["id"] as? String == id }
        return (sequence?["steps"] as? [[String: Any]])?.map { ($0["nodes"] as? [Int]) ?? [] }
    }

    /// The graph's layer `id`.
    func layer(_ id: String, of graph: [String: Any]) -> [String: Any]? {
        (graph["layers"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test func snapshotPagesWalkBackwardInTheEnginesOrder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["snapshot", "readme", "--format", "html", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let (snapshot, order) = try sample("readme")
        #expect(order != Array(snapshot.nodes.indices.reversed()), "the test needs a sample whose order differs")
        let after = try onlyGraph(
            String(contentsOf: directory.appendingPathComponent("readme-after.html"), encoding: .utf8))
        #expect(steps("backward", of: after) == order.map { [$0] })
        // Before backward() there is no backward pass to walk.
        let before = try onlyGraph(
            String(contentsOf: directory.appendingPathComponent("readme-before.html"), encoding: .utf8))
        #expect(steps("backward", of: before) == nil)
    }

    @Test func aRunPagesBackwardStepsAreTheScalarEnginesOwn() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "train", "moons", "--steps", "2", "--snapshot-every", "2", "--model", "2,4,1", "--html", "--out",
            directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOf: directory.appendingPathComponent("moons-run.html"), encoding: .utf8)
        let graphs = try #require(try ViewerPageData.decode(html)["graphs"] as? [[String: Any]])
        #expect(graphs.count == 2)
        for graph in graphs {
            let columns = try #require(graph["graph"] as? [String: Any])
            let inputs = try #require(columns["inputs"] as? [[Int]])
            let order = try #require(steps("backward", of: graph)).map { $0[0] }
            // A backward order: every value once, the output first, each after all the values that use it.
            #expect(order.sorted() == Array(inputs.indices) && order.first == columns["root"] as? Int)
            var position = [Int](repeating: 0, count: order.count)
            for (index, id) in order.enumerated() { position[id] = index }
            for (id, operands) in inputs.enumerated() {
                for input in operands { #expect(position[input] > position[id]) }
            }
            // The scalar engine's sweep, which takes independent values in another order than the ids'.
            #expect(order != Array(inputs.indices.reversed()))
        }
    }

    @Test func theGradientViewAndFindingsAreLayers() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "snapshot", "mlp", "--stage", "after", "--format", "html", "--color", "grad", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let file = directory.appendingPathComponent("mlp-after.html")
        let graph = try onlyGraph(String(contentsOf: file, encoding: .utf8))
        let (snapshot, _) = try sample("mlp")
        let colors = try #require(layer("gradient-colors", of: graph))
        let findings = try #require(layer("gradient-findings", of: graph))
        #expect(colors["on"] as? Bool == true && findings["on"] as? Bool == true, "--color grad turns them on")
        // Every value's colour is the gradient view's (those on the scale as they are).
        let expected = GradientColoring().overlay(for: snapshot)
        let marks = try #require(colors["nodes"] as? [String: [String: Any]])
        #expect(marks.count == snapshot.nodes.count)
        for (id, mark) in expected.nodes where !(mark.dashed) {
            #expect(marks[String(id)]?["fill"] as? String == mark.fill, "value \(id)")
            #expect(marks[String(id)]?["fontColor"] as? String == mark.fontColor, "value \(id)")
        }
        // The findings mark exactly the values the analysis names.
        let flow = GradientFlow(snapshot)
        #expect(!flow.findings.isEmpty, "the test needs a sample with findings")
        let tagged = try #require(findings["nodes"] as? [String: [String: Any]])
        #expect(Set(tagged.keys.compactMap { Int($0) }) == Set(flow.findings.flatMap(\.nodes)))

        // In the browser: the boxes take the colours, the tags are drawn, the switch removes them.
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let page = try browser.newPage()
        try page.open(file)
        let root = snapshot.rootID
        let fill = "getComputedStyle(document.querySelector('#n\(root) > polygon')).fill"
        let rootFill = try #require(expected.nodes[root]?.fill)
        #expect(try page.evaluate(fill) as? String == Self.rgb(rootFill))
        let tags =
            try page.evaluate("[...document.querySelectorAll('.layer-tag')].map(t => t.textContent)") as? [String]
        #expect(tags?.count == tagged.count && tags?.allSatisfy { $0.hasPrefix("⚠ ") } == true, "\(tags ?? [])")
        try page.evaluate("document.querySelector('[data-layer=gradient-colors]').click()")
        #expect(try page.evaluate(fill) as? String != Self.rgb(rootFill))
        #expect(page.consoleErrors.isEmpty, "\(page.consoleErrors)")
        #expect(page.requestedURLs == [file.absoluteString])

        // Without --color grad the layers are there, off.
        let plain = try micrograd([
            "snapshot", "mlp", "--stage", "after", "--format", "html", "--out", directory.path,
        ])
        #expect(plain.status == 0, "\(plain.standardError)")
        let off = try onlyGraph(String(contentsOf: file, encoding: .utf8))
        #expect(layer("gradient-colors", of: off)?["on"] as? Bool == false)
        #expect(layer("gradient-findings", of: off)?["on"] as? Bool == false)
    }

    @Test func diagnoseWritesAPageOfItsFindings() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["diagnose", "mlp", "--format", "html", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("wrote \(directory.path)/mlp-diagnosis.html"))
        #expect(result.standardOutput.contains("finding"), "the table is still printed")
        // The findings as diagnose's JSON gives them.
        let json = try micrograd(["diagnose", "mlp", "--format", "json", "--diagram", "dot", "--out", directory.path])
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty, "the test needs a sample with findings")

        let file = directory.appendingPathComponent("mlp-diagnosis.html")
        let html = try String(contentsOf: file, encoding: .utf8)
        let graph = try onlyGraph(html)
        let notes = try #require(graph["notes"] as? [String])
        for finding in findings {
            let evidence = try #require(finding["evidence"] as? String)
            #expect(notes.contains { $0.contains(evidence) }, "\(evidence) is in the notes: \(notes)")
        }
        #expect(layer("gradient-colors", of: graph)?["on"] as? Bool == true)
        let marked = try #require(layer("gradient-findings", of: graph)?["nodes"] as? [String: Any])
        #expect(Set(marked.keys.compactMap { Int($0) }) == Set(findings.flatMap { $0["nodes"] as? [Int] ?? [] }))
        #expect(steps("backward", of: graph) == (try sample("mlp")).order.map { [$0] })

        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let page = try browser.newPage()
        try page.open(file)
        let shown = try page.evaluate("document.getElementById('graph-notes')?.textContent ?? ''") as? String ?? ""
        let place = try #require(findings[0]["place"] as? String)
        #expect(shown.contains(place), "\(shown)")
        #expect(try page.evaluate("document.querySelectorAll('.layer-tag').length") as? Int == marked.count)
        #expect(page.consoleErrors.isEmpty, "\(page.consoleErrors)")
        #expect(page.requestedURLs == [file.absoluteString])
    }

    @Test func stepsWritesOnePageWithASliderPerPass() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["steps", "readme", "--format", "html", "--trace", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let file = directory.appendingPathComponent("readme-steps.html")
        let graph = try onlyGraph(String(contentsOf: file, encoding: .utf8))
        let (snapshot, order) = try sample("readme")
        #expect(order != Array(snapshot.nodes.indices.reversed()), "the test needs a sample whose order differs")
        #expect((graph["sequences"] as? [[String: Any]])?.map { $0["id"] as? String } == ["backward", "forward"])
        #expect(steps("backward", of: graph) == order.map { [$0] })
        // The forward pass: the operations in the order they were recorded, the backward order read backwards.
        #expect(steps("forward", of: graph) == order.reversed().filter { snapshot.nodes[$0].op != nil }.map { [$0] })
        // Each backward step's caption is its lines of the printed trace.
        let trace = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("backward 3/") }
        let sequence = (graph["sequences"] as? [[String: Any]])?.first
        let caption = ((sequence?["steps"] as? [[String: Any]])?[2]["caption"] as? String) ?? ""
        #expect(!trace.isEmpty)
        for line in trace {
            let text = line.split(separator: "  ", maxSplits: 1).last.map(String.init) ?? ""
            #expect(caption.contains(text), "\(caption) has \(text)")
        }

        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let page = try browser.newPage()
        try page.open(file)
        for step in [1, 5, order.count] {
            try page.evaluate(
                "(() => { const s = document.getElementById('sequence-slider'); s.value = '\(step)'; s.dispatchEvent(new Event('input')); })()"
            )
            let current =
                try page.evaluate(
                    "[...document.querySelectorAll('#canvas g.node.sequence-current')].map(e => Number(e.id.slice(1)))"
                ) as? [Int]
            #expect(current == [order[step - 1]], "step \(step)")
        }
        #expect(page.consoleErrors.isEmpty, "\(page.consoleErrors)")
        #expect(page.requestedURLs == [file.absoluteString])
    }

    @Test func stepsPagesHideWhatIsNotYetKnown() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["steps", "readme", "--format", "html", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let file = directory.appendingPathComponent("readme-steps.html")
        let (snapshot, order) = try sample("readme")
        let forward = order.reversed().filter { snapshot.nodes[$0].op != nil }

        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let page = try browser.newPage()
        try page.open(file)
        /// Per value box: dimmed or not, and its `field` lines shown and hidden.
        func boxes(_ field: String) throws -> [Int: (dimmed: Bool, shown: Int, hidden: Int)] {
            let rows =
                try page.evaluate(
                    """
                    [...document.querySelectorAll('#canvas g.node')].filter(g => /^n[0-9]+$/.test(g.id)).map(g => {
                      const lines = [...g.querySelectorAll('text')].filter(t => t.textContent.startsWith('\(field) '));
                      const hidden = lines.filter(t => getComputedStyle(t).visibility === 'hidden').length;
                      return [Number(g.id.slice(1)), g.classList.contains('sequence-unknown') ? 1 : 0,
                              lines.length - hidden, hidden];
                    })
                    """) as? [[Int]] ?? []
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], ($0[1] == 1, $0[2], $0[3])) })
        }
        func show(_ sequence: Int, step: Int) throws {
            try page.evaluate(
                """
                (() => { const p = document.getElementById('sequence-select'); p.value = '\(sequence)';
                         p.dispatchEvent(new Event('change'));
                         const s = document.getElementById('sequence-slider'); s.value = '\(step)';
                         s.dispatchEvent(new Event('input')); })()
                """)
        }
        // Forward step k: exactly the results of the later operations are dimmed, their data hidden.
        for step in [1, 3, forward.count] {
            try show(1, step: step)
            let unknown = Set(forward.dropFirst(step))
            let drawn = try boxes("data")
            #expect(drawn.count == snapshot.nodes.count)
            for (id, box) in drawn {
                #expect(box.dimmed == unknown.contains(id), "forward step \(step), value \(id)")
                #expect(box.hidden == (unknown.contains(id) ? 1 : 0) && box.shown + box.hidden == 1, "value \(id)")
            }
        }
        // Backward step k: exactly the values whose gradient is not yet complete, their grad hidden.
        for step in [1, 4, order.count] {
            try show(0, step: step)
            let unknown = Set(order.dropFirst(step))
            for (id, box) in try boxes("grad") {
                #expect(box.dimmed == unknown.contains(id), "backward step \(step), value \(id)")
                #expect(unknown.contains(id) ? box.shown == 0 : box.hidden == 0, "value \(id)")
                if snapshot.nodes[id].role != .constant { #expect(box.shown + box.hidden == 1, "value \(id)") }
            }
        }
        // Step 0 shows the whole graph.
        try show(0, step: 0)
        #expect(try boxes("grad").values.allSatisfy { !$0.dimmed && $0.hidden == 0 })
        // For a person to look at: the forward pass half way.
        try show(1, step: forward.count / 2)
        try page.screenshot().write(
            to: FileManager.default.temporaryDirectory.appendingPathComponent("micrograd-steps-unknown.png"))
        #expect(page.consoleErrors.isEmpty, "\(page.consoleErrors)")
    }

    @Test func aDiagnosedRunsPageShowsItsPlots() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "train", "moons", "--steps", "4", "--snapshot-every", "2", "--model", "2,4,1", "--html", "--diagnose",
            "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let file = directory.appendingPathComponent("moons-run.html")
        let html = try String(contentsOf: file, encoding: .utf8)
        let figures = Self.figures(in: html)
        // Every plot --diagnose writes is in the page, with the same texts (titles, axes, keys).
        let plots = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".svg") && !$0.contains("-example0-") && !$0.hasSuffix("-loss.svg")
                && !$0.hasSuffix("-boundary.svg")
        }.sorted()
        #expect(plots.count >= 7, "\(plots)")
        #expect(figures.count == plots.count + 1, "the decision boundary and each plot: \(figures.map(\.caption))")
        for plot in plots {
            let svg = try String(contentsOf: directory.appendingPathComponent(plot), encoding: .utf8)
            #expect(!Self.texts(in: svg).isEmpty, "\(plot) has texts to compare")
            #expect(
                figures.contains { Self.texts(in: $0.svg) == Self.texts(in: svg) }, "\(plot) is a figure of the page")
        }
        #expect(figures.contains { $0.caption == "Activations at step 0" })

        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let page = try browser.newPage()
        try page.open(file)
        #expect(try page.evaluate("document.querySelectorAll('figure.figure svg').length") as? Int == figures.count)
        #expect(page.consoleErrors.isEmpty, "\(page.consoleErrors)")
        #expect(page.requestedURLs == [file.absoluteString])
    }

    /// The page's figures: each caption and its picture.
    static func figures(in html: String) -> [(caption: String, svg: String)] {
        html.matches(of: /<figure class="figure"><figcaption>([^<]*)<\/figcaption>([\s\S]*?)<\/figure>/).map {
            (String($0.output.1), String($0.output.2))
        }
    }

    /// The texts of an SVG picture, in order.
    static func texts(in svg: String) -> [String] {
        svg.matches(of: /<text[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }
    }

    /// `#rrggbb` as the browser reports a computed colour.
    static func rgb(_ hex: String) -> String {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        return "rgb(\(value >> 16), \(value >> 8 & 0xff), \(value & 0xff))"
    }
}
