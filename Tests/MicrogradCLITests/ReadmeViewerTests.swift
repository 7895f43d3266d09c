import Foundation
import MicrogradTestSupport
import Testing

/// The viewer's page and screenshot in docs/images, which the README shows and links, are
/// what the CLI makes today. Regenerate them with `make readme-images`.
@Suite("README viewer page and screenshot")
struct ReadmeViewerTests {
    static let images = repositoryRoot.appendingPathComponent("docs/images")

    /// `html` with each diagram replaced by the texts of its value boxes, in order: the
    /// layout depends on the machine's fonts, everything else must match byte for byte.
    static func withoutLayout(_ html: String) -> (page: String, texts: [[String: [String]]]) {
        var texts: [[String: [String]]] = []
        let page = html.replacing(/<svg[^>]*>[\s\S]*?<\/svg>/) { match in
            texts.append(SVGTexts(Data(String(match.output).utf8)).textsByGroup)
            return "<svg/>"
        }
        return (page, texts)
    }

    @Test func thePageHasNotDrifted() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "snapshot", "neuron", "--stage", "after", "--format", "html", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let made = try String(contentsOf: directory.appendingPathComponent("neuron-after.html"), encoding: .utf8)
        let committed = try String(contentsOf: Self.images.appendingPathComponent("neuron-after.html"), encoding: .utf8)
        let (madePage, madeTexts) = Self.withoutLayout(made)
        let (committedPage, committedTexts) = Self.withoutLayout(committed)
        #expect(madePage == committedPage, "docs/images/neuron-after.html drifted; run `make readme-images`")
        #expect(madeTexts.contains { $0.keys.contains("n9") }, "the diagram of every value is compared")
        #expect(
            madeTexts == committedTexts, "docs/images/neuron-after.html's diagrams drifted; run `make readme-images`")
    }

    @Test func theScreenshotIsThereAndTheReadmeShowsIt() throws {
        let png = try Data(contentsOf: Self.images.appendingPathComponent("viewer-neuron.png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // The IHDR chunk: width and height, big-endian, after the signature and the chunk's length and type.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect((width, height) == (1280, 720))
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("docs/images/viewer-neuron.png"))
        #expect(readme.contains("docs/images/neuron-after.html"))
    }
}
