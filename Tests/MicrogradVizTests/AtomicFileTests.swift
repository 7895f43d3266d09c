import Foundation
import MicrogradTestSupport
import Testing

@testable import MicrogradViz

@Suite("Writing files atomically")
struct AtomicFileTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("micrograd-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesAndReplaces() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("graph.svg")
        try AtomicFile.write(Data("first".utf8), to: file)
        try AtomicFile.write(Data("second".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["graph.svg"])
    }

    @Test func missingDirectoryGivesAClearErrorAndNoFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("missing/graph.svg")
        #expect {
            try AtomicFile.write(Data("x".utf8), to: file)
        } throws: { error in
            let description = "\(error)"
            return description.contains("missing/graph.svg") && description.contains("create it first")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aDirectoryInTheWayIsReported() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: FileWriteError.self) { try AtomicFile.write(Data("x".utf8), to: directory) }
    }

    @Test func failedRenderLeavesNoFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.png")
        #expect(throws: RenderError.self) { try GraphRenderer.write(dot: "digraph {", format: .png, to: file) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
