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
    static let images = [
        "neuron-before", "neuron-after", "zero-to-hero-before", "zero-to-hero-after", "linear-regression-tensor-after",
        "mlp-tensor-after",
    ]

    /// The teaching images the README shows.
    static let teachingImages = [
        "teaching/zero-to-hero-steps", "teaching/zero-to-hero-forward-02", "teaching/zero-to-hero-backward-03",
        "teaching/neuron-after",
    ]

    @Test func diagramsHaveNotDrifted() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (sample, options) in Self.samples {
            let result = try micrograd(["snapshot", sample, "--format", "svg,dot", "--out", directory.path] + options)
            #expect(result.status == 0, "\(result.standardError)")
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

    /// The "Teaching backprop" images: the frames of zero-to-hero and the neuron's chain rule,
    /// made as `make readme-images` makes them. Frames' DOT is written unpinned, so it is the
    /// same on every machine.
    @Test func teachingImagesHaveNotDrifted() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for arguments in [
            ["steps", "zero-to-hero", "--theme", "auto", "--format", "svg,dot,animated-svg"],
            ["snapshot", "neuron", "--stage", "after", "--edges", "chain", "--theme", "auto", "--format", "svg,dot"],
        ] {
            let result = try micrograd(arguments + ["--out", directory.path])
            #expect(result.status == 0, "\(result.standardError)")
        }
        let committed = repositoryRoot.appendingPathComponent("docs/images/teaching")
        let made = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(made.count == 23, "\(made)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: committed.path).sorted() == made)
        for file in made {
            let new = try Data(contentsOf: directory.appendingPathComponent(file))
            let old = try Data(contentsOf: committed.appendingPathComponent(file))
            if file.hasSuffix(".dot") {
                #expect(new == old, "docs/images/teaching/\(file) drifted; run `make readme-images`")
            } else {
                #expect(SVGTexts(old).isWellFormed)
                #expect(!SVGTexts(new).textsByGroup.isEmpty)
                #expect(
                    SVGTexts(new).textsByGroup == SVGTexts(old).textsByGroup,
                    "docs/images/teaching/\(file) drifted; run `make readme-images`")
            }
        }
    }

    @Test func readmeShowsTheImages() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for image in Self.images + Self.teachingImages {
            #expect(readme.contains("docs/images/\(image).svg"), "README.md shows \(image).svg")
        }
    }
}
