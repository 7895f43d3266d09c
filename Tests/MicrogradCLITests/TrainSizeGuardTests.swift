import Foundation
import Micrograd
import MicrogradTestSupport
import Testing

@testable import MicrogradCLI

/// Sizes a flag can set are checked before anything is allocated (issue 9, items 3 and 15).
@Suite("Training sizes")
struct TrainSizeGuardTests {
    /// Item 3: `--model 2,9223372036854775807,1` ended with an arithmetic-overflow trap.
    @Test(arguments: ["2,9223372036854775807,1", "2,9223372036854775807,9223372036854775807,1", "2,2000000,1"])
    func hugeLayersAreABadCommandLine(model: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        let result = try micrograd(["train", "moons", "--model", model, "--engine", "tensor", "--out", out.path])
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("--model"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// Item 15: the decision-boundary grid is evaluated in batches of at most `pointsPerCall`
    /// points, so a wide model's activations stay under the 20-million guard.
    @Test func theBoundaryGridIsEvaluatedInBoundedBatches() {
        let data = ClassificationDataset.moons(count: 20)
        var batches: [Int] = []
        let svg = DecisionBoundaryPlot.svg(
            dataset: data,
            predict: { points in
                batches.append(points.count)
                return points.map { $0[0] > 0 ? 1 : 0 }
            }, title: "moons", pointsPerCall: 400)
        let cells = DecisionBoundaryPlot.resolution * DecisionBoundaryPlot.resolution
        #expect(batches.allSatisfy { $0 <= 400 }, "\(batches)")
        #expect(batches.reduce(0, +) == cells)
        #expect(SVGTexts(Data(svg.utf8)).isWellFormed)
    }
}
