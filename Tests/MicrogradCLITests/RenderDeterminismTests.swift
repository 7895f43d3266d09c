import Foundation
import MicrogradTestSupport
import MicrogradViz
import Testing

/// The same DOT gives the same image bytes in any order, in any process (issue 9, item 5).
@Suite("Same input, same bytes")
struct RenderDeterminismTests {
    /// Every sample's before and after DOT, written by the CLI.
    static func sampleDOTs(in directory: URL, extra: [String] = []) throws -> [(name: String, dot: String)] {
        let names = try micrograd(["samples", "--names"]).standardOutput.split(separator: "\n").map(String.init)
        #expect(names.count >= 8)
        var dots: [(String, String)] = []
        for name in names {
            let result = try micrograd(
                ["snapshot", name, "--format", "dot", "--scopes", "on", "--out", directory.path] + extra)
            #expect(result.status == 0, "\(name): \(result.standardError)")
            for stage in ["before", "after"] {
                let file = directory.appendingPathComponent("\(name)-\(stage).dot")
                dots.append(("\(name)-\(stage)", try String(contentsOf: file, encoding: .utf8)))
            }
        }
        return dots
    }

    @Test(arguments: [[String](), ["--rankdir", "TB", "--style", "compact"]])
    func everySampleRendersTheSameInEitherOrderAsInAFreshProcess(extra: [String]) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dots = try Self.sampleDOTs(in: directory, extra: extra)
        var inProcess = RenderOptions.trusted
        inProcess.isolation = .sameProcess
        var renders: [String: Set<Data>] = [:]
        for order in [dots, dots.reversed()] {
            for (name, dot) in order {
                for options in [RenderOptions.trusted, inProcess] {
                    renders[name, default: []].insert(
                        try GraphRenderer.render(dot: dot, format: .svg, options: options))
                }
            }
        }
        for (name, _) in dots {
            let fresh = try micrograd(["render", "\(name).dot", "-o", "\(name)-fresh.svg"], in: directory)
            #expect(fresh.status == 0, "\(name): \(fresh.standardError)")
            renders[name, default: []].insert(
                try Data(contentsOf: directory.appendingPathComponent("\(name)-fresh.svg")))
        }
        for (name, images) in renders { #expect(images.count == 1, "\(name): \(images.count) different SVGs") }
    }

    /// The issue's own report: `snapshot mlp-tensor --rankdir TB` gave 4 different after-SVGs in 8 runs.
    @Test func repeatedSnapshotRunsGiveTheSameImages() throws {
        var afters: Set<Data> = []
        var befores: Set<Data> = []
        for _ in 0..<4 {
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try micrograd([
                "snapshot", "mlp-tensor", "--rankdir", "TB", "--format", "svg", "--out", directory.path,
            ])
            #expect(result.status == 0, "\(result.standardError)")
            afters.insert(try Data(contentsOf: directory.appendingPathComponent("mlp-tensor-after.svg")))
            befores.insert(try Data(contentsOf: directory.appendingPathComponent("mlp-tensor-before.svg")))
        }
        #expect(afters.count == 1 && befores.count == 1)
    }
}
