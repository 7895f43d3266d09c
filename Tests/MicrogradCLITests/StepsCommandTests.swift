import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradLanguage

/// `micrograd steps`: frames in the engine's order, stable names, the trace, and clear errors.
@Suite("steps")
struct StepsCommandTests {
    /// The engine's backward order for a sample, as names.
    static func engineOrder(_ sample: String) throws -> [String] {
        let root = try #require(SampleCatalogue.named(sample)).build().output
        let snapshot = root.snapshot()
        let names = ValueNames(snapshot)
        return root.backwardOrder().map { names[$0] }
    }

    /// The frame files written, with the trace's backward steps: one per value, in the order
    /// the engine's own traversal gives.
    @Test(arguments: ["zero-to-hero", "neuron", "readme"])
    func framesFollowTheEngine(sample: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["steps", sample, "--trace", "--format", "dot", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let order = try Self.engineOrder(sample)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        let backward = files.filter { $0.hasPrefix("\(sample)-backward-") }
        let forward = files.filter { $0.hasPrefix("\(sample)-forward-") }
        #expect(backward.count == order.count)
        let digits = max(2, String(order.count).count)
        #expect(backward.first == "\(sample)-backward-" + String(repeating: "0", count: digits - 1) + "1.dot")
        // Each backward frame's caption names the node its step completes, in the engine's order.
        for (index, file) in backward.enumerated() {
            let dot = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(dot.contains("label=\"backward \(index + 1)/\(order.count): \(order[index]).grad = "), "\(file)")
        }
        let root = try #require(SampleCatalogue.named(sample)).build().output
        #expect(forward.count == root.snapshot().nodes.filter { $0.op != nil }.count)
        // The trace: forward lines, then each backward frame's lines, frames in the engine's order.
        let lines = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("backward ") }
        var steps: [Int] = []
        for line in lines {
            let step = Int(line.dropFirst("backward ".count).prefix { $0 != "/" })!
            if steps.last != step { steps.append(step) }
        }
        #expect(steps == Array(1...order.count))
    }

    @Test func passesAndFormats() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(
            ["steps", "zero-to-hero", "--pass", "backward", "--format", "png,apng", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count == 8)
        #expect(files.allSatisfy { $0.hasSuffix(".png") } && !files.contains { $0.contains("forward") })
        #expect(files.contains("zero-to-hero-steps.png") && files.contains("zero-to-hero-backward-07.png"))
        let apng = [UInt8](try Data(contentsOf: directory.appendingPathComponent("zero-to-hero-steps.png")))
        var types: [String] = []
        var offset = 8
        while offset + 8 <= apng.count {
            let length = apng[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            types.append(String(decoding: apng[(offset + 4)..<(offset + 8)], as: UTF8.self))
            offset += 12 + length
        }
        #expect(types.first == "IHDR" && types.last == "IEND")
        #expect(types.firstIndex(of: "acTL")! < types.firstIndex(of: "IDAT")!, "the animation control comes first")
        #expect(types.filter { $0 == "fcTL" }.count == 7)
    }

    @Test func expressionsAndTensorsStepToo() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let expr = try micrograd(
            [
                "steps", "--expr", "tanh(x*w + b)", "--set", "x=2,w=-3,b=6.8814", "--trace", "--format", "svg",
                "--out", directory.path,
            ])
        #expect(expr.status == 0, "\(expr.standardError)")
        #expect(expr.standardOutput.contains("forward 1/3  x * w = 2.0000 * -3.0000 = -6.0000"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("expr-backward-06.svg").path))
        let tensor = try micrograd(
            ["steps", "linear-regression-tensor", "--format", "svg", "--name", "lr", "--out", directory.path])
        #expect(tensor.status == 0, "\(tensor.standardError)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("lr-backward-01.svg").path))
    }

    @Test func usageErrorsExit64AndWriteNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [([String], String)] = [
            (["steps"], "give a network"),
            (["steps", "neuron", "--expr", "x"], "not both"),
            (["steps", "neuron", "--format", "gif"], "unknown format 'gif'"),
            (["steps", "neuron", "--pass", "sideways"], "sideways"),
            (["steps", "neuron", "--seconds", "0"], "--seconds"),
            (["steps", "--expr", "x * w", "--set", "x=1"], "undefined name 'w'"),
            (["steps", "nueron"], "did you mean 'neuron'"),
            (["steps", "neuron", "--set", "x=1"], "--set gives values to --expr"),
        ]
        for (arguments, message) in cases {
            let result = try micrograd(arguments + ["--out", directory.path])
            #expect(result.status == 64, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func bigNetworksAreRefusedWithAdvice() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 1 + 2·150 values: over the 200 steps draws.
        let file = directory.appendingPathComponent("long.mg")
        let lines = ["x = 1.0"] + (0..<150).map { _ in "x = x * 1.01" }
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let out = directory.appendingPathComponent("out")
        let result = try micrograd(["steps", file.path, "--out", out.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("long has 301 values"), "\(result.standardError)")
        #expect(result.standardError.contains("step through a smaller network"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
