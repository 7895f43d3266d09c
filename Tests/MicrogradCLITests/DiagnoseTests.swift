import Foundation
import MicrogradTestSupport
import Testing

/// `micrograd diagnose`, `--color grad` and `train --diagnose` as a user runs them.
@Suite("Diagnosing gradients from the command line")
struct DiagnoseTests {
    /// The findings file `diagnose --format json` prints.
    struct Report: Decodable {
        struct Finding: Decodable {
            let kind: String
            let place: String
            let nodes: [Int]
            let tag: String
            let evidence: String
            let hint: String
        }
        let format: String
        let findings: [Finding]
    }

    @Test func mlpSampleShowsItsDeadReLU() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["diagnose", "mlp", "--out", directory.path, "--diagram", "svg,dot"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("1 finding in mlp (108 values)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("dead ReLU  mlp/layer0  1 of 4 ReLU units output 0"))
        #expect(result.standardOutput.contains("hint: "))
        let svg = SVGTexts(try Data(contentsOf: directory.appendingPathComponent("mlp-diagnosis.svg")))
        #expect(svg.isWellFormed)
        #expect(svg.textsByGroup.values.contains { $0.contains("⚠ dead") })
        let dot = try String(contentsOf: directory.appendingPathComponent("mlp-diagnosis.dot"), encoding: .utf8)
        #expect(dot.contains("|grad| (RMS for tensors)"))
        #expect(dot.contains("dead ReLU at mlp/layer0"))
    }

    @Test func nanOriginsAndUnusedParametersAsJSON() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.mg")
        try """
        x = -2.0
        param w = 0.5
        param spare = 1.0
        a = log(x * w)
        z = 0.0
        t = 1000.0
        big = exp(t)
        y = z * big
        L = y + a * w
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try micrograd(["diagnose", file.path, "--format", "json", "--out", directory.path])
        #expect(result.status == 0, "exit 0 even with findings: \(result.standardError)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.standardOutput.utf8))
        #expect(report.format == "micrograd-gradient-flow")
        #expect(
            report.findings.map(\.kind) == ["non-finite-forward", "non-finite-forward", "non-finite-forward", "unused"])
        #expect(report.findings.map(\.place) == ["big (exp)", "y (*)", "a (log)", "spare"])
        #expect(report.findings.map(\.tag) == ["inf born here", "NaN born here", "NaN born here", "unused"])
        #expect(result.standardError.contains("wrote "))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("broken-diagnosis.svg").path))
    }

    @Test func datasetsTakeTrainingOptions() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "diagnose", "moons", "--engine", "tensor", "--activation", "sigmoid", "--model", "2,16,16,16,16,16,16,16,1",
            "--untrained", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("as initialised"))
        #expect(result.standardOutput.contains("vanishing  mlp/layer0"), "\(result.standardOutput)")
        let bad = try micrograd(["diagnose", "moons", "--lr", "-1", "--out", directory.path])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("--lr"))
        let misplaced = try micrograd(["diagnose", "neuron", "--lr", "5", "--out", directory.path])
        #expect(misplaced.status == 64)
        #expect(misplaced.standardError.contains("only apply when the network is a dataset"))
    }

    @Test func snapshotColoursByGradient() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for theme in ["light", "dark", "print"] {
            let result = try micrograd([
                "snapshot", "readme", "--color", "grad", "--theme", theme, "--format", "dot,svg", "--out",
                directory.path,
            ])
            #expect(result.status == 0, "\(result.standardError)")
            let after = try String(contentsOf: directory.appendingPathComponent("readme-after.dot"), encoding: .utf8)
            let before = try String(contentsOf: directory.appendingPathComponent("readme-before.dot"), encoding: .utf8)
            #expect(after.contains("|grad| (RMS for tensors)"))
            #expect(after.contains("⚠ dead"))
            #expect(!before.contains("|grad|"), "before backward() every gradient is 0: no gradient view")
            #expect(SVGTexts(try Data(contentsOf: directory.appendingPathComponent("readme-after.svg"))).isWellFormed)
        }
        let tensor = try micrograd([
            "snapshot", "mlp-tensor", "--color", "grad", "--color-scale", "cividis", "--stage", "after", "--format",
            "dot", "--out", directory.path,
        ])
        #expect(tensor.status == 0, "\(tensor.standardError)")
        let dot = try String(contentsOf: directory.appendingPathComponent("mlp-tensor-after.dot"), encoding: .utf8)
        #expect(dot.contains("#00224e"), "cividis' low end is in the colour bar")
    }

    @Test func trainRecordsDiagnostics() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "train", "moons", "--engine", "tensor", "--steps", "6", "--lr", "50", "--diagnose", "--snapshot-every", "0",
            "--histogram-steps", "0,5", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(
            files == [
                "moons-activations-step0.svg", "moons-activations-step5.svg", "moons-boundary.svg",
                "moons-diagnostics.csv", "moons-diagnostics.json", "moons-grad-flow.svg", "moons-grad-norms.svg",
                "moons-gradients-step0.svg", "moons-gradients-step5.svg", "moons-loss.svg", "moons-update-ratios.svg",
            ])
        for file in files where file.hasSuffix(".svg") {
            #expect(SVGTexts(try Data(contentsOf: directory.appendingPathComponent(file))).isWellFormed, "\(file)")
        }
        let csv = try String(contentsOf: directory.appendingPathComponent("moons-diagnostics.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 1 + 6 * 3, "a header, then a row per step and layer")
        #expect(rows[1].hasPrefix("0,"))
        let json =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: directory.appendingPathComponent("moons-diagnostics.json"))) as? [String: Any]
        #expect((json?["layers"] as? [String]) == ["mlp/layer0", "mlp/layer1", "mlp/layer2"])
        #expect((json?["steps"] as? [Any])?.count == 6)
        // The loss blows up: one warning, not one per step.
        let growth = result.standardError.components(separatedBy: "the loss grew").count - 1
        #expect(growth == 1, "\(result.standardError)")
    }

    @Test func digitsDefaultsReachNinetyFivePercent() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["train", "digits", "--snapshot-every", "0", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let line = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("final loss") } ?? ""
        let percent = line.split(separator: " ").first { $0.hasSuffix("%") }.flatMap { Double($0.dropLast()) } ?? 0
        #expect(percent >= 95, "\(line)")
    }
}
