import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

@Suite("Rendering through libgvc")
struct RendererTests {
    static let neuronDOT: String = {
        let root = SampleGraphs.neuron()
        root.backward()
        return root.snapshot().dot()
    }()

    @Test func svgIsWellFormedAndShowsTheNumbers() throws {
        let svg = try GraphRenderer.render(dot: Self.neuronDOT, format: .svg)
        let texts = SVGTexts(svg)
        #expect(texts.isWellFormed)
        #expect(texts.textsByGroup["n9"] == ["o", "data 0.7071", "grad 1.0000"])
        #expect(texts.textsByGroup["n0"] == ["x1", "data 2.0000", "grad -1.5000"])
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("<svg"))
        #expect(text.contains("xlink:title=\"b (parameter)&#10;data = 6.881373587019543"))
    }

    @Test func pngAndPDFHaveTheirSignatures() throws {
        let png = try GraphRenderer.render(dot: Self.neuronDOT, format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try GraphRenderer.render(dot: Self.neuronDOT, format: .pdf)
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
    }

    @Test func badDOTThrowsGraphvizsMessageAndTheNextRenderWorks() throws {
        do {
            _ = try GraphRenderer.render(dot: "digraph { a -> ", format: .svg)
            Issue.record("a truncated graph must not render")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.message.contains("syntax error"), "\(error.message)")
        }
        do {
            _ = try GraphRenderer.render(dot: "digraph { a [shape=record, label=\"x{y\"]; }", format: .svg)
            Issue.record("a bad record label must not render")
        } catch {
            #expect(error.kind == .invalidGraph)
            #expect(error.message.contains("bad label format"), "\(error.message)")
        }
        do {
            _ = try GraphRenderer.render(dot: "digraph { a -> b }", format: .svg, layout: "no-such-layout")
            Issue.record("an unknown layout must not render")
        } catch {
            #expect(error.kind == .unknownLayout)
            #expect(error.message.contains("dot"))
        }
        let svg = try GraphRenderer.render(dot: Self.neuronDOT, format: .svg)
        #expect(SVGTexts(svg).isWellFormed)
    }

    @Test func eightThreadsRenderingAtOnce() async throws {
        let dots = (0..<8).map { i in
            let x = Value(Double(i), label: "x\(i)")
            return (x * x + 1).tanh().snapshot().dot()
        }
        let results = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for (i, dot) in dots.enumerated() {
                group.addTask { (i, try GraphRenderer.render(dot: dot, format: i % 2 == 0 ? .svg : .png)) }
            }
            return try await group.reduce(into: [Int: Data]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 8)
        for (i, data) in results {
            if i % 2 == 0 {
                #expect(SVGTexts(data).textsByGroup["n0"]?.first == "x\(i)")
            } else {
                #expect(data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
            }
        }
    }

    /// One shared context, and everything freed after each render in this process; nothing
    /// kept from renders in separate processes: memory stays flat either way. Measured in a
    /// child process running only ``RenderMemoryProbe``, because the other tests running in
    /// parallel here move this process's memory by megabytes.
    @Test(.enabled(if: !runsUnderSanitizer, "sanitizers keep freed memory, so it grows anyway"))
    func memoryStaysFlatOverManyRenders() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = ["--testing-library", "swift-testing", "--filter", "RenderMemoryProbe"]
        child.environment = ProcessInfo.processInfo.environment.merging(["MICROGRAD_MEMORY_PROBE": "1"]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = output
        try child.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        #expect(child.terminationStatus == 0, "the isolated memory probe failed:\n\(text)")
        #expect(text.contains("in this process"), "the probe ran:\n\(text)")
        #expect(text.contains("in separate processes"), "the probe ran:\n\(text)")
    }

    @Test func pluginsAreReported() throws {
        let plugins = try GraphRenderer.availablePlugins()
        #expect(plugins.layouts.contains("dot"))
        #expect(Set(RenderFormat.allCases.map(\.rawValue)).isSubset(of: Set(plugins.formats)))
    }
}

