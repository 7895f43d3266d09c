import Foundation
import MicrogradTestSupport
import MicrogradViz
import Testing

@testable import Micrograd
@testable import MicrogradCLI

/// The exporter stages each file as it is made, so a long run holds none in memory and a run
/// that fails before its commit leaves nothing.
@Suite("Staging snapshot files")
struct SnapshotExporterTests {
    static func snapshot(step: Double) -> GraphSnapshot {
        let x = Value(step, label: "x")
        let y = (x * x).tanh()
        y.label = "y"
        y.backward()
        return y.snapshot()
    }

    @Test func filesAppearOnlyAtTheCommit() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("run")
        let exporter = SnapshotExporter(
            directory: out, formats: [.svg, .dot, .json], dotOptions: DOTOptions(), mermaidOptions: MermaidOptions(),
            renderLimit: 100)
        let transaction = OutputTransaction()
        var staged: [URL] = []
        for step in 0..<3 {
            staged += try exporter.stage(Self.snapshot(step: Double(step)), baseName: "step\(step)", into: transaction)
            // Written to disk already, but only as hidden temporary files.
            let visible = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }
            #expect(visible.isEmpty)
        }
        #expect(staged.map(\.lastPathComponent).prefix(3) == ["step0.svg", "step0.dot", "step0.json"])
        try transaction.commit()
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == 9)
        #expect(files.allSatisfy { !$0.hasPrefix(".") })
        let svg = try Data(contentsOf: out.appendingPathComponent("step2.svg"))
        #expect(SVGTexts(svg).isWellFormed)
    }

    @Test func aFailureBeforeTheCommitLeavesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("run")
        let exporter = SnapshotExporter(
            directory: out, formats: [.svg, .dot], dotOptions: DOTOptions(), mermaidOptions: MermaidOptions(),
            renderLimit: 2)
        let transaction = OutputTransaction()
        let small = Value(1, label: "a")
        try exporter.stage(small.snapshot(), baseName: "small", into: transaction)
        // Three values, too many to draw under renderLimit 2: the run fails and rolls back.
        #expect(throws: CLIError.self) {
            try exporter.stage(Self.snapshot(step: 1), baseName: "big", into: transaction)
        }
        transaction.rollBack()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}

/// `train --snapshot-every` writes each snapshot as it is taken (issue 9, item 15): memory does not
/// grow with the number of snapshots, and the files appear together at the end, or not at all.
@Suite("Training snapshots")
struct SnapshotRecorderTests {
    static func recorder(in directory: URL) throws -> SnapshotRecorder {
        SnapshotRecorder(
            exporter: SnapshotExporter(
                directory: directory, formats: [.svg], dotOptions: DOTOptions(), mermaidOptions: MermaidOptions(),
                renderLimit: 100),
            baseName: "moons-example0-step", lastStep: 10, view: try ViewOptions.parse([]))
    }

    @Test func snapshotsGoToDiskAsTheyAreTakenAndAppearAtTheEnd() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let recorder = try Self.recorder(in: directory)
        for step in [0, 5, 10] {
            try recorder.take(SnapshotExporterTests.snapshot(step: Double(step)), at: step)
        }
        let hidden = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(hidden.count == 3)
        // Without a run page (`--html`) nothing of a snapshot stays in memory.
        #expect(recorder.snapshots.isEmpty && recorder.drawn.isEmpty)
        #expect(hidden.allSatisfy { $0.hasPrefix(".moons-example0-step") && $0.contains(".svg.tmp-") })
        let plot = SnapshotExporter.PendingFile(
            url: directory.appendingPathComponent("moons-loss.svg"), data: Data("<svg/>".utf8))
        let written = try recorder.commit(adding: [plot]).map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(
            written == [
                "moons-example0-step00.svg", "moons-example0-step05.svg", "moons-example0-step10.svg", "moons-loss.svg",
            ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == written)
    }

    @Test func aRunThatStopsBeforeTheEndLeavesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("run")
        do {
            let recorder = try Self.recorder(in: out)
            try recorder.take(SnapshotExporterTests.snapshot(step: 1), at: 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 1)
        }
        // The recorder is gone without committing (a step threw): its files and directory are removed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
