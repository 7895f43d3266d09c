import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// The viewer in a real browser (headless Chromium over the DevTools protocol): no errors,
/// no requests, exact numbers in the panel, search, highlights, steps, layers, views, keys
/// and both themes. If Chromium is missing or does not start, these tests fail and say how
/// to install it.
@Suite("Viewer in Chromium", .serialized)
struct ViewerBrowserTests {
    /// Where the tests leave their screenshots, for a person to look at.
    static let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent(
        "micrograd-viewer-screenshots")

    /// Opens `html` in a new headless browser and runs `body` with the page and the file's URL.
    func withPage(
        _ html: String, address: String = "", width: Int = 1400, height: Int = 900,
        _ body: (BrowserPage, URL) throws -> Void
    ) throws {
        let file = try ViewerFixtures.write(html)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let page = try browser.newPage(width: width, height: height)
        let url = URL(string: file.absoluteString + address)!
        try page.open(url)
        try body(page, file)
        #expect(page.consoleErrors.isEmpty, "the page reported: \(page.consoleErrors)")
    }

    /// The centre of an element of the page, in viewport pixels.
    func center(of selector: String, in page: BrowserPage) throws -> (x: Double, y: Double) {
        let point =
            try page.evaluate(
                """
                (() => { const e = document.querySelector(\(Self.quoted(selector)));
                         if (!(e instanceof SVGElement)) e.scrollIntoView({ block: 'center' });
                         const r = e.getBoundingClientRect();
                         return [r.left + r.width / 2, r.top + r.height / 2]; })()
                """) as? [Double]
        let found = try #require(point, "no element matches \(selector)")
        return (found[0], found[1])
    }

    /// Clicks the middle of the element `selector` with the mouse.
    func click(_ selector: String, in page: BrowserPage) throws {
        let point = try center(of: selector, in: page)
        try page.click(x: point.x, y: point.y)
    }

