import Foundation
import Micrograd
import MicrogradTestSupport
import MicrogradViz
import Testing

/// `--format html` and `train --html`: the pages the command writes, checked as files and in
/// headless Chromium (which fails with a message saying how to install it when it is missing).
@Suite("Viewer pages from the command line", .serialized)
struct ViewerCLITests {
    /// The page's data, decoded, each graph's parts merged into it.
    func data(of html: String) throws -> [String: Any] {
        try ViewerPageData.decode(html)
    }

    @Test func theMLPSamplesPagesAreSmallSelfContainedAndHoldItsJSON() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["snapshot", "mlp", "--format", "html,json", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("wrote \(directory.path)/mlp-after.html"))
        for stage in ["before", "after"] {
            let page = try Data(contentsOf: directory.appendingPathComponent("mlp-\(stage).html"))
            #expect(page.count < 300 * 1024, "mlp-\(stage).html is \(page.count / 1024) KB")
            let html = String(decoding: page, as: UTF8.self)
            #expect(!html.contains("http:") && !html.contains("https:"))
            // The page holds every number `--format json` writes, to the last digit.
            let file = try GraphFile(contentsOf: directory.appendingPathComponent("mlp-\(stage).json"))
            let graph = try #require(
                (try data(of: html)["graphs"] as? [[String: Any]])?.first?["graph"] as? [String: Any])
            let text = try #require(ViewerPageData.text(of: "viewer-graph-0", in: html))
            struct Part: Decodable {
                struct Columns: Decodable {
                    let data: [Double]
                    let grad: [Double]
                }
                let graph: Columns
            }
            let columns = try JSONDecoder().decode(Part.self, from: Data(text.utf8)).graph
            #expect(columns.data == file.nodes.map(\.data) && columns.grad == file.nodes.map(\.grad))
            #expect((graph["label"] as? [Any])?.map { $0 as? String } == file.nodes.map(\.label))
        }
    }

    @Test func exprWritesAPageAndUnknownFormatsAreSuggested() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "expr", "tanh(x*w + b)", "--set", "x=2,w=-3,b=6.88", "--format", "html", "--stage", "after", "--out",
            directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOf: directory.appendingPathComponent("expr-after.html"), encoding: .utf8)
        let graphs = try #require(try data(of: html)["graphs"] as? [[String: Any]])
        #expect(graphs.count == 1)
        #expect((graphs[0]["views"] as? [[String: Any]])?.map { $0["id"] as? String } == ["every-value"])
        let typo = try micrograd(["snapshot", "neuron", "--format", "htm", "--out", directory.path])
        #expect(typo.status == 64)
        #expect(typo.standardError.contains("did you mean 'html'"), "\(typo.standardError)")
    }

    @Test func theMLPSamplesPageWorksInABrowser() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "snapshot", "mlp", "--format", "html,json", "--stage", "after", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let graph = try GraphFile(contentsOf: directory.appendingPathComponent("mlp-after.json"))
        let loss = try #require(graph.node("loss"))
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let page = try browser.newPage()
        let file = directory.appendingPathComponent("mlp-after.html")
        let seconds = try page.open(file)
        let readyAt = try page.evaluate("microgradViewer.readyAt") as? Double ?? -1
        print(
            "the mlp sample's page: interactive \(Int(readyAt)) ms after navigation started (\(Int(seconds * 1000)) ms)"
        )
        let point =
            try page.evaluate(
                "(() => { const r = document.getElementById('n\(loss.id)').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()"
            ) as? [Double]
        let center = try #require(point)
        try page.click(x: center[0], y: center[1])
        try page.waitUntil("document.getElementById('panel-title')?.textContent === 'loss'")
        let data = try page.evaluate("document.querySelector('#panel [data-field=data]').textContent") as? String
        let grad = try page.evaluate("document.querySelector('#panel [data-field=grad]').textContent") as? String
        #expect(data.flatMap(Double.init) == loss.data)
        #expect(grad.flatMap(Double.init) == loss.grad)
        #expect(page.consoleErrors.isEmpty, "\(page.consoleErrors)")
        #expect(page.requestedURLs == [file.absoluteString])
    }

    @Test func trainWritesOnePageForTheRun() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "train", "moons", "--steps", "6", "--snapshot-every", "3", "--model", "2,4,1", "--html", "--out",
            directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let file = directory.appendingPathComponent("moons-run.html")
        let html = try String(contentsOf: file, encoding: .utf8)
        let page = try data(of: html)
        let graphs = try #require(page["graphs"] as? [[String: Any]])
        #expect(graphs.map { $0["step"] as? Int } == [0, 3, 6])
        #expect(page["initialGraph"] as? Int == 2)
        let series = try #require((page["charts"] as? [[String: Any]])?.first?["series"] as? [[String: Any]])
        #expect(series.map { $0["name"] as? String } == ["loss", "accuracy"])
        #expect((series[0]["values"] as? [Any])?.count == 7, "a loss per step and after the last")
        #expect(html.contains("<figcaption>Decision boundary after training</figcaption>"))
        #expect(!html.contains("http:") && !html.contains("https:"))

        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let tab = try browser.newPage()
        try tab.open(file)
        #expect(
            try tab.evaluate("document.getElementById('graph-label').textContent") as? String
                == "step 6: example 0's loss")
        // The step slider shows another snapshot, and the chart's marker follows it.
        let before = try tab.evaluate("document.querySelector('.chart .marker').getAttribute('x1')") as? String
        try tab.evaluate(
            "(() => { const s = document.getElementById('graph-slider'); s.value = '0'; s.dispatchEvent(new Event('input')); })()"
        )
        #expect(
            try tab.evaluate("document.getElementById('graph-label').textContent") as? String
                == "step 0: example 0's loss")
        let after = try tab.evaluate("document.querySelector('.chart .marker').getAttribute('x1')") as? String
        #expect(before != after)
        #expect(try tab.evaluate("document.querySelectorAll('#canvas svg').length") as? Int == 1)
        #expect(tab.consoleErrors.isEmpty, "\(tab.consoleErrors)")
        #expect(tab.requestedURLs == [file.absoluteString])
    }

    @Test func eachGraphOfARunPageHasTheGradientLayers() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A learning rate this high makes gradient problems to find.
        let run = [
            "train", "moons", "--steps", "4", "--snapshot-every", "2", "--model", "2,4,1", "--lr", "50", "--html",
            "--format", "json", "--out", directory.path,
        ]
        let file = directory.appendingPathComponent("moons-run.html")
        var findingsSeen = 0
        for coloring in ["role", "grad"] {
            let result = try micrograd(run + ["--color", coloring])
            #expect(result.status == 0, "\(result.standardError)")
            let graphs = try #require(
                try data(of: String(contentsOf: file, encoding: .utf8))["graphs"] as? [[String: Any]])
            #expect(graphs.map { $0["step"] as? Int } == [0, 2, 4])
            for graph in graphs {
                let step = try #require(graph["step"] as? Int)
                // The graph the run recorded at this step, as --format json wrote it.
                let snapshot = try GraphSnapshot(
                    json: String(
                        contentsOf: directory.appendingPathComponent("moons-example0-step\(step).json"), encoding: .utf8
                    ))
                let layers = try #require(graph["layers"] as? [[String: Any]])
                let colors = try #require(layers.first { $0["id"] as? String == "gradient-colors" })
                let findings = try #require(layers.first { $0["id"] as? String == "gradient-findings" })
                // On when the page opens with --color grad, a click away otherwise.
                #expect(
                    colors["on"] as? Bool == (coloring == "grad") && findings["on"] as? Bool == (coloring == "grad"))
                // Every value coloured as the gradient view colours it at this step.
                let expected = GradientColoring().overlay(for: snapshot)
                let marks = try #require(colors["nodes"] as? [String: [String: Any]])
                #expect(marks.count == snapshot.nodes.count, "step \(step)")
                for (id, mark) in expected.nodes where !mark.dashed {
                    #expect(marks[String(id)]?["fill"] as? String == mark.fill, "step \(step), value \(id)")
                }
                // The findings mark exactly the values the analysis of this step's graph names.
                let flow = GradientFlow(snapshot)
                let tagged = (findings["nodes"] as? [String: [String: Any]]) ?? [:]
                #expect(Set(tagged.keys.compactMap { Int($0) }) == Set(flow.findings.flatMap(\.nodes)), "step \(step)")
                findingsSeen += flow.findings.count
            }
        }
        #expect(findingsSeen > 0, "the test needs a run with gradient problems")

        // In the browser, with --color grad: the last step's findings are drawn as tags.
        let last = try #require(
            try data(of: String(contentsOf: file, encoding: .utf8))["graphs"] as? [[String: Any]]
        ).last
        let lastFindings = (last?["layers"] as? [[String: Any]])?.first { $0["id"] as? String == "gradient-findings" }
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let tab = try browser.newPage()
        try tab.open(file)
        let tags = try tab.evaluate("document.querySelectorAll('.layer-tag').length") as? Int
        #expect(tags == (lastFindings?["nodes"] as? [String: Any])?.count)
        #expect(tab.consoleErrors.isEmpty, "\(tab.consoleErrors)")
    }

    @Test func linearRegressionWritesARunPageByEpoch() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "train", "linear-regression", "--steps", "20", "--snapshot-every", "10", "--html", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(
            contentsOf: directory.appendingPathComponent("linear-regression-run.html"), encoding: .utf8)
        let page = try data(of: html)
        #expect(
            (page["graphs"] as? [[String: Any]])?.map { $0["title"] as? String } == [
                "epoch 0: the loss", "epoch 10: the loss", "epoch 20: the loss",
            ])
        #expect((page["charts"] as? [[String: Any]])?.first?["stepName"] as? String == "epoch")
    }
}
