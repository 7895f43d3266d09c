import Foundation
import MicrogradTestSupport
import Testing

@testable import MicrogradLanguage

/// The DOT the CLI writes for every sample, before and after backward(), against reviewed files.
@Suite("Sample diagrams")
struct SampleGoldenTests {
    @Test(arguments: SampleCatalogue.all.map(\.name))
    func dotMatchesGolden(sample: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["snapshot", sample, "--format", "dot", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        for stage in ["before", "after"] {
            let dot = try String(
                contentsOf: directory.appendingPathComponent("\(sample)-\(stage).dot"), encoding: .utf8)
            expectMatchesGolden(dot, named: "\(sample)-\(stage).dot")
        }
    }
}
