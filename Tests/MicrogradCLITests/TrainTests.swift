import Foundation
import MicrogradTestSupport
import Testing

@Suite("Training from the command line")
struct TrainTests {
    /// `micrograd train moons` with its defaults reaches 100% like micrograd's demo, and writes
    /// its plots and graph snapshots.
    @Test func moonsWithDefaultsReachesFullAccuracy() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["train", "moons", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("final loss"))
        #expect(result.standardOutput.contains("accuracy 100% (100/100)"), "\(result.standardOutput)")
        // Not a terminal here: plain progress lines, no carriage returns.
        #expect(result.standardOutput.contains("step 10/100  loss"))
        #expect(!result.standardOutput.contains("\r"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(
            files == [
                "moons-boundary.svg", "moons-example0-step000.svg", "moons-example0-step025.svg",
                "moons-example0-step050.svg", "moons-example0-step075.svg", "moons-example0-step100.svg",
                "moons-loss.svg",
            ])
        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(SVGTexts(data).isWellFormed, "\(file)")
        }
        // The example graph is the loss of one point after backward(): its root has gradient 1.
        let snapshot = SVGTexts(try Data(contentsOf: directory.appendingPathComponent("moons-example0-step100.svg")))
        let rootTexts = snapshot.textsByGroup.values.first { $0.first?.hasSuffix("→ loss") == true } ?? []
        #expect(rootTexts.last == "grad 1.0000", "\(rootTexts)")
    }

    @Test(arguments: ["circles", "spiral", "xor", "blobs"])
    func everyDatasetTrains(dataset: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "train", dataset, "--steps", "20", "--points", "30", "--snapshot-every", "0", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("final loss"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["\(dataset)-boundary.svg", "\(dataset)-loss.svg"])
    }

    @Test func sameSeedSameRun() throws {
        let first = try micrograd([
            "train", "xor", "--steps", "5", "--snapshot-every", "0", "--out", NSTemporaryDirectory() + "/mg-a",
        ])
        let second = try micrograd([
            "train", "xor", "--steps", "5", "--snapshot-every", "0", "--out", NSTemporaryDirectory() + "/mg-b",
        ])
        #expect(first.standardOutput.replacingOccurrences(of: "mg-a", with: "mg-b") == second.standardOutput)
        let plotA = try String(contentsOfFile: NSTemporaryDirectory() + "/mg-a/xor-boundary.svg", encoding: .utf8)
        let plotB = try String(contentsOfFile: NSTemporaryDirectory() + "/mg-b/xor-boundary.svg", encoding: .utf8)
        #expect(plotA == plotB)
    }
}
