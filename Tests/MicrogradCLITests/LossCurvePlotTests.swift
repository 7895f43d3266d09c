import Foundation
import MicrogradTestSupport
import Testing

@testable import MicrogradCLI

/// The loss plot of a run that diverges says so, instead of coming out empty.
@Suite("Loss curve")
struct LossCurvePlotTests {
    @Test func aDivergedRunIsMarkedAndItsLastNumberShown() throws {
        let svg = LossCurvePlot.svg(losses: [0.7, .nan, .nan], accuracies: [0.5, 0.5, 0.5], title: "moons")
        #expect(SVGTexts(Data(svg.utf8)).isWellFormed)
        #expect(svg.contains(">loss NaN at step 1: training diverged</text>"))
        #expect(svg.components(separatedBy: "<circle").count == 2, "the one finite loss is a dot")
        let infinite = LossCurvePlot.svg(
            losses: [0.7, 0.9, 5, .infinity], accuracies: nil, title: "x", stepName: "epoch")
        #expect(infinite.contains(">loss +inf at epoch 3: training diverged</text>"))
        #expect(!infinite.contains("<circle"), "joined losses are a line")
    }

    @Test func aHealthyRunHasNoMark() throws {
        let svg = LossCurvePlot.svg(losses: [0.9, 0.5, 0.3], accuracies: [0.5, 0.7, 0.9], title: "moons")
        #expect(!svg.contains("diverged") && !svg.contains("<circle"))
    }

    @Test func theCommandLineDrawsTheMark() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["train", "moons", "--lr", "1e308", "--steps", "3", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let svg = try String(contentsOf: directory.appendingPathComponent("moons-loss.svg"), encoding: .utf8)
        #expect(svg.contains("training diverged"), "\(svg)")
    }
}
