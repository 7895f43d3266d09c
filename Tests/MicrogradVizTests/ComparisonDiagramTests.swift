import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// The drawing of a comparison: old → new numbers on each box, colours from the scale.
@Suite("Comparison diagrams")
struct ComparisonDiagramTests {
    /// `p = w·x + b`, `loss = (p − y)²` at the given parameters, after backward().
    static func step(w: Double, b: Double) -> GraphSnapshot {
        let weight = Value(w, label: "w", role: .parameter)
        let bias = Value(b, label: "b", role: .parameter)
        let p = weight * Value(2, label: "x") + bias
        let e = p - Value(3, label: "y")
        let loss = e * e
        loss.label = "loss"
        loss.backward()
        return loss.snapshot()
    }

    @Test func colorsFollowTheStepsOfTheScale() {
        let colors = SnapshotComparison.changeColors
        #expect(colors.count == 7)
        #expect(SnapshotComparison.color(of: 0) == colors[3])
        #expect(SnapshotComparison.color(of: 0.0005) == colors[3])
        #expect(SnapshotComparison.color(of: 0.005) == colors[4])
        #expect(SnapshotComparison.color(of: -0.05) == colors[1])
        #expect(SnapshotComparison.color(of: 0.8) == colors[6])
        #expect(SnapshotComparison.color(of: -.infinity) == colors[0])
        #expect(SnapshotComparison.color(of: .nan) == nil)
        #expect(SnapshotComparison.percent(0.8) == "+80.0%")
        #expect(SnapshotComparison.percent(-0.5) == "-50.0%")
        #expect(SnapshotComparison.percent(0.0001) == "+<0.1%")
        #expect(SnapshotComparison.percent(.infinity) == "from 0")
    }

    @Test func boxesShowOldAndNewNumbersColouredByTheirChange() throws {
        // Step 2 after SGD at rate 0.05: w 0.5 → 0.9, b 0 → 0.2; ∂w −8 → −4.
        let comparison = try SnapshotComparison(from: Self.step(w: 0.5, b: 0), to: Self.step(w: 0.9, b: 0.2))
        let overlay = comparison.overlay()
        let w = try #require(comparison.new.nodes.first { $0.label == "w" })
        let mark = try #require(overlay.nodes[w.id])
        #expect(mark.lines == ["data 0.5000 → 0.9000 (+80.0%)", "grad -8.0000 → -4.0000 (-50.0%)"])
        #expect(mark.fill == SnapshotComparison.changeColors[6])
        #expect(mark.border == SnapshotComparison.changeColors[0])
        #expect(mark.hidesData && mark.hidesGrad)
        let loss = try #require(overlay.nodes[comparison.new.rootID])
        #expect(loss.lines[1] == "grad 1.0000 (unchanged)")
        #expect(loss.border == SnapshotComparison.unchangedBorder)
        let dot = comparison.dot()
        #expect(dot.contains("data 0.5000 → 0.9000 (+80.0%)"))
        #expect(dot.contains("+10% or more"))
        let svg = try GraphRenderer.render(dot: dot, format: .svg)
        #expect(SVGTexts(svg).textsByGroup["n\(w.id)"]?.contains("data 0.5000 → 0.9000 (+80.0%)") == true)
    }

    @Test func tensorBoxesCompareTheirMeanAndNorm() throws {
        let before = TensorGraphs.classifier()
        before.backward()
        let first = before.snapshot()
        var nodes = first.nodes
        for index in nodes.indices where nodes[index].role == .parameter {
            // Every element up by half the mean size: the mean rises by 50% of it. Twice the gradient: twice the norm.
            let size = nodes[index].data.map(abs).reduce(0, +) / Double(nodes[index].data.count)
            nodes[index].data = nodes[index].data.map { $0 + size / 2 }
            nodes[index].grad = nodes[index].grad.map { $0 * 2 }
        }
        let comparison = try SnapshotComparison(from: first, to: GraphSnapshot(nodes: nodes, rootID: first.rootID))
        let weight = try #require(first.nodes.first { $0.role == .parameter && $0.data.count > 4 })
        let mark = try #require(comparison.overlay().nodes[weight.id])
        #expect(mark.lines[0].hasPrefix("data mean ") && mark.lines[0].hasSuffix("(+50.0%)"))
        #expect(mark.lines[1].hasPrefix("grad norm ") && mark.lines[1].hasSuffix("(+100.0%)"))
    }
}
