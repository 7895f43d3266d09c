import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// Graphviz's crashes, aborts, hangs and memory blow-ups stay in the render process and come back
/// as typed errors; the same DOT gives the same bytes (issue 9, items 2, 4, 5, 6, 7).
@Suite("Rendering in a separate process")
struct RendererIsolationTests {
    static let inProcess = RenderOptions(isolation: .sameProcess)
    static var trustedInProcess: RenderOptions {
        var options = RenderOptions.trusted
        options.isolation = .sameProcess
        return options
    }

    /// Three scoped values in two clusters with operand-labelled edges between them, in compact
    /// style with scope boxes: Graphviz 2.42 places a labelled edge between two nodes of one rank,
    /// reallocates that rank's node list, and gvFreeLayout later frees the old list a second time
    /// (heap corruption, then `malloc_consolidate(): invalid chunk size`).
    static func clusteredCompactDOT() -> String {
        let x = withScope("t") { Value(2.0, label: "x") }
        let y = withScope("s") { Value(-3.0, label: "y", role: .parameter) }
        let z = y - x
        z.label = "z"
        let out = withScope("s") { z - x }
        out.label = "out"
        out.backward()
        return out.snapshot().dot(options: DOTOptions(style: .compact, groupsScopes: true))
    }

    /// The same shape of graph without record shapes, which Graphviz draws without complaint.
    static let clusteredPlainDOT = """
        digraph {
          subgraph cluster_s { y; out; }
          subgraph cluster_t { x; }
          y -> z [label="a"];
          x -> z [label="b"];
          z -> out [label="a"];
          x -> out [label="b"];
        }
        """

    @Test func labelledFlatEdgesInClustersRenderAgainAndAgainInBothWays() throws {
        let first = try GraphRenderer.render(dot: Self.clusteredPlainDOT, format: .svg)
        #expect(SVGTexts(first).isWellFormed)
        // In this process the double free would corrupt the heap within a few renders (and
        // AddressSanitizer reports it at once, in `make sanitize`).
        for _ in 0..<100 {
            #expect(
                try GraphRenderer.render(dot: Self.clusteredPlainDOT, format: .svg, options: Self.inProcess) == first)
        }
        for _ in 0..<10 { #expect(try GraphRenderer.render(dot: Self.clusteredPlainDOT, format: .svg) == first) }
    }

    /// For a labelled edge between two records of one rank inside clusters, Graphviz 2.42 "loses"
    /// the edge and counts an error (which the renderer reports). Our compact style with scope
    /// boxes wrote such edges; it now puts operand names at the edge's end (`headlabel`), so the
    /// graph that failed draws, the same every time, in a separate process and in this one.
    @Test func ourCompactScopedGraphDrawsEveryTime() throws {
        let dot = Self.clusteredCompactDOT()
        #expect(dot.contains("subgraph \"cluster_s\"") && dot.contains("subgraph \"cluster_t\""))
        #expect(dot.contains("headlabel=\"a\"") && !dot.contains("[label=\"a\"]"))
        let first = try GraphRenderer.render(dot: dot, format: .svg, options: .trusted)
        #expect(SVGTexts(first).isWellFormed)
        for index in 0..<30 {
            let options = index % 6 == 0 ? RenderOptions() : Self.inProcess
            #expect(try GraphRenderer.render(dot: dot, format: .svg, options: options) == first)
        }
    }

