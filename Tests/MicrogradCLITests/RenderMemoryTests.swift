import Foundation
import MicrogradTestSupport
import MicrogradViz
import Testing

/// Memory stays flat over 1,000 renders of every sample's diagrams, scope boxes included (issue 9,
/// item 11: in this process the `mlp` sample's clusters leaked about 416 KB a render).
@Suite("Render memory over every sample")
struct RenderMemoryTests {
    /// Measured in a child process running only ``EverySampleRenderProbe``, because the other
    /// tests running in parallel here move this process's memory by megabytes.
    @Test(.enabled(if: !runsUnderSanitizer, "sanitizers keep freed memory, so it grows anyway"))
    func memoryStaysFlatOverEverySample() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try RenderDeterminismTests.sampleDOTs(in: directory)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = ["--testing-library", "swift-testing", "--filter", "EverySampleRenderProbe"]
        child.environment = ProcessInfo.processInfo.environment.merging([
            "MICROGRAD_SAMPLE_PROBE_DIRECTORY": directory.path
        ]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = output
        try child.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        #expect(child.terminationStatus == 0, "the isolated memory probe failed:\n\(text)")
        #expect(text.contains("bytes per render over 1000 renders"), "the probe ran:\n\(text)")
    }
}

/// Renders every sample's diagrams 1,000 times in all. With the directory of their DOT given (by
/// ``RenderMemoryTests/memoryStaysFlatOverEverySample()``) it measures the growth of resident
/// memory per render; otherwise it renders a few samples twice each and compares the bytes.
@Suite("Sample render memory probe")
struct EverySampleRenderProbe {
    @Test func rendersEverySampleWithoutGrowth() throws {
        let given = ProcessInfo.processInfo.environment["MICROGRAD_SAMPLE_PROBE_DIRECTORY"]
        let directory = try given.map { URL(fileURLWithPath: $0) } ?? temporaryDirectory()
        defer { if given == nil { try? FileManager.default.removeItem(at: directory) } }
        if given == nil {
            for sample in ["neuron", "mlp"] {
                let result = try micrograd(["snapshot", sample, "--format", "dot", "--out", directory.path])
                #expect(result.status == 0, "\(result.standardError)")
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".dot") }
            .sorted()
        let dots = try files.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
        #expect(!dots.isEmpty)
        let firsts = try dots.map { try GraphRenderer.render(dot: $0, format: .svg) }
        let renders = given == nil ? dots.count : 1_000
        var samples: [(Double, Double)] = []
        for index in 0..<renders {
            #expect(try GraphRenderer.render(dot: dots[index % dots.count], format: .svg) == firsts[index % dots.count])
            if index % 50 == 49 { samples.append((Double(index), Double(residentBytes()))) }
        }
        if given != nil {
            let slope = slopeOfLeastSquares(samples)
            #expect(slope < 512, "resident memory grew by \(Int(slope)) bytes per render")
            print(
                "sample render memory probe: \(Int(slope)) bytes per render over \(renders) renders of \(files.count) diagrams"
            )
        }
    }
}

/// This process's resident memory in bytes.
private func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 : 0
}

/// The slope of the least-squares line through `points`.
private func slopeOfLeastSquares(_ points: [(Double, Double)]) -> Double {
    let n = Double(points.count)
    guard n > 1 else { return 0 }
    let meanX = points.map(\.0).reduce(0, +) / n
    let meanY = points.map(\.1).reduce(0, +) / n
    let covariance = points.map { ($0.0 - meanX) * ($0.1 - meanY) }.reduce(0, +)
    let variance = points.map { ($0.0 - meanX) * ($0.0 - meanX) }.reduce(0, +)
    return variance == 0 ? 0 : covariance / variance
}
