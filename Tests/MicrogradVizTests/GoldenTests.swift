import MicrogradLanguage
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// DOT, JSON and Mermaid of the built-in samples, byte for byte against reviewed files.
/// The command line's own golden test compares what it writes with the same files.
@Suite("Golden files")
struct GoldenTests {
    static let samples = ["readme", "neuron", "mlp", "mlp-tensor"]

    static func build(_ sample: String) throws -> any GraphValue {
        try #require(SampleCatalogue.named(sample)).build().output
    }

    @Test(arguments: Self.samples)
    func beforeAndAfterBackward(sample: String) throws {
        let root = try Self.build(sample)
        let before = root.snapshot()
        root.backward()
        let after = root.snapshot()
        expectMatchesGolden(before.dot(), named: "\(sample)-before.dot")
        expectMatchesGolden(after.dot(), named: "\(sample)-after.dot")
        expectMatchesGolden(after.json(), named: "\(sample)-after.json")
        expectMatchesGolden(after.mermaid(), named: "\(sample)-after.mmd")
    }

    @Test func optionsVariants() throws {
        let root = try Self.build("neuron")
        root.backward()
        let snapshot = root.snapshot()
        expectMatchesGolden(
            snapshot.dot(
                options: DOTOptions(
                    style: .compact, fields: [.label, .grad], precision: 2, rankDirection: .topToBottom, theme: .print,
                    title: "neuron", showsLegend: false)),
            named: "neuron-compact-print.dot")
        expectMatchesGolden(
            snapshot.dot(options: DOTOptions(theme: .dark, groupsScopes: false)), named: "neuron-dark.dot")
    }

    @Test func sameGraphSameBytes() throws {
        for sample in Self.samples {
            let first = try Self.build(sample)
            let second = try Self.build(sample)
            first.backward()
            second.backward()
            #expect(first.snapshot().dot() == second.snapshot().dot())
            #expect(first.snapshot().json() == second.snapshot().json())
            #expect(first.snapshot().mermaid() == second.snapshot().mermaid())
        }
    }
}