    /// The ids of the value boxes (`n<k>`) carrying a class, as numbers.
    func markedValues(_ className: String, in page: BrowserPage) throws -> Set<Int> {
        let ids =
            try page.evaluate("[...document.querySelectorAll('#canvas g.node.\(className)')].map(e => e.id)")
            as? [String]
            ?? []
        return Set(ids.compactMap { id in id.wholeMatch(of: /n([0-9]+)/).map { Int($0.1)! } })
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    // MARK: - Tests

    @Test func opensWithoutErrorsAndRequestsNothingButItself() throws {
        let html = try ViewerFixtures.page(ViewerFixtures.mlp())
        try withPage(html) { page, file in
            // Use everything once: each view, each layer, the steps, search and a selection.
            try page.evaluate(
                """
                (() => {
                  const views = document.getElementById('view-select');
                  for (const option of views.options) { views.value = option.value; views.dispatchEvent(new Event('change')); }
                  for (const box of document.querySelectorAll('[data-layer]')) box.click();
                  const slider = document.getElementById('sequence-slider');
                  slider.value = slider.max; slider.dispatchEvent(new Event('input'));
                  microgradViewer.runSearch('w');
                  document.querySelector('#search-results button').click();
                  document.getElementById('highlight-descendants').click();
                  document.getElementById('theme-toggle').click();
                  document.getElementById('help-toggle').click();
                })()
                """)
            try page.waitUntil("document.querySelectorAll('.layer-edge-label').length > 0")
            #expect(page.requestedURLs == [file.absoluteString], "\(page.requestedURLs)")
        }
    }

    @Test func clickingAValueShowsItsExactDataAndGradient() throws {
        let snapshot = ViewerFixtures.neuron()
        try withPage(try ViewerFixtures.page(snapshot)) { page, _ in
            for id in [snapshot.rootID, 7, 0] {
                try click("#n\(id)", in: page)
                try page.waitUntil(
                    "document.getElementById('panel-title')?.textContent === '\(snapshot.nodes[id].label!)'")
                let data =
                    try page.evaluate("document.querySelector('#panel [data-field=data]').textContent") as? String
                let grad =
                    try page.evaluate("document.querySelector('#panel [data-field=grad]').textContent") as? String
                // Every digit: the text reads back as the same Double.
                #expect(data.flatMap(Double.init) == snapshot.nodes[id].data[0], "\(data ?? "")")
                #expect(grad.flatMap(Double.init) == snapshot.nodes[id].grad[0], "\(grad ?? "")")
            }
            #expect(try markedValues("hl-selected", in: page) == [0])
        }
    }

    @Test func clickingATensorShowsEveryElementExactly() throws {
        let snapshot = ViewerFixtures.tensorClassifier()
        let weight = try #require(snapshot.nodes.first { $0.label == "weight" && $0.data.count == 16 })
        try withPage(try ViewerFixtures.page(snapshot)) { page, _ in
            try click("#n\(weight.id)", in: page)
            try page.waitUntil("document.querySelectorAll('#panel [data-field=data] td').length === 16")
            // Four decimals at first; the button shows every digit.
            let first =
                try page.evaluate("document.querySelector('#panel [data-field=data] td').textContent") as? String
            #expect(first == NumberFormat().format(weight.data[0]))
            try click("#panel [data-field=data] .digits-toggle", in: page)
            for field in ["data", "grad"] {
                let cells =
                    try page.evaluate(
                        "[...document.querySelectorAll('#panel [data-field=\(field)] td')].map(c => c.textContent)")
                    as? [String] ?? []
                #expect(cells.map { Double($0) } == (field == "data" ? weight.data : weight.grad).map { $0 })
            }
        }
    }

    @Test func searchFindsValuesAndScopes() throws {
        let snapshot = ViewerFixtures.mlp()
        let target = try #require(snapshot.nodes.last { $0.label == "b" })
        try withPage(try ViewerFixtures.page(snapshot)) { page, _ in
            try click("#search", in: page)
            try page.type(target.scopePath)
            let results =
                try page.evaluate(
                    "[...document.querySelectorAll('#search-results button')].map(b => b.dataset.scope ?? ('#' + b.dataset.node))"
                )
                as? [String] ?? []
            #expect(results.first == target.scopePath, "a scope is listed first: \(results)")
            #expect(results.contains("#\(target.id)"))
            try page.press("Enter")
            try page.waitUntil(
                "document.getElementById('panel-title')?.textContent === \(Self.quoted(target.scopePath))")
            #expect(try markedValues("hl-member", in: page).contains(target.id))
            // By label, with the keyboard: the down arrow into the list, Enter on a match.
            try click("#search", in: page)
            try page.evaluate("document.getElementById('search').select()")
            try page.type("score")
            try page.press("ArrowDown")
            try page.press("Enter")
            try page.waitUntil("document.getElementById('panel-title')?.textContent === 'score'")
            #expect(try markedValues("hl-selected", in: page) == [snapshot.rootID])
        }
    }

    @Test func ancestorsAndDescendantsMarkExactlyTheirValues() throws {
        let snapshot = ViewerFixtures.mlp()
        let middle = try #require(snapshot.nodes.first { $0.op == .relu })
        try withPage(try ViewerFixtures.page(snapshot)) { page, _ in
            try page.evaluate("microgradViewer.select({ value: \(middle.id) })")
            try click("#highlight-ancestors", in: page)
            try page.waitUntil("document.querySelectorAll('#canvas g.node.hl-ancestor').length > 0")
            #expect(try markedValues("hl-ancestor", in: page) == ViewerFixtures.ancestors(of: middle.id, in: snapshot))
            #expect(try markedValues("hl-descendant", in: page).isEmpty)
            try click("#highlight-descendants", in: page)
            try page.waitUntil("document.querySelectorAll('#canvas g.node.hl-ancestor').length === 0")
            #expect(
                try markedValues("hl-descendant", in: page) == ViewerFixtures.descendants(of: middle.id, in: snapshot))
            // The keyboard shortcut toggles it off.
            try page.press("d")
            #expect(try markedValues("hl-descendant", in: page).isEmpty)
        }
    }

    @Test func theBackwardSliderMarksEachStepsValue() throws {
        let snapshot = ViewerFixtures.neuron()
        let last = snapshot.nodes.count - 1
        try withPage(try ViewerFixtures.page(snapshot)) { page, _ in
            for step in 1...3 {
                try click("#sequence-next", in: page)
                // Step k of the backward pass is the value k − 1 places from the output.
                #expect(try markedValues("sequence-current", in: page) == [last - (step - 1)])
                let done = step == 1 ? [] : Set((last - step + 2)...last)
                #expect(try markedValues("sequence-done", in: page) == done)
            }
            try page.evaluate(
                "(() => { const s = document.getElementById('sequence-slider'); s.value = '7'; s.dispatchEvent(new Event('input')); })()"
            )
            #expect(try markedValues("sequence-current", in: page) == [last - 6])
            let caption = try page.evaluate("document.getElementById('sequence-caption').textContent") as? String
            #expect(caption?.hasPrefix("Step 7 of \(snapshot.nodes.count): ") == true)
        }
    }

