import Foundation
import MicrogradLanguage
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// `--edges chain` and `--edges grad` on the samples whose numbers are published: every
/// edge's product is its local derivative times the upstream gradient, and every value's
/// gradient is the sum of what its edges carry.
@Suite("Chain-rule edges")
struct ChainRuleEdgeTests {
    static func sample(_ name: String) throws -> GraphSnapshot {
        let root = try #require(SampleCatalogue.named(name)).build().output
        root.backward()
        return root.snapshot()
    }

    /// The numbers written in a text, in order (`-3.0000`, `1e-05`); not those inside names like `x1`.
    static func numbers(in text: some StringProtocol) -> [Double] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }
    }

    /// Every edge: `∂…/∂… = formula = L` (or a bare number) over `× U = C`, with U the
    /// result's gradient and C = L·U up to rounding; every value used twice or more: its sum.
    static func expectConsistentLabels(
        _ snapshot: GraphSnapshot, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let overlay = DiagramOverlay.chainRule(snapshot)
        let edges = snapshot.edgeDerivatives()
        let format = NumberFormat()
        for edge in edges.edges {
            let label = overlay.edges[.init(node: edge.node, operand: edge.operand)]?.label ?? ""
            let lines = label.split(separator: "\n")
            #expect(lines.count == 2, "\(label)", sourceLocation: sourceLocation)
            guard lines.count == 2, let local = numbers(in: lines[0]).last else { continue }
            #expect(lines[0].hasPrefix("∂"), sourceLocation: sourceLocation)
            let product = numbers(in: lines[1])
            #expect(lines[1].hasPrefix("× ") && product.count == 2, "\(label)", sourceLocation: sourceLocation)
            guard product.count == 2 else { continue }
            #expect(format.format(product[0]) == format.format(snapshot.nodes[edge.node].grad[0]))
            #expect(format.format(product[1]) == format.format(edge.contribution[0]), sourceLocation: sourceLocation)
            // The three printed numbers agree up to their rounding (half a unit in the 4th decimal each).
            let slack = 0.00005 * (abs(local) + abs(product[0]) + 1)
            #expect(abs(local * product[0] - product[1]) <= slack, "\(label)", sourceLocation: sourceLocation)
        }
        for node in snapshot.nodes where edges.edges(outOf: node.id).count > 1 && node.role != .constant {
            let line = overlay.nodes[node.id]?.lines.first ?? ""
            #expect(overlay.nodes[node.id]?.hidesGrad == true, sourceLocation: sourceLocation)
            #expect(
                line.hasPrefix("grad " + format.format(node.grad[0]) + " = "), "\(line)", sourceLocation: sourceLocation
            )
            let sides = line.split(separator: "=")
            guard sides.count == 2 else { continue }
            // `3.0000 + 3.0000 - 1.0000`: signs are spaced apart from the terms.
            var total = 0.0
            var sign = 1.0
            for word in sides[1].split(separator: " ") {
                if word == "+" {
                    sign = 1
                } else if word == "-" {
                    sign = -1
                } else if let term = Double(word) {
                    total += sign * term
                }
            }
            let terms = edges.edges(outOf: node.id).count
            #expect(abs(total - node.grad[0]) <= 0.00005 * Double(terms + 1), "\(line)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["readme", "zero-to-hero", "neuron", "sigmoid-2-3-1", "linear-regression"])
    func productsAndSumsAreConsistent(sample: String) throws {
        Self.expectConsistentLabels(try Self.sample(sample))
    }

    /// micrograd's README: g = 24.7041, dg/da = 138.8338 and dg/db = 645.5773, each the sum of
    /// what a's and b's edges carry.
    @Test func readmePublishedValues() throws {
        let snapshot = try Self.sample("readme")
        let overlay = DiagramOverlay.chainRule(snapshot)
        #expect(NumberFormat().format(snapshot.root.data[0]) == "24.7041")
        let a = try #require(snapshot.nodes.first { $0.label == "a" && $0.op == nil })
        let b = try #require(snapshot.nodes.first { $0.label == "b" && $0.op == nil })
        let aLine = try #require(overlay.nodes[a.id]?.lines.first)
        let bLine = try #require(overlay.nodes[b.id]?.lines.first)
        #expect(aLine.hasPrefix("grad 138.8338 = "), "\(aLine)")
        #expect(bLine.hasPrefix("grad 645.5773 = "), "\(bLine)")
        // a is used five times (a + b, a * b, -a, b + a, b - a), and b five (a + b, a * b, b^3, b + a, b - a).
        #expect(aLine.split(separator: "=")[1].split(separator: " ").filter { Double($0) != nil }.count == 5)
        #expect(bLine.split(separator: "=")[1].split(separator: " ").filter { Double($0) != nil }.count == 5)
    }

    /// nn-zero-to-hero lecture 1: L = −8 with dL/da = 6, dL/db = −4, dL/dc = −2, dL/df = 4.
    @Test func zeroToHeroPublishedValues() throws {
        let snapshot = try Self.sample("zero-to-hero")
        let overlay = DiagramOverlay.chainRule(snapshot)
        #expect(snapshot.root.data == [-8])
        func label(from input: String) throws -> String {
            let id = try #require(snapshot.nodes.first { $0.label == input }?.id)
            let edge = try #require(snapshot.edgeDerivatives().edges(outOf: id).first)
            return try #require(overlay.edges[.init(node: edge.node, operand: edge.operand)]?.label)
        }
        #expect(try label(from: "a") == "∂e/∂a = b = -3.0000\n× -2.0000 = 6.0000")
        #expect(try label(from: "b") == "∂e/∂b = a = 2.0000\n× -2.0000 = -4.0000")
        #expect(try label(from: "c") == "∂d/∂c = 1\n× -2.0000 = -2.0000")
        #expect(try label(from: "f") == "∂L/∂f = d = 4.0000\n× 1.0000 = 4.0000")
    }

    /// The neuron: o = 0.7071 and ∂o/∂n = 1 − o² = 0.5000, with 1.0000 flowing in and 0.5000 out.
    @Test func neuronPublishedValues() throws {
        let snapshot = try Self.sample("neuron")
        let overlay = DiagramOverlay.chainRule(snapshot)
        #expect(NumberFormat().format(snapshot.root.data[0]) == "0.7071")
        let label = overlay.edges[.init(node: snapshot.rootID, operand: 0)]?.label
        #expect(label == "∂o/∂n = 1 − o² = 0.5000\n× 1.0000 = 0.5000")
        let dot = snapshot.dot(edges: .chain)
        #expect(dot.contains("label=\"∂o/∂n = 1 − o² = 0.5000\\n× 1.0000 = 0.5000\""))
        let svg = SVGTexts(try GraphRenderer.render(dot: dot, format: .svg))
        #expect(svg.isWellFormed)
    }

    /// Before backward() only the local derivatives show: they are known after the forward pass.
    @Test func beforeBackwardOnlyLocalDerivativesShow() throws {
        let root = try #require(SampleCatalogue.named("neuron")).build().output
        let overlay = DiagramOverlay.chainRule(root.snapshot())
        let snapshot = root.snapshot()
        #expect(overlay.edges[.init(node: snapshot.rootID, operand: 0)]?.label == "∂o/∂n = 1 − o² = 0.5000")
        #expect(overlay.nodes.isEmpty)
    }

    /// `--edges grad`: arrows reversed, each labelled with the gradient that flows.
    @Test func gradientFlowReversesArrowsAndLabelsGradients() throws {
        let snapshot = try Self.sample("zero-to-hero")
        let dot = snapshot.dot(edges: .grad)
        #expect(dot.contains("dir=\"back\""))
        let overlay = DiagramOverlay.gradientFlow(snapshot)
        let edges = snapshot.edgeDerivatives()
        for edge in edges.edges {
            #expect(
                overlay.edges[.init(node: edge.node, operand: edge.operand)]?.label
                    == NumberFormat().format(edge.contribution[0]))
        }
        #expect(SVGTexts(try GraphRenderer.render(dot: dot, format: .svg)).isWellFormed)
    }

    /// Tensor graphs: elementwise edges summarise their local derivatives, the others say
    /// what their input receives.
    @Test func tensorEdgesAreLabelled() throws {
        let snapshot = try Self.sample("linear-regression-tensor")
        let overlay = DiagramOverlay.chainRule(snapshot)
        let matmul = try #require(snapshot.nodes.first { $0.op == .matmul })
        let label = try #require(overlay.edges[.init(node: matmul.id, operand: 1)]?.label)
        #expect(label.contains("ᵀ @ g"), "\(label)")
        #expect(SVGTexts(try GraphRenderer.render(dot: snapshot.dot(edges: .chain), format: .svg)).isWellFormed)
    }

    /// Merging keeps both overlays' marks.
    @Test func mergingKeepsBothOverlays() {
        var first = DiagramOverlay()
        first.nodes[1] = .init(fill: "#ffffff", lines: ["one"], hidesGrad: true)
        first.edges[.init(node: 2, operand: 0)] = .init(label: "a", color: "#000000")
        var second = DiagramOverlay(reversesEdges: true)
        second.nodes[1] = .init(fill: "#fecaca", lines: ["two"])
        second.edges[.init(node: 2, operand: 0)] = .init(penWidth: 2)
        second.key = [.text("key")]
        let merged = first.merging(second)
        #expect(merged.nodes[1] == .init(fill: "#fecaca", lines: ["one", "two"], hidesGrad: true))
        #expect(merged.edges[.init(node: 2, operand: 0)] == .init(label: "a", color: "#000000", penWidth: 2))
        #expect(merged.key == [.text("key")] && merged.reversesEdges)
    }
}