/// Renders the same graphs 1,000 times. Always checks that every render succeeds and gives
/// identical bytes; when run alone in a child process (by
/// ``RendererTests/memoryStaysFlatOverManyRenders()``) it also checks memory.
@Suite("Render memory probe", .serialized)
struct RenderMemoryProbe {
    static var isIsolated: Bool { ProcessInfo.processInfo.environment["MICROGRAD_MEMORY_PROBE"] == "1" }

    /// A graph of plain shapes only. Graphviz 2.42 itself leaks a little per render
    /// for record shapes (~65 bytes a node), HTML labels (~400 bytes) and clusters
    /// (1–5 KB each), so only a graph without them can show that rendering in this
    /// process frees everything it is given.
    static let plainDOT = """
        digraph "plain" { node [shape=box]; a [label="x1"]; b [label="w1"]; m [shape=circle, label="*"]; c [label="x1*w1"];
        a -> m; b -> m; m -> c; c -> d; d [label="tanh"]; }
        """

    @Test func rendersInThisProcessWithoutGrowth() throws {
        let options = RenderOptions(isolation: .sameProcess)
        let first = try GraphRenderer.render(dot: Self.plainDOT, format: .svg, options: options)
        for _ in 0..<100 { _ = try GraphRenderer.render(dot: Self.plainDOT, format: .svg, options: options) }
        let before = residentMemory()
        for _ in 0..<1000 {
            #expect(try GraphRenderer.render(dot: Self.plainDOT, format: .svg, options: options) == first)
        }
        let growth = residentMemory() - before
        if Self.isIsolated {
            // A context made per render leaked ~3.6 MB per 1,000 here; a forgotten agclose ~30 MB.
            #expect(growth < 262_144, "resident memory grew by \(growth) bytes over 1,000 renders")
            print("render memory probe: \(growth) bytes of growth over 1,000 renders in this process")
        }
    }

    /// Graphs with everything Graphviz 2.42 leaks for (clusters, records, HTML labels): rendered in
    /// separate processes, this process does not grow (in this process, the MLP's clusters leaked
    /// about 416 KB a render).
    @Test func rendersInSeparateProcessesWithoutGrowth() throws {
        let mlp = SampleGraphs.mlp()
        let mlpBefore = mlp.snapshot().dot()
        mlp.backward()
        let tensor = TensorGraphs.classifier()
        tensor.backward()
        let dots = [mlpBefore, mlp.snapshot().dot(), tensor.snapshot().dot(), SampleGraphs.readme().snapshot().dot()]
        let firsts = try dots.map { try GraphRenderer.render(dot: $0, format: .svg) }
        let renders = Self.isIsolated ? 1_000 : 40
        var samples: [(Double, Double)] = []
        for index in 0..<renders {
            #expect(try GraphRenderer.render(dot: dots[index % dots.count], format: .svg) == firsts[index % dots.count])
            if index % 50 == 49 { samples.append((Double(index), Double(residentMemory()))) }
        }
        if Self.isIsolated {
            let slope = leastSquaresSlope(samples)
            #expect(slope < 512, "resident memory grew by \(Int(slope)) bytes per render")
            print("render memory probe: \(Int(slope)) bytes per render over \(renders) renders in separate processes")
        }
    }
}

/// The slope of the least-squares line through `points`.
func leastSquaresSlope(_ points: [(Double, Double)]) -> Double {
    let n = Double(points.count)
    guard n > 1 else { return 0 }
    let meanX = points.map(\.0).reduce(0, +) / n
    let meanY = points.map(\.1).reduce(0, +) / n
    let covariance = points.map { ($0.0 - meanX) * ($0.1 - meanY) }.reduce(0, +)
    let variance = points.map { ($0.0 - meanX) * ($0.0 - meanX) }.reduce(0, +)
    return variance == 0 ? 0 : covariance / variance
}
