import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// Overlays (colours, tags, edge labels, key entries) and views (parts, merged scopes)
/// in DOT, and rendered through Graphviz without errors.
@Suite("Overlays and views in diagrams")
struct OverlayAndViewTests {
    static func neuron() -> GraphSnapshot {
        let root = SampleGraphs.neuron()
        root.backward()
        return root.snapshot()
    }

    /// The node statement of `id` in `dot`.
    static func line(_ dot: String, _ id: String) -> String {
        dot.split(separator: "\n").first { $0.contains("\"\(id)\" [") }.map(String.init) ?? ""
    }

    @Test func anEmptyOverlayChangesNothing() {
        let snapshot = Self.neuron()
        #expect(snapshot.dot(overlay: DiagramOverlay()) == snapshot.dot())
        #expect(GraphView(snapshot).dot() == snapshot.dot())
    }

    @Test func marksColourTagAndExtendBoxes() throws {
        let snapshot = Self.neuron()
        var overlay = DiagramOverlay()
        overlay.nodes[7] = .init(
            fill: "#fecaca", border: "#b91c1c", penWidth: 2.5, tag: "NaN born here", lines: ["numeric grad 0.5000"],
            tooltipLines: ["relative error 1e-9"])
        overlay.nodes[3] = .init(dashed: true, hidesGrad: true)
        overlay.edges[.init(node: 8, operand: 1)] = .init(label: "∂n/∂b = 1", color: "#2563eb", penWidth: 2)
        overlay.key = [
            .swatch(fill: "#fecaca", border: "#b91c1c", text: "a finding"),
            .scale(colors: ["#000004", "#fcfdbf"], low: "1e-6", high: "1", title: "|grad|"),
            .text("dead: none"),
        ]
        let dot = snapshot.dot(overlay: overlay)
        let b = Self.line(dot, "n7")
        #expect(b.contains("color=\"#b91c1c\", fillcolor=\"#fecaca\""))
        #expect(b.contains("label=\"{NaN born here|b|data 6.8814|grad 0.5000|numeric grad 0.5000}\""))
        #expect(b.contains("penwidth=\"2.5\""))
        #expect(b.contains("\\nrelative error 1e-9\""))
        let x2 = Self.line(dot, "n3")
        #expect(x2.contains("style=\"filled,dashed\"") && !x2.contains("|grad "))
        #expect(dot.contains("\"n7\" -> \"n8_op\" [color=\"#2563eb\", label=\"∂n/∂b = 1\", penwidth=\"2\"];"))
        #expect(dot.contains("a finding") && dot.contains("|grad|") && dot.contains("dead: none"))
        let svg = try GraphRenderer.render(dot: dot, format: .svg)
        #expect(SVGTexts(svg).isWellFormed)
        #expect(SVGTexts(svg).textsByGroup["n7"]?.first == "NaN born here")
    }

    @Test func reversedEdgesKeepTheLayoutAndPointBack() {
        let dot = Self.neuron().dot(overlay: DiagramOverlay(reversesEdges: true))
        #expect(dot.contains("edge [arrowsize=\"0.6\", color=\"#6b7280\", dir=\"back\""))
    }

    @Test func mergedScopesAreRoundedBoxesWithCountedEdges() throws {
        let model = MLP(2, [3, 3, 1], seed: 4)
        let loss = (1 - model([Value(0.5, label: "x0"), Value(-0.5, label: "x1")])[0]).relu()
        loss.label = "loss"
        loss.backward()
        let view = GraphView(loss.snapshot(), collapsing: ["mlp/layer0", "mlp/layer1", "mlp/layer2"])
        let dot = view.dot()
        let layer1 = try #require(
            view.origins.firstIndex { if case .scope(let scope) = $0 { scope.name == "layer1" } else { false } })
        let line = Self.line(dot, "n\(layer1)")
        #expect(line.contains("style=\"filled,rounded\""))
        // Its name and what it computes, its three outputs' numbers, its parameters' gradient.
        #expect(line.contains("label=\"layer1: 3 × relu(w·x + b)|data [0."), "\(line)")
        #expect(line.contains("|12 params, grad norm "), "\(line)")
        // Three values flow from layer 0: a count beside the edge (not a label, which dot lays out
        // as a node) and a thicker line.
        let edge = try #require(
            dot.split(separator: "\n").first { $0.hasPrefix("  \"n\(layer1 - 1)\" -> \"n\(layer1)\" [") })
        #expect(
            edge.contains("penwidth=\"1.5\", tooltip=\"3 values\"") && edge.hasSuffix("xlabel=\"3\"];"), "\(edge)")
        #expect(dot.contains("a scope drawn as one box"))
        let svg = try GraphRenderer.render(dot: dot, format: .svg)
        #expect(SVGTexts(svg).isWellFormed)
    }

    @Test func partsShowWhereTheGraphContinues() throws {
        let snapshot = Self.neuron()
        let view = GraphView(snapshot, keeping: [6, 7, 8])  // the sum, b and n
        let dot = view.dot()
        #expect(
            dot.contains(
                "\"n0_in\" [label=\"…\", peripheries=\"0\", shape=\"plaintext\", style=\"solid\", "
                    + "tooltip=\"2 inputs not drawn\"];"))
        #expect(dot.contains("\"n2\" -> \"n2_out\" [style=\"dashed\""))
        #expect(!dot.contains("penwidth=\"2\""), "the output is not drawn, so no box is styled as it")
        let svg = try GraphRenderer.render(dot: dot, format: .svg)
        #expect(SVGTexts(svg).isWellFormed)
    }
}
