import Foundation
import Testing

@testable import Micrograd
@testable import MicrogradLanguage

/// Issue 9, item 20: the README's `.mg` examples are what the language does: the annotated
/// example runs as pasted, and the messages it shows are the ones users get.
@Suite("The README's network-file section")
struct ReadmeNetworkFileTests {
    /// The code blocks of the README section `### Network files (`.mg`)`.
    static func codeBlocks() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "### Network files (`.mg`)"))
        let section = readme[start.upperBound...]
        let end = section.range(of: "\n### ")?.lowerBound ?? section.endIndex
        return section[..<end].components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map {
            String($0.element.drop { $0 == "\n" })
        }
    }

    @Test func annotatedExampleRunsAsPasted() throws {
        let example = try #require(try Self.codeBlocks().first)
        let program = try NetworkProgram(text: example, source: "lecture.mg")
        #expect(program.warnings.isEmpty, "\(program.warnings.map(\.description))")
        let network = ScalarNetwork(try program.build())
        #expect(network.outputName == "L")
        #expect(network.leaves.map(\.name) == ["a", "b", "w"], "const k is not listed")
        #expect(network.output.data == Foundation.tanh(4 * 0.5) + 16)
    }

    @Test func errorAndWarningExamplesAreTheRealMessages() throws {
        let blocks = try Self.codeBlocks()
        let error = try #require(throws: NetworkFileError.self) {
            try NetworkProgram(text: "x = 2\ny = tahn(x)\n", source: "bad.mg").build()
        }
        #expect(blocks.contains { $0.contains(error.description) }, "\(error.description)")
        let warning = try #require(
            try NetworkProgram(
                text: "x1 = 2\nx2 = 0\nparam w1 = -3\nparam w2 = 1.0\no = tanh(x1 * w1 + x2)", source: "neuron2.mg"
            )
            .warnings.first)
        #expect(blocks.contains { $0.contains(warning.description) }, "\(warning.description)")
    }
}
