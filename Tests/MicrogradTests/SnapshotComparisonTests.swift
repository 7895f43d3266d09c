import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Two steps of linear regression, `p = w·x + b`, `loss = (p − y)²`, with SGD at learning
/// rate 0.05 from `w = 0.5`, `b = 0` on the point `x = 2`, `y = 3`. By hand:
///
/// - step 1: `p = 1`, `e = p − y = −2`, `loss = 4`; `∂loss/∂e = 2e = −4`, so `∂p = −4`,
///   `∂w = −4·x = −8`, `∂b = −4`, `∂x = −4·w = −2`, `∂y = 4`.
/// - update: `w = 0.5 − 0.05·(−8) = 0.9`, `b = 0 − 0.05·(−4) = 0.2`.
/// - step 2: `p = 2`, `e = −1`, `loss = 1`; `∂p = −2`, `∂w = −4`, `∂b = −2`, `∂x = −1.8`, `∂y = 2`.
@Suite("Comparing snapshots")
struct SnapshotComparisonTests {
    /// The loss graph at the given parameters, after backward().
    static func step(w: Double, b: Double) -> GraphSnapshot {
        let weight = Value(w, label: "w", role: .parameter)
        let bias = Value(b, label: "b", role: .parameter)
        let x = Value(2, label: "x")
        let y = Value(3, label: "y")
        let p = weight * x + bias
        p.label = "p"
        let e = p - y
        e.label = "e"
        let loss = e * e
        loss.label = "loss"
        loss.backward()
        return loss.snapshot()
    }

    /// Both steps, the second at the parameters SGD computes from the first's gradients.
    static func twoSteps() throws -> (GraphSnapshot, GraphSnapshot) {
        let first = step(w: 0.5, b: 0)
        func node(_ label: String) throws -> GraphSnapshot.Node {
            try #require(first.nodes.first { $0.label == label })
        }
        let rate = 0.05
        let w = try node("w").data[0] - rate * node("w").grad[0]
        let b = try node("b").data[0] - rate * node("b").grad[0]
        return (first, step(w: w, b: b))
    }

    @Test func changesOfTwoStepsMatchTheHandComputation() throws {
        let (first, second) = try Self.twoSteps()
        let comparison = try SnapshotComparison(from: first, to: second)
        func change(_ label: String) throws -> SnapshotComparison.Change {
            comparison.changes[try #require(second.nodes.first { $0.label == label }).id]
        }
        // (data change, gradient-size change), from the numbers above.
        let expected: [(String, Double, Double)] = [
            ("w", (0.9 - 0.5) / 0.5, (4 - 8) / 8.0),
            ("x", 0, (1.8 - 2) / 2),
            ("y", 0, (2 - 4) / 4.0),
            ("p", (2 - 1) / 1.0, (2 - 4) / 4.0),
            ("e", (-1 - -2) / 2.0, (2 - 4) / 4.0),
            ("loss", (1 - 4) / 4.0, 0),
        ]
        for (label, data, grad) in expected {
            let found = try change(label)
            #expect(isClose(found.dataChange, data, tolerance: 1e-12), "\(label) data: \(found.dataChange)")
            #expect(isClose(found.gradChange, grad, tolerance: 1e-12), "\(label) grad: \(found.gradChange)")
        }
        // b starts at zero: a change from nothing.
        #expect(try change("b").dataChange == .infinity)
        #expect(isClose(try change("b").gradChange, -0.5, tolerance: 1e-12))
        #expect(try change("w").oldData == [0.5])
        #expect(isClose(try change("w").newData[0], 0.9, tolerance: 1e-12))
        #expect(try change("w").oldGrad == [-8])
        #expect(try change("w").newGrad == [-4])
    }

    @Test func tensorsChangeByTheirMeanAndTheirGradientNorm() {
        // Mean 2 → 3 over a mean size of 2: +50%. Norm 5 → 10: +100%.
        #expect(isClose(SnapshotComparison.relativeChange(of: [1, 3], to: [2, 4]), 0.5))
        #expect(isClose(SnapshotComparison.relativeChange(ofNorm: [3, 4], to: [6, 8]), 1))
        // A negative value going further down is a fall, relative to its size.
        #expect(isClose(SnapshotComparison.relativeChange(of: [-2], to: [-3]), -0.5))
        #expect(SnapshotComparison.relativeChange(of: [0, 0], to: [0, 0]) == 0)
        #expect(SnapshotComparison.relativeChange(of: [0], to: [-1]) == -.infinity)
        #expect(SnapshotComparison.relativeChange(ofNorm: [0], to: [2]) == .infinity)
        #expect(SnapshotComparison.relativeChange(of: [1], to: [.nan]).isNaN)
    }

    @Test func graphsOfDifferentStructureNameTheirFirstDifference() {
        let first = Self.step(w: 0.5, b: 0)
        let x = Value(2, label: "x")
        let other = x * x
        do throws(StructureMismatch) {
            _ = try SnapshotComparison(from: first, to: other.snapshot())
            Issue.record("comparing graphs of different sizes must fail")
        } catch {
            #expect(error.id == nil)
            #expect(
                error.description
                    == "the graphs differ in size: the first has \(first.nodes.count) values, the second 2")
        }
        // The same graph with b - in place of + b.
        var nodes = first.nodes
        let plus = nodes.firstIndex { $0.op == .add }!
        nodes[plus].op = .subtract
        let changed = GraphSnapshot(nodes: nodes, rootID: first.rootID)
        do throws(StructureMismatch) {
            _ = try SnapshotComparison(from: first, to: changed)
            Issue.record("comparing different operations must fail")
        } catch {
            #expect(error.id == plus)
            #expect(
                error.description
                    == "value \(plus) differs: its operation is + in the first graph and - in the second")
        }
        nodes = first.nodes
        nodes[0].label = "renamed"
        do throws(StructureMismatch) {
            _ = try SnapshotComparison(from: first, to: GraphSnapshot(nodes: nodes, rootID: first.rootID))
            Issue.record("comparing different labels must fail")
        } catch {
            #expect(error.description.hasPrefix("value 0 differs: its label is '\(first.nodes[0].label!)'"))
        }
    }
}
