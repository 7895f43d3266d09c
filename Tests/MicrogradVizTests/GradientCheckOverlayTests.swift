import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// A failed gradient check, drawn: the leaves it fails on filled red and tagged, each checked
/// leaf with its numeric gradient and error, and the key saying what the check was.
@Suite("Gradient check on the diagram")
struct GradientCheckOverlayTests {
    @Test func aBrokenDerivativeIsMarkedOnItsLeaves() throws {
        let x = Value(1.5, label: "x")
        let w = Value(-0.5, label: "w", role: .parameter)
        let u = Value(2.0, label: "u")
        // x·w cubed with a backward that forgets the square (test-only, straight on the engine).
        let product = x * w
        let cube = Value(
            NodeRef.unary(.power(3), product.node, data: pow(product.data, 3), localDerivative: 3 * product.data))
        let loss = cube + u * 3
        loss.backward()
        let check = loss.gradientCheck()
        let snapshot = loss.snapshot()
        let overlay = DiagramOverlay.gradientCheck(check)
        func id(_ label: String) -> Int { snapshot.nodes.first { $0.label == label }!.id }
        for label in ["x", "w"] {
            let mark = try #require(overlay.nodes[id(label)])
            #expect(mark.tag == "✗ gradient check" && mark.fill == TeachingColors.light.mismatchFill)
            #expect(mark.lines.first?.hasPrefix("numeric ") == true)
        }
        let agreeing = try #require(overlay.nodes[id("u")])
        #expect(agreeing.tag == nil && agreeing.fill == nil)
        #expect(agreeing.lines.first == "numeric 3.0000" && agreeing.lines.last?.hasPrefix("rel. error ") == true)
        #expect(overlay.nodes.count == 3, "the constant 3 agrees and is left unmarked")
        let dot = snapshot.dot(overlay: overlay)
        #expect(dot.contains("gradient check failed: rel. error above 1e-05"))
        let svg = SVGTexts(try GraphRenderer.render(dot: dot, format: .svg))
        #expect(svg.textsByGroup["n\(id("x"))"]?.first == "✗ gradient check")
    }
}
