import Foundation
import MicrogradTestSupport
import Testing

/// The images of the README's "Debugging gradient flow" section are what `diagnose` and
/// `train --diagnose` make today. Regenerate them with `make readme-images`.
@Suite("README diagnosis images")
struct ReadmeDiagnosisImagesTests {
    /// The Makefile's README_DIAGNOSE and README_DIAGNOSE_TRAIN, read from it so that the two cannot differ.
    static func makefileArguments(_ name: String) throws -> [String] {
        let makefile = try String(contentsOf: repositoryRoot.appendingPathComponent("Makefile"), encoding: .utf8)
        let lines = makefile.components(separatedBy: "\n")
        guard var index = lines.firstIndex(where: { $0.hasPrefix(name + " :=") }) else {
            Issue.record("the Makefile defines no \(name)")
            return []
        }
        var text = String(lines[index].dropFirst(name.count + 3))
        while text.hasSuffix("\\") {
            index += 1
            text = String(text.dropLast()) + " " + lines[index]
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    static let diagram = "sick-diagnosis"
    static let plots = [
        "digits-grad-norms", "digits-update-ratios", "digits-grad-flow", "digits-activations-step00",
        "digits-activations-step59", "digits-gradients-step00", "digits-gradients-step59",
    ]

    @Test func imagesHaveNotDrifted() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Paths in the Makefile are relative to the repository.
        let diagnose = try micrograd(
            ["diagnose"] + Self.makefileArguments("README_DIAGNOSE") + [
                "--diagram", "svg,dot", "--out", directory.path,
            ], in: repositoryRoot)
        #expect(diagnose.status == 0, "\(diagnose.standardError)")
        let train = try micrograd(
            ["train", "digits"] + Self.makefileArguments("README_DIAGNOSE_TRAIN") + ["--out", directory.path])
        #expect(train.status == 0, "\(train.standardError)")
        let committed = repositoryRoot.appendingPathComponent("docs/images")
        let dot = try String(contentsOf: directory.appendingPathComponent(Self.diagram + ".dot"), encoding: .utf8)
        let committedDOT = try String(
            contentsOf: committed.appendingPathComponent(Self.diagram + ".dot"), encoding: .utf8)
        #expect(dot == committedDOT, "docs/images/\(Self.diagram).dot drifted; run `make readme-images`")
        let svg = SVGTexts(try Data(contentsOf: directory.appendingPathComponent(Self.diagram + ".svg")))
        let committedSVG = SVGTexts(try Data(contentsOf: committed.appendingPathComponent(Self.diagram + ".svg")))
        #expect(committedSVG.isWellFormed)
        #expect(svg.textsByGroup == committedSVG.textsByGroup, "docs/images/\(Self.diagram).svg drifted")
        // The plots are our own SVG, byte for byte the same for the same run.
        for plot in Self.plots {
            let made = try Data(contentsOf: directory.appendingPathComponent(plot + ".svg"))
            let kept = try Data(contentsOf: committed.appendingPathComponent(plot + ".svg"))
            #expect(SVGTexts(kept).isWellFormed)
            #expect(made == kept, "docs/images/\(plot).svg drifted; run `make readme-images`")
        }
    }

    @Test func readmeShowsTheImages() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("## Debugging gradient flow"))
        for image in [Self.diagram] + Self.plots.filter({ !$0.contains("step00") }) {
            #expect(readme.contains("docs/images/\(image).svg"), "README.md shows \(image).svg")
        }
    }
}
