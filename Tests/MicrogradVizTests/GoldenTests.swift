import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// DOT, JSON and Mermaid of three graphs, byte for byte against reviewed files.
@Suite("Golden files")
struct GoldenTests {
    static let graphs: [(String, @Sendable () -> Value)] = [
        ("readme", SampleGraphs.readme), ("neuron", SampleGraphs.neuron), ("mlp", SampleGraphs.mlp),
    ]

    @Test(arguments: ["readme", "neuron", "mlp"])
    func beforeAndAfterBackward(name: String) {
        let build = Self.graphs.first { $0.0 == name }!.1
        let root = build()
        let before = root.snapshot()
        root.backward()
        let after = root.snapshot()
        expectMatchesGolden(before.dot(), named: "\(name)-before.dot")
        expectMatchesGolden(after.dot(), named: "\(name)-after.dot")
        expectMatchesGolden(after.json(), named: "\(name)-after.json")
        expectMatchesGolden(after.mermaid(), named: "\(name)-after.mmd")
    }

    @Test func optionsVariants() {
        let root = SampleGraphs.neuron()
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

    @Test func sameGraphSameBytes() {
        for (_, build) in Self.graphs {
            let first = build()
            let second = build()
            first.backward()
            second.backward()
            #expect(first.snapshot().dot() == second.snapshot().dot())
            #expect(first.snapshot().json() == second.snapshot().json())
            #expect(first.snapshot().mermaid() == second.snapshot().mermaid())
        }
    }
}
