import Foundation
import MicrogradTestSupport
import Testing

@testable import MicrogradLanguage

/// `micrograd diff`, and `train --format` and `--diff`.
@Suite("Comparing snapshots on the command line")
struct DiffCommandTests {
    /// One epoch of linear regression written as JSON snapshots: epoch 0 (the starting
    /// weights) and epoch 1 (after one SGD step).
    static func twoEpochs(in directory: URL, extra: [String] = []) throws -> CLIResult {
        try micrograd(
            [
                "train", "linear-regression", "--steps", "1", "--snapshot-every", "1", "--format", "json,svg", "--out",
                directory.path,
            ] + extra)
    }

    @Test func diffOfTwoEpochsMatchesTheHandComputation() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trained = try Self.twoEpochs(in: directory)
        #expect(trained.status == 0, "\(trained.standardError)")
        let result = try micrograd([
            "diff", directory.appendingPathComponent("linear-regression-epoch0.json").path,
            directory.appendingPathComponent("linear-regression-epoch1.json").path, "--format", "svg,dot", "--out",
            directory.path, "--name", "epochs",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("wrote \(directory.path)/epochs.svg"))

        // By hand: prediction x·w + b, loss mean((p − y)²) over two examples, so ∂w = Σ eᵢ·xᵢ
        // and ∂b = Σ eᵢ; SGD with rate 0.01. The picture of each epoch shows that epoch's gradient.
        let model = LinearRegressionSample.model()
        let w0 = model.weight.scalars
        let b0 = model.bias.scalars[0]
        let x = [[1.0, 2, 3], [4, 5, 6]]
        let y = [10.0, 20]
        func gradients(_ w: [Double], _ b: Double) -> (w: [Double], b: Double) {
            let errors = (0..<2).map { i in zip(x[i], w).map(*).reduce(0, +) + b - y[i] }
            return ((0..<3).map { j in (0..<2).map { i in errors[i] * x[i][j] }.reduce(0, +) }, errors.reduce(0, +))
        }
        let g0 = gradients(w0, b0)
        let w1 = zip(w0, g0.w).map { $0 - 0.01 * $1 }
        let b1 = b0 - 0.01 * g0.b
        let g1 = gradients(w1, b1)
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        func norm(_ values: [Double]) -> Double { values.map { $0 * $0 }.reduce(0, +).squareRoot() }
        func percent(_ change: Double) -> String { String(format: "%+.1f%%", change * 100) }
        let weightData = (mean(w1) - mean(w0)) / mean(w0.map(abs))
        let weightGrad = (norm(g1.w) - norm(g0.w)) / norm(g0.w)
        let biasGrad = (abs(g1.b) - abs(g0.b)) / abs(g0.b)
        let rows = result.standardOutput.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["parameter", "data", "change", "grad", "change"]))
        #expect(rows.contains(["linear/weight", percent(weightData), percent(weightGrad)]))
        // The bias starts at zero: its data changes from nothing.
        #expect(b0 == 0)
        #expect(rows.contains(["linear/bias", "from", "0", percent(biasGrad)]))
        let dot = try String(contentsOf: directory.appendingPathComponent("epochs.dot"), encoding: .utf8)
        #expect(dot.contains("(\(percent(weightData)))"))
    }

    @Test func trainWritesTheDiffBesideTheSnapshots() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.twoEpochs(in: directory, extra: ["--diff"])
        #expect(result.status == 0, "\(result.standardError)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(
            files.isSuperset(of: [
                "linear-regression-epoch0.json", "linear-regression-epoch0.svg", "linear-regression-epoch1.json",
                "linear-regression-epoch1.svg", "linear-regression-epoch1-diff.svg",
            ]))
        // The first snapshot has nothing before it, and a diff is a diagram, never JSON.
        #expect(!files.contains("linear-regression-epoch0-diff.svg"))
        #expect(!files.contains { $0.hasSuffix("-diff.json") })
        let svg = try String(
            contentsOf: directory.appendingPathComponent("linear-regression-epoch1-diff.svg"), encoding: .utf8)
        #expect(svg.contains("change from step 0 to step 1"))
    }

    @Test func diffDrawsInTheThemeAskedFor() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.twoEpochs(in: directory)
        let epochs = ["linear-regression-epoch0.json", "linear-regression-epoch1.json"].map {
            directory.appendingPathComponent($0).path
        }
        // `--theme auto` follows the reader's light or dark setting, as snapshot's SVGs do.
        let result = try micrograd(["diff"] + epochs + ["--theme", "auto", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let svg = try String(contentsOf: directory.appendingPathComponent("diff.svg"), encoding: .utf8)
        #expect(svg.contains("prefers-color-scheme: dark"))
        #expect(svg.contains(">How the graph changed</title>"))
        // The boxes' fills come from the colour scale, light in every theme: their text stays black.
        let dot = try micrograd(["diff"] + epochs + ["--theme", "dark", "--format", "dot", "--out", directory.path])
        #expect(dot.status == 0, "\(dot.standardError)")
        let text = try String(contentsOf: directory.appendingPathComponent("diff.dot"), encoding: .utf8)
        let boxes = text.split(separator: "\n").filter { $0.contains("fillcolor=\"#f7f7f7\"") }
        #expect(!boxes.isEmpty && boxes.allSatisfy { $0.contains("fontcolor=\"#000000\"") })
    }

    @Test func trainWritesEachFormatAskedFor() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "train", "linear-regression", "--steps", "1", "--snapshot-every", "1", "--format", "png,pdf,dot", "--out",
            directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        for ext in ["png", "pdf", "dot"] {
            #expect(
                FileManager.default.fileExists(
                    atPath: directory.appendingPathComponent("linear-regression-epoch1.\(ext)").path))
        }
        #expect(
            !FileManager.default.fileExists(
                atPath: directory.appendingPathComponent("linear-regression-epoch1.svg").path))
    }

    @Test func mistakesAreClearMessagesWithTheRightExitCodes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.twoEpochs(in: directory)
        let epoch0 = directory.appendingPathComponent("linear-regression-epoch0.json").path
        // Another graph: the neuron sample.
        let other = try micrograd([
            "snapshot", "neuron", "--format", "json", "--stage", "after", "--out", directory.path,
        ])
        #expect(other.status == 0)
        let neuron = directory.appendingPathComponent("neuron-after.json").path
        let different = try micrograd(["diff", epoch0, neuron, "--out", directory.path])
        #expect(different.status == 1)
        #expect(different.standardError.contains("are not snapshots of the same graph: the graphs differ in size"))
        let missing = try micrograd(["diff", epoch0, directory.appendingPathComponent("nope.json").path])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no such file"))
        let svg = directory.appendingPathComponent("linear-regression-epoch0.svg").path
        let notJSON = try micrograd(["diff", epoch0, svg])
        #expect(notJSON.status == 1)
        #expect(notJSON.standardError.contains("is not a snapshot in micrograd's JSON format"))
        let badFormat = try micrograd(["diff", epoch0, epoch0, "--format", "json"])
        #expect(badFormat.status == 64)
        #expect(badFormat.standardError.contains("cannot be written as json"))
        let noSnapshots = try micrograd(["train", "linear-regression", "--snapshot-every", "0", "--diff"])
        #expect(noSnapshots.status == 64)
        #expect(noSnapshots.standardError.contains("--diff compares consecutive graph snapshots"))
        let mermaid = try micrograd(["train", "linear-regression", "--format", "mermaid"])
        #expect(mermaid.status == 64)
        #expect(mermaid.standardError.contains("formats are svg, png, pdf, dot, json"))
        // Nothing was written by the failed runs.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("diff.svg").path))
    }
}
