import Foundation

/// The gradients `backward()` computes, checked against central finite differences:
/// each leaf is nudged by ±h and the graph evaluated again, and
/// (f(x + h) − f(x − h)) / 2h is compared with the leaf's gradient.
///
/// An operation whose local derivative is written wrong shows up as a mismatch on every
/// leaf whose gradient flows through it. Kinks (ReLU or `abs` at 0) mismatch too: there
/// the engine uses one side's slope and the difference quotient averages both sides.
///
/// ```swift
/// let check = loss.gradientCheck()
/// for leaf in check.mismatches { print(leaf.label ?? "#\(leaf.id)", leaf.analytic, leaf.numeric) }
/// ```
public struct GradientCheck: Sendable, Equatable {
    /// One leaf's two gradients.
    public struct Leaf: Sendable, Equatable {
        /// The leaf's id in the root's ``Value/snapshot()``.
        public let id: Int
        /// Its label, if it has one.
        public let label: String?
        /// Input, parameter or constant.
        public let role: Role
        /// Its value.
        public let data: Double
        /// ∂root/∂leaf as `backward()` computes it.
        public let analytic: Double
        /// The central difference quotient.
        public let numeric: Double
        /// |analytic − numeric| / max(1, |analytic|, |numeric|): relative for gradients larger
        /// than 1, absolute below, so the rounding noise of a gradient near zero is not magnified.
        public let relativeError: Double
        /// Whether ``relativeError`` is within the tolerance.
        public let agrees: Bool
    }

    /// Every leaf (inputs, parameters and constants), by id.
    public let leaves: [Leaf]
    /// h relative to the leaf's size: each leaf x is nudged by `step` · max(1, |x|).
    public let step: Double
    /// The largest ``Leaf/relativeError`` that counts as agreeing.
    public let tolerance: Double

    /// The leaves whose gradients disagree.
    public var mismatches: [Leaf] { leaves.filter { !$0.agrees } }

    /// Whether every leaf agrees.
    public var passes: Bool { leaves.allSatisfy(\.agrees) }

    /// The relative error of two gradients; see ``Leaf/relativeError``.
    public static func relativeError(_ analytic: Double, _ numeric: Double) -> Double {
        if analytic == numeric { return 0 }  // also both infinite alike
        let error = Swift.abs(analytic - numeric) / Swift.max(1, Swift.abs(analytic), Swift.abs(numeric))
        return error.isNaN ? .infinity : error
    }
}

extension Value {
    /// Checks ``backward()`` on this graph against central finite differences, leaf by leaf.
    ///
    /// The analytic gradients come from running `backward()` on this graph from zeroed
    /// gradients; afterwards every gradient is put back as it was, so the check changes
    /// nothing. The numeric ones come from evaluating the recorded operations again
    /// (with the engine's own arithmetic) with one leaf nudged up and down.
    ///
    /// - Parameters:
    ///   - step: h relative to each leaf's size (h = step · max(1, |x|)); the default
    ///     1e-6 balances truncation error (∝ h²) against rounding error (∝ 1/h).
    ///   - tolerance: The largest relative error that counts as agreeing.
    /// - Returns: One result per leaf, by id in ``snapshot()``.
    /// - Complexity: O(leaves × n) for n values.
    public func gradientCheck(step: Double = 1e-6, tolerance: Double = 1e-5) -> GradientCheck {
        precondition(step > 0 && step.isFinite, "gradientCheck: the step must be a positive number")
        let before = snapshot()
        // backward() from zero, then every gradient restored.
        zeroGraphGrads()
        backward()
        let analytic = snapshot().nodes.map { $0.grad[0] }
        withTopologicalOrder { order in
            for (id, node) in order.enumerated() { node.pointee.grad = before.nodes[id].grad[0] }
        }
        let base = before.nodes.map { $0.data[0] }
        let leaves = before.nodes.filter { $0.op == nil }.map { leaf in
            let x = leaf.data[0]
            let h = step * Swift.max(1, Swift.abs(x))
            let up = Self.evaluate(before, base: base, nudging: leaf.id, to: x + h)
            let down = Self.evaluate(before, base: base, nudging: leaf.id, to: x - h)
            let numeric = (up - down) / (2 * h)
            let error = GradientCheck.relativeError(analytic[leaf.id], numeric)
            return GradientCheck.Leaf(
                id: leaf.id, label: leaf.label, role: leaf.role, data: x, analytic: analytic[leaf.id],
                numeric: numeric, relativeError: error, agrees: error <= tolerance)
        }
        return GradientCheck(leaves: leaves, step: step, tolerance: tolerance)
    }

    /// The root's value with leaf `id` set to `value`: the recorded operations downstream
    /// of it run again on the engine (as constants, so nothing else is disturbed).
    private static func evaluate(_ snapshot: GraphSnapshot, base: [Double], nudging id: Int, to value: Double)
        -> Double
    {
        var data = base
        var changed = [Bool](repeating: false, count: data.count)
        data[id] = value
        changed[id] = true
        for node in snapshot.nodes[(id + 1)...] where node.inputs.contains(where: { changed[$0] }) {
            let operands = node.inputs.map { Value(data[$0], role: .constant) }
            data[node.id] = Value.apply(node.op!, to: operands).data
            changed[node.id] = true
        }
        return data[snapshot.rootID]
    }
}
