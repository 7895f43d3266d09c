import Foundation
import MicrogradTestSupport
import Testing

/// `--edges`, `--gradcheck` and the slide options of snapshot and expr.
@Suite("Teaching and slide options")
struct TeachingOptionsTests {
    static func run(_ arguments: [String]) throws -> (CLIResult, URL) {
        let directory = try temporaryDirectory()
        return (try micrograd(arguments + ["--out", directory.path]), directory)
    }

    static func text(_ directory: URL, _ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func chainEdgesAfterAndLocalDerivativesBefore() throws {
        let (result, directory) = try Self.run(["snapshot", "neuron", "--edges", "chain", "--format", "dot"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.standardError)")
        let after = try Self.text(directory, "neuron-after.dot")
        #expect(after.contains("label=\"∂o/∂n = 1 − o² = 0.5000\\n× 1.0000 = 0.5000\""))
        let before = try Self.text(directory, "neuron-before.dot")
        #expect(before.contains("label=\"∂o/∂n = 1 − o² = 0.5000\""))
        #expect(!before.contains("× "))
    }

    @Test func gradEdgesPointBackwards() throws {
        let (result, directory) = try Self.run([
            "expr", "a * b", "--set", "a=2,b=-3", "--edges", "grad", "--format", "dot",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.standardError)")
        let after = try Self.text(directory, "expr-after.dot")
        #expect(after.contains("dir=\"back\"") && after.contains("label=\"-3.0000\""))
        #expect(!(try Self.text(directory, "expr-before.dot")).contains("dir=\"back\""))
    }

    @Test func gradcheckPassesOnTheSamplesAndPrintsATable() throws {
        let (result, directory) = try Self.run(["snapshot", "readme", "--gradcheck", "--strict", "--format", "svg"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("gradient check: central differences"))
        #expect(
            result.standardOutput.contains("all 8 gradients agree (6 constants not listed"), "\(result.standardOutput)")
        let svg = SVGTexts(try Data(contentsOf: directory.appendingPathComponent("readme-after.svg")))
        #expect(svg.textsByGroup.values.contains { $0.contains { $0.hasPrefix("numeric ") } })
    }

    /// ReLU at 0: the engine's slope is 0, the central difference 0.5. Marked, exit 0; with
    /// --strict, exit 1, the files still written to show the mismatch.
    @Test func aMismatchIsMarkedAndStrictFails() throws {
        let arguments = ["expr", "relu(x) * w", "--set", "x=0,w=3", "--gradcheck", "--format", "dot"]
        let (result, directory) = try Self.run(arguments)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("✗ mismatch"))
        #expect(result.standardOutput.contains("1 of 2 gradients disagree: x"), "\(result.standardOutput)")
        let dot = try Self.text(directory, "expr-after.dot")
        #expect(dot.contains("✗ gradient check") && dot.contains("fillcolor=\"#fecaca\""))
        let (strict, strictDirectory) = try Self.run(arguments + ["--strict"])
        defer { try? FileManager.default.removeItem(at: strictDirectory) }
        #expect(strict.status == 1)
        #expect(strict.standardError.contains("the gradient check failed for 1 of 2 leaves"), "\(strict.standardError)")
    }

    @Test func gradcheckOnTensorsIsAUsageError() throws {
        let (result, directory) = try Self.run(["snapshot", "mlp-tensor", "--gradcheck"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 64)
        #expect(result.standardError.contains("--gradcheck checks networks of scalar values"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func slideOptionsShapeTheDiagram() throws {
        let (result, directory) = try Self.run([
            "snapshot", "readme", "--stage", "after", "--format", "dot,svg,png", "--theme", "slide", "--font-size",
            "20",
            "--no-key", "--title", "micrograd's README", "--fields", "label,grad", "--transparent", "--labels",
            "primes",
            "--dpi", "144", "--scale", "1.5",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.standardError)")
        let dot = try Self.text(directory, "readme-after.dot")
        #expect(dot.contains("bgcolor=\"transparent\""))
        #expect(dot.contains("fontsize=\"20\", height=\"0.3\""))
        #expect(dot.contains("label=\"micrograd's README\""))
        #expect(!dot.contains("\"legend\""))
        #expect(!dot.contains("|data "))
        #expect(dot.contains("{c′|grad ") && dot.contains("{c″|grad "))
        let svg = try Self.text(directory, "readme-after.svg")
        #expect(svg.contains("<title id=\"mg-title\">micrograd's README</title>"))
        let png = try Data(contentsOf: directory.appendingPathComponent("readme-after.png"))
        let (plain, plainDirectory) = try Self.run([
            "snapshot", "readme", "--stage", "after", "--format", "png", "--theme", "slide", "--font-size", "20",
            "--no-key", "--title", "micrograd's README", "--fields", "label,grad", "--transparent", "--labels",
            "primes",
        ])
        defer { try? FileManager.default.removeItem(at: plainDirectory) }
        #expect(plain.status == 0)
        let plainPNG = try Data(contentsOf: plainDirectory.appendingPathComponent("readme-after.png"))
        func width(_ png: Data) -> Int { [UInt8](png[16..<20]).reduce(0) { $0 << 8 | Int($1) } }
        #expect(abs(width(png) - Int((Double(width(plainPNG)) * 144 / 96 * 1.5).rounded())) <= 3)
    }

    @Test func constantGradientsAreHiddenUnlessAsked() throws {
        let (hidden, directory) = try Self.run(["expr", "x * 2", "--set", "x=3", "--format", "dot"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(hidden.status == 0)
        #expect(try Self.text(directory, "expr-after.dot").contains("label=\"{data 2.0000}\""))
        let (shown, shownDirectory) = try Self.run([
            "expr", "x * 2", "--set", "x=3", "--format", "dot", "--constant-grads",
        ])
        defer { try? FileManager.default.removeItem(at: shownDirectory) }
        #expect(shown.status == 0)
        #expect(try Self.text(shownDirectory, "expr-after.dot").contains("label=\"{data 2.0000|grad 3.0000}\""))
    }

    @Test func badSlideOptionsExit64() throws {
        for (arguments, message) in [
            (["--dpi", "0"], "--dpi"), (["--scale", "-1"], "--scale"), (["--font-size", "1000"], "--font-size"),
            (["--fields", "label,colour"], "unknown field 'colour'"), (["--labels", "stars"], "stars"),
            (["--edges", "arrows"], "arrows"), (["--strict"], "add --gradcheck"),
            (["--gradcheck", "--tolerance", "0"], "--tolerance"),
        ] {
            let (result, directory) = try Self.run(["snapshot", "neuron"] + arguments)
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(result.status == 64, "\(arguments)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
    }
}
