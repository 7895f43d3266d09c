import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

@Suite("DOT structure")
struct DOTTests {
    @Test func oneEdgePerOperandSlot() {
        let a = Value(3.0, label: "a")
        let square = a * a
        let dot = square.snapshot().dot()
        #expect(dot.components(separatedBy: "\"n0\" -> \"n1_op\"").count - 1 == 2)
        let compact = square.snapshot().dot(options: DOTOptions(style: .compact))
        #expect(compact.components(separatedBy: "\"n0\" -> \"n1\"").count - 1 == 2)
    }

    @Test func orderSensitiveOperandsAreLabelled() {
        let a = Value(5.0, label: "a")
        let b = Value(2.0, label: "b")
        let dot = (a - b).snapshot().dot()
        // Marked at the operation's end: a head label does not take a rank of its own, as a label does.
        #expect(dot.contains("\"n0\" -> \"n2_op\" [headlabel=\"a\""))
        #expect(dot.contains("\"n1\" -> \"n2_op\" [headlabel=\"b\""))
        #expect(!(a + b).snapshot().dot().contains("headlabel"))
    }

    @Test func rolesAndRootHaveTheirOwnLook() {
        let root = SampleGraphs.neuron()
        let dot = root.snapshot().dot()
        let palette = Theme.light.palette
        func line(_ id: String) -> String {
            dot.split(separator: "\n").first { $0.contains("\"\(id)\" [") }.map(String.init)!
        }
        #expect(line("n0").contains("fillcolor=\"\(palette.roles[.input]!.fill)\""))
        #expect(line("n1").contains("fillcolor=\"\(palette.roles[.parameter]!.fill)\""))
        // Intermediates take the default node style, so they carry no colours of their own.
        let defaults = dot.split(separator: "\n").first { $0.hasPrefix("  node [") }.map(String.init)!
        #expect(defaults.contains("fillcolor=\"\(palette.roles[.intermediate]!.fill)\""))
        #expect(!line("n2").contains("fillcolor"))
        #expect(line("n9").contains("fillcolor=\"\(palette.root.fill)\""))
        let fills = Set(Role.allCases.map { palette.roles[$0]!.fill } + [palette.root.fill])
        #expect(fills.count == 5, "every role and the root are distinguishable")
        let printStyles = Set(Role.allCases.map { Theme.print.palette.roles[$0]!.style })
        #expect(printStyles.count == 4, "in print, roles differ by line style")
    }

    @Test func recordLabelsFollowTheLectureLayout() {
        let dot = SampleGraphs.neuron().snapshot().dot()
        #expect(dot.contains("label=\"{x1|data 2.0000|grad 0.0000}\""))
        let topToBottom = SampleGraphs.neuron().snapshot().dot(options: DOTOptions(rankDirection: .topToBottom))
        #expect(topToBottom.contains("label=\"x1|data 2.0000|grad 0.0000\""))
        #expect(topToBottom.contains("rankdir=\"TB\""))
    }

    @Test func tooltipsCarryFullPrecision() {
        let root = SampleGraphs.neuron()
        root.backward()
        let dot = root.snapshot().dot()
        #expect(dot.contains("tooltip=\"b (parameter)\\ndata = 6.881373587019543\\ngrad = 0.4999999999999998\""))
    }

    @Test func scopesBecomeNestedClusters() {
        let dot = SampleGraphs.mlp().snapshot().dot()
        let lines = dot.split(separator: "\n").map(String.init)
        let mlp = lines.firstIndex { $0.contains("subgraph \"cluster_mlp\"") }!
        let layer0 = lines.firstIndex { $0.contains("subgraph \"cluster_mlp/layer0\"") }!
        let neuron = lines.firstIndex { $0.contains("subgraph \"cluster_mlp/layer0/neuron1\"") }!
        #expect(mlp < layer0 && layer0 < neuron)
        #expect(lines[neuron].hasPrefix("      "), "nested three deep")
        #expect(!SampleGraphs.mlp().snapshot().dot(options: DOTOptions(groupsScopes: false)).contains("cluster_mlp"))
    }

    @Test func legendListsOnlyRolesPresent() {
        let dot = SampleGraphs.neuron().snapshot().dot()
        let legend = dot.split(separator: "\n").first { $0.hasPrefix("  \"legend\"") }.map(String.init) ?? ""
        #expect(legend.contains(">input<") && legend.contains(">parameter<") && legend.contains(">output<"))
        #expect(!legend.contains(">constant<"))
        #expect(!SampleGraphs.neuron().snapshot().dot(options: DOTOptions(showsLegend: false)).contains("legend"))
    }

    @Test func fieldsAndPrecisionOptions() {
        let dot = SampleGraphs.neuron().snapshot().dot(options: DOTOptions(fields: [.data], precision: 1))
        #expect(dot.contains("label=\"{data 2.0}\""))
        let labels = dot.split(separator: "\n").compactMap { line in
            line.range(of: "label=\"").map { line[$0.upperBound...] }
        }
        #expect(!labels.contains { $0.hasPrefix("{grad") || $0.contains("|grad") })
    }

    @Test func nonFiniteNumbersAreShownAsSuch() {
        let x = Value(-1.0, label: "x")
        let y = x.log()
        y.backward()
        let dot = y.snapshot().dot()
        #expect(dot.contains("data NaN"))
        let z = Value(0.0, label: "z")
        let inverse = 1 / z
        inverse.backward()
        #expect(inverse.snapshot().dot().contains("data inf"))
        #expect(inverse.snapshot().dot().contains("grad -inf"))
    }
}
