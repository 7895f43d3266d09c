import Foundation
import MicrogradTestSupport
import Testing

/// The diagrams in docs/images, which the README shows, are what the CLI draws
/// today. Regenerate them with `make readme-images`.
@Suite("README images")
struct ReadmeImagesTests {
    /// The samples drawn, with the options `make readme-images` uses for each.
    static let samples: [(name: String, options: [String])] = [
        ("neuron", []), ("zero-to-hero", []), ("linear-regression-tensor", ["--stage", "after"]),
        ("mlp-tensor", ["--stage", "after", "--rankdir", "TB"]),
    ]
    /// Views of the `mlp` sample after backward(), each written as `mlp-<name>-after`.
    static let views: [(name: String, options: [String])] = [
        ("depth1", ["--depth", "1"]), ("depth2", ["--depth", "2"]), ("roll", ["--depth", "2", "--roll"]),
        ("focus", ["--focus", "mlp/layer0/neuron3/w0", "--radius", "4"]),
    ]
    static let images =
        [
            "neuron-before", "neuron-after", "zero-to-hero-before", "zero-to-hero-after",
            "linear-regression-tensor-after", "mlp-tensor-after",
        ] + views.map { "mlp-\($0.name)-after" }

    @Test func diagramsHaveNotDrifted() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (sample, options) in Self.samples {
            let result = try micrograd(["snapshot", sample, "--format", "svg,dot", "--out", directory.path] + options)
            #expect(result.status == 0, "\(result.standardError)")
        }
        for (name, options) in Self.views {
            let view = directory.appendingPathComponent(name)
            let result = try micrograd(
                ["snapshot", "mlp", "--stage", "after", "--format", "svg,dot", "--out", view.path] + options)
            #expect(result.status == 0, "\(result.standardError)")
            for ext in ["svg", "dot"] {
                try FileManager.default.moveItem(
                    at: view.appendingPathComponent("mlp-after.\(ext)"),
                    to: directory.appendingPathComponent("mlp-\(name)-after.\(ext)"))
            }
        }
        let committed = repositoryRoot.appendingPathComponent("docs/images")
        for image in Self.images {
            // DOT is text: it must match byte for byte.
            let dot = try String(contentsOf: directory.appendingPathComponent(image + ".dot"), encoding: .utf8)
            let committedDOT = try String(contentsOf: committed.appendingPathComponent(image + ".dot"), encoding: .utf8)
            #expect(dot == committedDOT, "docs/images/\(image).dot drifted; run `make readme-images`")
            // SVG positions depend on the machine's fonts; its text must match node for node.
            let svg = SVGTexts(try Data(contentsOf: directory.appendingPathComponent(image + ".svg")))
            let committedSVG = SVGTexts(try Data(contentsOf: committed.appendingPathComponent(image + ".svg")))
            #expect(committedSVG.isWellFormed)
            #expect(!svg.textsByGroup.isEmpty)
            #expect(
                svg.textsByGroup == committedSVG.textsByGroup,
                "docs/images/\(image).svg drifted; run `make readme-images`")
        }
    }

    @Test func readmeShowsTheImages() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for image in Self.images {
            #expect(readme.contains("docs/images/\(image).svg"), "README.md shows \(image).svg")
        }
    }
}
