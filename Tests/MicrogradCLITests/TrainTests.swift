import Foundation
import MicrogradTestSupport
import Testing

@testable import MicrogradLanguage

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
        let (a, b) = (try temporaryDirectory(), try temporaryDirectory())
        defer { for directory in [a, b] { try? FileManager.default.removeItem(at: directory) } }
        let first = try micrograd(["train", "xor", "--steps", "5", "--snapshot-every", "0", "--out", a.path])
        let second = try micrograd(["train", "xor", "--steps", "5", "--snapshot-every", "0", "--out", b.path])
        #expect(first.status == 0 && second.status == 0, "\(first.standardError) \(second.standardError)")
        #expect(first.standardOutput.contains("final loss"))
        #expect(first.standardOutput.replacingOccurrences(of: a.path, with: b.path) == second.standardOutput)
        for file in ["xor-boundary.svg", "xor-loss.svg"] {
            let plotA = try Data(contentsOf: a.appendingPathComponent(file))
            let plotB = try Data(contentsOf: b.appendingPathComponent(file))
            #expect(!plotA.isEmpty && plotA == plotB, "\(file)")
        }
    }

    /// The tensor engine starts from the scalar engine's weights and follows the same
    /// path: the same progress lines and the same final loss, 100% on moons.
    @Test func tensorEngineMatchesTheScalarEngine() throws {
        func run(_ engine: String) throws -> [String] {
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try micrograd([
                "train", "moons", "--engine", engine, "--snapshot-every", "50", "--out", directory.path,
            ])
            #expect(result.status == 0, "\(result.standardError)")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(files.filter { $0.contains("example0") }.count == 3, "\(files)")
            return result.standardOutput.split(separator: "\n").map(String.init)
                .filter { $0.hasPrefix("step ") || $0.hasPrefix("final") }
        }
        let scalar = try run("scalar")
        let tensor = try run("tensor")
        #expect(scalar.count == 12 && tensor.count == 12, "steps 1, 10, 20, …, 100 and the final line")
        #expect(tensor == scalar)
        #expect(tensor.last?.contains("accuracy 100% (100/100)") == true, "\(tensor)")
    }

    /// The CS231n spiral (3 classes of 100 points) with a 2-100-3 MLP, Adam, as tensors.
    @Test func spiralWithTensorsAndAdam() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "train", "spiral", "--engine", "tensor", "--model", "2,100,3", "--optimizer", "adam", "--steps", "300",
            "--snapshot-every", "300", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("300 steps of Adam, learning rate 0.02 falling linearly to 0.002"))
        let final = try #require(result.standardOutput.split(separator: "\n").last { $0.hasPrefix("final") })
        let correct = try #require(Int(final.split(separator: "(").last!.split(separator: "/").first!))
        #expect(correct >= 294, "at least 98% of 300: \(final)")
        // A tensor example graph is drawn with scope boxes: it is a dozen nodes.
        let svg = try String(
            contentsOf: directory.appendingPathComponent("spiral-example0-step300.svg"), encoding: .utf8)
        #expect(svg.contains("<title>cluster_mlp/layer0</title>"))
    }

    /// Linear regression, against plain gradient descent written out by hand, and its pictures
    /// against the gradient of each pictured epoch's loss alone.
    @Test func linearRegressionRunsAsWritten() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["train", "linear-regression", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)

        // The same model by hand: prediction = x·w + b, loss = mean((p − y)²), SGD with lr 0.01.
        let model = LinearRegressionSample.model()
        var w = model.weight.scalars
        var b = model.bias.scalars[0]
        let x = [[1.0, 2, 3], [4, 5, 6]]
        let y = [10.0, 20]
        var expected: [String] = []
        var gradientAt25: [Double] = []
        for epoch in 1...100 {
            let errors = (0..<2).map { i in zip(x[i], w).map(*).reduce(0, +) + b - y[i] }
            // The picture of epoch 25 shows the gradient of that epoch's loss alone: xᵀ·(2/n)·errors.
            if epoch == 26 { gradientAt25 = (0..<3).map { j in (0..<2).map { i in errors[i] * x[i][j] }.reduce(0, +) } }
            let loss = errors.map { $0 * $0 }.reduce(0, +) / 2
            for j in 0..<3 { w[j] -= 0.01 * (0..<2).map { i in errors[i] * x[i][j] }.reduce(0, +) }
            b -= 0.01 * errors.reduce(0, +)
            if epoch % 10 == 0 { expected.append(String(format: "Epoch [%d], Loss: %.4f", epoch, loss)) }
        }
        #expect(lines.filter { $0.hasPrefix("Epoch [") } == expected)
        let parameters = try #require(lines.firstIndex(of: "Model Parameters:"))
        #expect(lines[parameters + 1] == String(format: "linear.weight [[%.4f], [%.4f], [%.4f]]", w[0], w[1], w[2]))
        #expect(lines[parameters + 2] == String(format: "linear.bias [%.4f]", b))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.contains("linear-regression-loss.svg") && files.contains("linear-regression-epoch100.svg"))
        let picture = SVGTexts(try Data(contentsOf: directory.appendingPathComponent("linear-regression-epoch025.svg")))
        let weight = try #require(picture.textsByGroup.values.first { $0.first == "weight [3, 1]" })
        #expect(
            weight.last
                == "grad [" + gradientAt25.map { String(format: "%.4f", $0) }.joined(separator: ", ") + "]",
            "\(weight) against \(gradientAt25)")
    }
}