    @Test func theBackwardSliderFollowsTheEnginesOwnOrder() throws {
        let output = SampleGraphs.neuron()
        output.backward()
        let snapshot = output.snapshot()
        let order = output.backwardOrder()
        // The scalar engine takes b after x1*w1 + x2*w2's inputs: not the reverse topological order.
        #expect(order != Array(snapshot.nodes.indices.reversed()), "the test needs an order that differs")
        let graph = try ViewerGraph.rendered(snapshot, title: "neuron", backwardOrder: order)
        try withPage(ViewerPage(title: "neuron", graphs: [graph]).html()) { page, _ in
            for step in 1...order.count {
                try page.evaluate(
                    "(() => { const s = document.getElementById('sequence-slider'); s.value = '\(step)'; s.dispatchEvent(new Event('input')); })()"
                )
                #expect(try markedValues("sequence-current", in: page) == [order[step - 1]], "step \(step)")
                #expect(try markedValues("sequence-done", in: page) == Set(order.prefix(step - 1)), "step \(step)")
                // The gradients backward() has not completed yet are dimmed and hidden.
                #expect(try markedValues("sequence-unknown", in: page) == Set(order.dropFirst(step)), "step \(step)")
                let hidden =
                    try page.evaluate(
                        "[...document.querySelectorAll('#canvas text.sequence-hidden')].map(t => t.textContent.split(' ')[0])"
                    ) as? [String]
                #expect(hidden?.count == order.count - step && hidden?.allSatisfy { $0 == "grad" } == true)
            }
            let caption = try page.evaluate("document.getElementById('sequence-caption').textContent") as? String
            let name = snapshot.nodes[order.last!].label!
            #expect(caption?.hasPrefix("Step \(order.count) of \(order.count): \(name):") == true, "\(caption ?? "")")
        }
    }

    @Test func layersViewsAndScopeBoxesWork() throws {
        let snapshot = ViewerFixtures.mlp()
        let graph = try ViewerGraph.rendered(snapshot, title: "mlp")
        try withPage(ViewerPage(title: "mlp", graphs: [graph]).html()) { page, _ in
            try click("[data-layer='edge-derivatives']", in: page)
            let labels =
                try page.evaluate(
                    "[...document.querySelectorAll('.layer-edge-label')].map(t => t.firstChild.textContent)")
                as? [String]
            #expect(labels?.count == snapshot.edgeDerivatives().edges.count)
            // The layers' labels are the layer's marks.
            let layer = graph.layers[0]
            #expect(labels?.sorted() == layer.overlay.edges.values.compactMap(\.label).sorted())
            // The coarsest view: one box for the whole mlp scope; clicking it opens the scope.
            try page.evaluate(
                "(() => { const v = document.getElementById('view-select'); v.value = '0'; v.dispatchEvent(new Event('change')); })()"
            )
            let box = try #require(graph.views[0].collapsedScopes.first)
            try click("#n\(box.key)", in: page)
            try page.waitUntil("document.getElementById('panel-title')?.textContent === 'mlp'")
            let members =
                try page.evaluate("document.querySelector('#panel [data-field=members]').textContent") as? String
            #expect(members == String(box.value.members.count))
            // Edges into a merged scope carry several values: the layer labels none of them.
            #expect(try page.evaluate("document.querySelectorAll('.layer-edge-label').length") as? Int == 0)
            try click("#open-scope", in: page)
            #expect(try page.evaluate("document.getElementById('view-select').value") as? String == "1")
        }
    }

    @Test func theKeyboardReachesEveryControlAndValue() throws {
        let snapshot = ViewerFixtures.neuron()
        try withPage(try ViewerFixtures.page(snapshot)) { page, _ in
            try page.evaluate("document.getElementById('diagram').focus()")
            try page.press("Tab")
            let focused = try page.evaluate("document.activeElement.id") as? String
            #expect(focused?.wholeMatch(of: /n[0-9]+/) != nil, "\(focused ?? "nothing")")
            #expect(try page.evaluate("document.activeElement.matches(':focus-visible')") as? Bool == true)
            try page.press("Enter")
            let id = Int(focused?.dropFirst() ?? "") ?? -1
            let title = try page.evaluate("document.getElementById('panel-title')?.textContent") as? String
            #expect(title == snapshot.nodes[id].label)
            // Zoom and fit keys on the diagram.
            try page.evaluate("document.getElementById('diagram').focus()")
            let before = try page.evaluate("document.getElementById('canvas').style.transform") as? String
            try page.press("+")
            let after = try page.evaluate("document.getElementById('canvas').style.transform") as? String
            #expect(before != after)
            try page.press("Escape")
            #expect(try page.evaluate("document.getElementById('panel-title')") is NSNull)
            // Every button and input has a name a screen reader can say.
            let unnamed =
                try page.evaluate(
                    """
                    [...document.querySelectorAll('button, input, select')].filter(e =>
                      !(e.getAttribute('aria-label') || e.textContent.trim() || (e.id && document.querySelector('label[for="' + e.id + '"]')) || e.closest('label'))
                    ).map(e => e.outerHTML)
                    """) as? [String]
            #expect(unnamed == [])
        }
    }