    @Test func theSameGraphGivesTheSameBytesInAnyOrderAndEitherWay() throws {
        let tensor = TensorGraphs.classifier()
        let before = tensor.snapshot().dot(options: DOTOptions(rankDirection: .topToBottom))
        tensor.backward()
        let after = tensor.snapshot().dot(options: DOTOptions(rankDirection: .topToBottom))
        let mlp = SampleGraphs.mlp()
        mlp.backward()
        let scoped = mlp.snapshot().dot()
        var results: [String: Set<Data>] = [:]
        for (name, dot) in [("before", before), ("after", after), ("mlp", scoped), ("after", after)] {
            for options in [RenderOptions.trusted, Self.trustedInProcess] {
                results[name, default: []].insert(try GraphRenderer.render(dot: dot, format: .svg, options: options))
            }
        }
        for (name, dot) in [("mlp", scoped), ("after", after), ("before", before)] {
            results[name, default: []].insert(try GraphRenderer.render(dot: dot, format: .svg, options: .trusted))
        }
        for (name, renders) in results { #expect(renders.count == 1, "\(name): \(renders.count) different SVGs") }
    }

    @Test func junkAfterTheGraphAndASecondGraphAreRefused() throws {
        for dot in ["digraph { a -> b } junk", "digraph { a } digraph { b }", "graph { a } ;", "digraph { a } }"] {
            for options in [RenderOptions(), Self.inProcess] {
                #expect(throws: RenderError.self, "\(dot)") {
                    try GraphRenderer.render(dot: dot, format: .svg, options: options)
                }
            }
        }
        do {
            _ = try GraphRenderer.render(dot: "digraph { a } digraph { b }", format: .svg)
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.message.contains("more than one graph"), "\(error.message)")
        }
        // Comments and spaces after the graph are fine, and so is a graph after an error.
        let svg = try GraphRenderer.render(dot: "digraph { a }\n// done\n/* end */\n# last\n", format: .svg)
        #expect(SVGTexts(svg).isWellFormed)
        #expect(throws: Never.self) {
            _ = try GraphRenderer.render(dot: "digraph { b }", format: .svg, options: Self.inProcess)
        }
        #expect(throws: RenderError.self) { try GraphRenderer.render(dot: "", format: .svg) }
    }

    /// A PDF with a large size and dpi makes cairo fail an assertion and abort (`dot` dies with
    /// SIGABRT): an error here, and the next render works.
    @Test func aCairoAssertionIsAnError() throws {
        let dot = #"digraph { graph [size="1000,1000!", dpi=30000]; a [shape=box, label="x1"]; a -> b [label="b"]; }"#
        do {
            _ = try GraphRenderer.render(dot: dot, format: .pdf, options: .trusted)
            Issue.record("the PDF must fail")
        } catch {
            #expect([.crashed, .render].contains(error.kind), "\(error)")
        }
        #expect(throws: Never.self) { _ = try GraphRenderer.render(dot: "digraph { a -> b }", format: .pdf) }
    }

    /// cairo running out of memory for a PDF writes "cairo: out of memory" and Graphviz hands over
    /// a blank page: an error, not an image.
    @Test func cairoOutOfMemoryIsAnError() throws {
        let dot = #"digraph { graph [size="1000,1000!", dpi=2000]; a -> b }"#
        do {
            _ = try GraphRenderer.render(dot: dot, format: .pdf, options: .trusted)
            Issue.record("the PDF must fail")
        } catch {
            #expect(error.kind == .render, "\(error)")
            #expect(error.message.contains("cairo"), "\(error.message)")
        }
    }

    /// A complete graph runs for minutes in `dot`: the time limit stops it.
    @Test func theTimeLimitStopsAHangingLayout() throws {
        let complete = "graph { " + (0..<40).flatMap { i in (i + 1..<40).map { "n\(i) -- n\($0);" } }.joined() + " }"
        var options = RenderOptions.trusted
        options.timeLimit = .milliseconds(300)
        let start = ContinuousClock.now
        do {
            _ = try GraphRenderer.render(dot: complete, format: .svg, options: options)
            Issue.record("K40 must not finish within 300 ms")
        } catch {
            #expect(error.kind == .timedOut, "\(error)")
            #expect(error.message.contains("300 ms"), "\(error.message)")
        }
        // Stopped soon after the limit, not when Graphviz finishes (minutes); generous for a busy machine.
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(throws: Never.self) { _ = try GraphRenderer.render(dot: "graph { a -- b }", format: .svg) }
    }

    @Test(.enabled(if: !runsUnderSanitizer, "the memory limit is not set under sanitizers"))
    func theMemoryLimitStopsABlowUp() throws {
        // A bitmap of 20,000 × 20,000 pixels needs 1.6 GB.
        let dot = #"digraph { graph [size="200,200!", dpi=100]; a -> b }"#
        var options = RenderOptions.trusted
        options.memoryLimit = 200 << 20
        options.timeLimit = .seconds(120)
        do {
            let png = try GraphRenderer.render(dot: dot, format: .png, options: options)
            Issue.record("a 1.6 GB bitmap must not fit in 200 MiB (got \(png.count) bytes)")
        } catch {
            #expect([.outOfMemory, .render].contains(error.kind), "\(error)")
        }
    }

    @Test func eightThreadsRenderingInBothWaysAtOnce() async throws {
        let dots = (0..<16).map { i in
            let x = Value(Double(i), label: "x\(i)")
            return (x * x + 1).tanh().snapshot().dot()
        }
        let results = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for (i, dot) in dots.enumerated() {
                let options = i % 4 < 2 ? RenderOptions() : Self.inProcess
                group.addTask {
                    (i, try GraphRenderer.render(dot: dot, format: i % 2 == 0 ? .svg : .png, options: options))
                }
            }
            return try await group.reduce(into: [Int: Data]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 16)
        for (i, data) in results {
            if i % 2 == 0 {
                #expect(SVGTexts(data).textsByGroup["n0"]?.first == "x\(i)")
            } else {
                #expect(data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
            }
        }
    }

    @Test func bothWaysGiveTheSameImage() throws {
        let root = SampleGraphs.neuron()
        root.backward()
        let dot = root.snapshot().dot()
        for format in RenderFormat.allCases {
            #expect(
                try GraphRenderer.render(dot: dot, format: format)
                    == GraphRenderer.render(dot: dot, format: format, options: Self.inProcess))
        }
    }
}
