import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

/// `gradientCheck()`: central differences against backward(), leaf by leaf.
@Suite("Gradient check of a graph")
struct LeafGradientCheckTests {
    /// x³ as a student might write it, with a backward that forgets the square: the local
    /// derivative 3·x instead of 3·x². Test-only: recorded straight on the engine.
    static func brokenCube(_ x: Value) -> Value {
        Value(NodeRef.unary(.power(3), x.node, data: pow(x.data, 3), localDerivative: 3 * x.data))
    }

    @Test(arguments: ["readme", "neuron", "mlp"])
    func correctGraphsPass(graph: String) {
        let root =
            graph == "readme" ? SampleGraphs.readme() : graph == "neuron" ? SampleGraphs.neuron() : SampleGraphs.mlp()
        root.backward()
        let check = root.gradientCheck()
        #expect(check.passes, "\(check.mismatches)")
        #expect(check.leaves.count == root.snapshot().nodes.filter { $0.op == nil }.count)
        for leaf in check.leaves { #expect(leaf.relativeError < 1e-6, "\(leaf)") }
    }

    /// The broken cube is caught on every leaf its gradient flows to, and on no other.
    @Test func aWrongDerivativeIsCaught() throws {
        let x = Value(1.5, label: "x")
        let w = Value(-0.5, label: "w", role: .parameter)
        let unaffected = Value(2.0, label: "u")
        let loss = Self.brokenCube(x * w) + unaffected * 3
        loss.backward()
        let check = loss.gradientCheck()
        #expect(!check.passes)
        #expect(Set(check.mismatches.compactMap(\.label)) == ["x", "w"])
        let xLeaf = try #require(check.leaves.first { $0.label == "x" })
        // ∂loss/∂x = 3·(xw)²·w = 3·0.5625·(-0.5) = -0.84375; the broken op gives 3·(xw)·w = 1.125.
        #expect(isClose(xLeaf.numeric, -0.84375, tolerance: 1e-6))
        #expect(isClose(xLeaf.analytic, 1.125, tolerance: 1e-12))
        #expect(xLeaf.relativeError > 0.5)
        #expect(try #require(check.leaves.first { $0.label == "u" }).agrees)
    }

    /// A kink: ReLU at exactly 0 has slope 0 in the engine, 0.5 by central differences.
    @Test func aKinkIsReported() {
        let x = Value(0.0, label: "x")
        let y = x.relu()
        y.backward()
        let check = y.gradientCheck()
        #expect(check.mismatches.map(\.label) == ["x"])
        #expect(check.mismatches[0].analytic == 0 && isClose(check.mismatches[0].numeric, 0.5))
    }

    /// The check runs backward() from zero and puts every gradient back.
    @Test func gradientsAreLeftAsTheyWere() {
        let root = SampleGraphs.readme()
        root.backward()
        root.backward()  // accumulated twice: every gradient doubled
        let before = root.snapshot()
        let check = root.gradientCheck()
        #expect(root.snapshot() == before)
        #expect(check.passes, "the check does its own backward() from zero")
        let a = check.leaves.first { $0.label == "a" }
        #expect(a.map { isClose($0.analytic, 138.8338, tolerance: 1e-6) } == true)
    }

    @Test func relativeErrorIsRelativeAboveOneAndAbsoluteBelow() {
        #expect(GradientCheck.relativeError(200, 201) == 1.0 / 201)
        #expect(GradientCheck.relativeError(1e-9, 0) == 1e-9)
        #expect(GradientCheck.relativeError(0, 0) == 0)
        #expect(GradientCheck.relativeError(.nan, 1) == .infinity)
    }
}