    @Test func lightAndDarkFollowTheSystemAndTheSwitch() throws {
        let snapshot = ViewerFixtures.mlp()
        let input = try #require(snapshot.nodes.first { $0.role == .input })
        let parameter = try #require(snapshot.nodes.first { $0.role == .parameter })
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try withPage(try ViewerFixtures.page(snapshot), address: "#value=\(parameter.id)&highlight=descendants") {
            page, _ in
            let fill = "getComputedStyle(document.querySelector('#n\(input.id) > polygon')).fill"
            let background = "getComputedStyle(document.body).backgroundColor"
            try page.emulateColorScheme("light")
            #expect(try page.evaluate(fill) as? String == "rgb(219, 234, 254)")  // #dbeafe
            #expect(try page.evaluate(background) as? String == "rgb(255, 255, 255)")
            #expect(
                try page.evaluate("document.getElementById('theme-toggle').getAttribute('aria-pressed')") as? String
                    == "false")
            try page.screenshot().write(to: Self.screenshots.appendingPathComponent("viewer-light.png"))
            try page.emulateColorScheme("dark")
            try page.waitUntil("document.getElementById('theme-toggle').getAttribute('aria-pressed') === 'true'")
            #expect(try page.evaluate(fill) as? String == "rgb(30, 58, 138)")  // #1e3a8a, the dark theme's input fill
            #expect(try page.evaluate(background) as? String == "rgb(11, 17, 32)")
            #expect(
                try page.evaluate("document.getElementById('theme-toggle').getAttribute('aria-pressed')") as? String
                    == "true")
            try page.screenshot().write(to: Self.screenshots.appendingPathComponent("viewer-dark.png"))
            // The switch overrides the system setting.
            try click("#theme-toggle", in: page)
            #expect(try page.evaluate(fill) as? String == "rgb(219, 234, 254)")
            #expect(try page.evaluate("document.documentElement.dataset.theme") as? String == "light")
            print("viewer screenshots: \(Self.screenshots.path)")
        }
    }

    @Test func anAddressOpensAValueAViewAndALayer() throws {
        let snapshot = ViewerFixtures.mlp()
        let parameter = try #require(snapshot.nodes.first { $0.role == .parameter })
        let address = "#view=depth-2&value=\(parameter.id)&layers=edge-derivatives"
        try withPage(try ViewerFixtures.page(snapshot), address: address) { page, _ in
            let view = try page.evaluate("document.getElementById('view-select').selectedOptions[0].textContent")
            let title = try page.evaluate("document.getElementById('panel-title').textContent")
            let layer = try page.evaluate("document.querySelector('[data-layer=edge-derivatives]').checked")
            #expect(view as? String == "Scopes at depth 2 as boxes (layer0, layer1)")
            #expect(title as? String == parameter.label)
            #expect(layer as? Bool == true)
        }
    }

    @Test func aTenThousandValueGraphOpensAndAnswers() throws {
        let snapshot = ViewerFixtures.bigMLP()
        #expect(snapshot.nodes.count >= 10_000)
        let html = try ViewerFixtures.page(snapshot)
        let graph = try ViewerGraph.rendered(snapshot, title: "big")
        #expect(!graph.views.contains { $0.id == "every-value" })
        try withPage(html) { page, _ in
            let readyAt = try page.evaluate("microgradViewer.readyAt") as? Double ?? -1
            let loaded =
                try page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd") as? Double
                ?? -1
            print(
                "a \(snapshot.nodes.count)-value graph: \(html.utf8.count / 1024) KB, interactive \(Int(readyAt)) ms "
                    + "and wholly read \(Int(loaded)) ms after navigation started")
            // A value deep inside a merged scope: the panel has it, and its box is marked.
            let id = 5_000
            try page.evaluate("microgradViewer.select({ value: \(id) })")
            let data = try page.evaluate("document.querySelector('#panel [data-field=data]').textContent") as? String
            #expect(data.flatMap(Double.init) == snapshot.nodes[id].data[0])
            let view = graph.views[graph.initialView]
            let box = try #require(view.drawnNodeOfValue?[id])
            #expect(try markedValues("hl-selected", in: page) == [box])
        }
    }
}
