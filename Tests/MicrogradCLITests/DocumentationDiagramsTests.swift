import Foundation
import MicrogradTestSupport
import Testing

/// The diagrams of the DocC catalogs are what `micrograd diagrams` draws from their .mg files and
/// micrograd-diagrams.conf today. Redraw them with `make docs-diagrams`.
@Suite("Documentation diagrams")
struct DocumentationDiagramsTests {
    @Test(arguments: ["Micrograd", "MicrogradViz", "MicrogradLanguage"])
    func diagramsHaveNotDrifted(module: String) throws {
        let resources = repositoryRoot.appendingPathComponent("Sources/\(module)/Documentation.docc/Resources")
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sources = try FileManager.default.contentsOfDirectory(atPath: resources.path).filter {
            $0.hasSuffix(".mg") || $0 == "micrograd-diagrams.conf"
        }
        #expect(!sources.isEmpty)
        for name in sources {
            try FileManager.default.copyItem(
                at: resources.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        let result = try micrograd(["diagrams", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let drawn = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".svg") }
            .sorted()
        let committed = try FileManager.default.contentsOfDirectory(atPath: resources.path).filter {
            $0.hasSuffix(".svg")
        }.sorted()
        #expect(drawn == committed, "the catalog's diagrams are the ones its sources draw; run `make docs-diagrams`")
        for name in drawn where committed.contains(name) {
            // Positions depend on the machine's fonts; the boxes and their texts must match.
            let mine = SVGTexts(try Data(contentsOf: directory.appendingPathComponent(name)))
            let theirs = SVGTexts(try Data(contentsOf: resources.appendingPathComponent(name)))
            #expect(theirs.isWellFormed)
            #expect(mine.textsByGroup == theirs.textsByGroup, "\(module): \(name) drifted; run `make docs-diagrams`")
        }
    }
}
