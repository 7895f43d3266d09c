import Foundation
import MicrogradTestSupport
import Testing

@testable import MicrogradLanguage

/// The DOT the CLI writes for every sample, before and after backward(), against reviewed
/// files; for the samples the library's golden test also draws, its JSON and Mermaid too, so the
/// command line and the library are held to the same bytes.
@Suite("Sample diagrams")
struct SampleGoldenTests {
    @Test(arguments: SampleCatalogue.all.map(\.name))
    func dotMatchesGolden(sample: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["snapshot", sample, "--format", "dot,json,mermaid", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        var files = ["\(sample)-before.dot", "\(sample)-after.dot"]
        if ["readme", "neuron", "mlp", "mlp-tensor"].contains(sample) {
            files += ["\(sample)-after.json", "\(sample)-after.mmd"]
        }
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            expectMatchesGolden(text, named: file)
        }
    }
}
