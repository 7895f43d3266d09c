import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Every tensor operation's gradient against central finite differences. Outputs that are
/// not single numbers are projected onto fixed random weights, L = Σ f(x)·R, so that the
/// whole Jacobian is exercised, not just its column sums.
@Suite("Tensor gradients against finite differences")
struct TensorGradientTests {
    /// Checks `f` at inputs of the given shapes, drawn from `range`.
    static func check(
        _ name: String, shapes: [[Int]], range: ClosedRange<Double> = -2...2, tolerance: Double = 1e-5,
        seed: UInt64 = 1,
        sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor
    ) {
        var generator = SeededGenerator(seed: seed)
        let values = shapes.map { shape in (0..<Shape.count(shape)).map { _ in generator.uniform(in: range) } }
        let inputs = zip(shapes, values).map { Tensor(leaf: $0, $1, role: .input) }
        let output = f(inputs)
        let weights = (0..<output.count).map { _ in generator.uniform(in: -1...1) }
        let projection = Tensor(leaf: output.shape, weights, role: .constant)
        (output * projection).sum().backward()
        func loss(_ flat: [Double]) -> Double {
            var offset = 0
            let tensors = shapes.map { shape -> Tensor in
                let n = Shape.count(shape)
                defer { offset += n }
                return Tensor(leaf: shape, Array(flat[offset..<(offset + n)]), role: .input)
            }
            return zip(f(tensors).scalars, weights).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let numeric = numericalGradient(of: loss, at: values.flatMap { $0 })
        expectGradientsMatch(
            analytic: inputs.flatMap(\.gradScalars), numeric: numeric, tolerance: tolerance, name,
            sourceLocation: sourceLocation)
    }

    @Test func elementwiseWithBroadcastingBothWays() {
        Self.check("add [2,3] + [3]", shapes: [[2, 3], [3]]) { $0[0] + $0[1] }
        Self.check("add [3] + [2,3]", shapes: [[3], [2, 3]]) { $0[0] + $0[1] }
        Self.check("subtract [2,1] - [1,3]", shapes: [[2, 1], [1, 3]]) { $0[0] - $0[1] }
        Self.check("multiply [4,1,3] * [2,1]", shapes: [[4, 1, 3], [2, 1]]) { $0[0] * $0[1] }
        Self.check("multiply by a scalar tensor", shapes: [[2, 3], []]) { $0[0] * $0[1] }
        Self.check("divide [2,3] / [3]", shapes: [[2, 3], [3]], range: 0.5...2) { $0[0] / $0[1] }
        Self.check("divide [3] / [2,3]", shapes: [[3], [2, 3]], range: 0.5...2) { $0[0] / $0[1] }
        Self.check("numbers on either side", shapes: [[2, 2]]) { 3 - 2 * $0[0] / 4 + 1 }
        Self.check("same input twice", shapes: [[2, 3]]) { $0[0] * $0[0] }
    }

    @Test func unaryFunctions() {
        Self.check("negate", shapes: [[3, 2]]) { -$0[0] }
        Self.check("pow 3", shapes: [[3, 2]]) { $0[0].pow(3) }
        Self.check("pow 0.5", shapes: [[5]], range: 0.5...2) { $0[0] ** 0.5 }
        Self.check("relu", shapes: [[7]], range: 0.1...2) { ($0[0] - 1).relu() }
        Self.check("sigmoid", shapes: [[2, 3]]) { $0[0].sigmoid() }
        Self.check("tanh", shapes: [[2, 3]]) { $0[0].tanh() }
        Self.check("exp", shapes: [[2, 3]]) { $0[0].exp() }
        Self.check("log", shapes: [[2, 3]], range: 0.3...3) { $0[0].log() }
        Self.check("abs", shapes: [[6]], range: 0.1...2) { ($0[0] - 1.05).abs() }
        Self.check("softplus", shapes: [[2, 3]], range: -30...30) { $0[0].softplus() }
    }

    @Test func matmulTransposeReshape() {
        Self.check("matmul [2,3] @ [3,4]", shapes: [[2, 3], [3, 4]]) { $0[0].matmul($0[1]) }
        Self.check("matmul [3,2] @ [2]", shapes: [[3, 2], [2]]) { $0[0].matmul($0[1]) }
        Self.check("matmul with a shared operand", shapes: [[3, 3]]) { $0[0].matmul($0[0]) }
        Self.check("transpose", shapes: [[2, 3]]) { $0[0].transposed() }
        Self.check("transpose rank 3", shapes: [[2, 3, 4]]) { $0[0].T }
        Self.check("reshape", shapes: [[2, 6]]) { $0[0].reshaped([3, -1]) }
        Self.check("x @ W + b", shapes: [[4, 2], [2, 3], [3]]) { ($0[0].matmul($0[1]) + $0[2]).relu() }
    }

    @Test func reductions() {
        Self.check("sum", shapes: [[2, 3]]) { $0[0].sum() }
        Self.check("sum axis 0", shapes: [[2, 3]]) { $0[0].sum(axis: 0) }
        Self.check("sum axis -1 keepDims", shapes: [[2, 3, 2]]) { $0[0].sum(axis: -1, keepDims: true) }
        Self.check("mean", shapes: [[2, 3]]) { $0[0].mean() }
        Self.check("mean axis 1 keepDims", shapes: [[2, 3, 2]]) { $0[0].mean(axis: 1, keepDims: true) }
        Self.check("max", shapes: [[2, 3]]) { $0[0].max() }
        Self.check("max axis 1", shapes: [[3, 4]]) { $0[0].max(axis: 1) }
        Self.check("keepDims broadcasts back", shapes: [[3, 4]]) { $0[0] - $0[0].mean(axis: 1, keepDims: true) }
    }

    @Test func softmaxAndGather() {
        Self.check("softmax", shapes: [[3, 4]]) { $0[0].softmax(axis: 1) }
        Self.check("softmax axis 0", shapes: [[3, 4]]) { $0[0].softmax(axis: 0) }
        Self.check("logSoftmax", shapes: [[3, 4]]) { $0[0].logSoftmax() }
        Self.check("gather", shapes: [[3, 4]]) { $0[0].gather(classes: [2, 0, 3]) }
    }

    @Test func losses() {
        Self.check("mean squared error", shapes: [[4, 1], [4, 1]]) {
            Loss.meanSquaredError(predictions: $0[0], targets: $0[1])
        }
        Self.check("cross-entropy", shapes: [[4, 3]]) { Loss.crossEntropy(logits: $0[0], classes: [0, 2, 1, 2]) }
        Self.check("hinge", shapes: [[5, 1]], range: -0.9...0.9) {
            Loss.hinge(scores: $0[0], labels: Tensor([[1], [-1], [1], [-1], [1]]))
        }
        Self.check("binary cross-entropy with logits", shapes: [[4, 1]], range: 0.1...3) {
            Loss.binaryCrossEntropy(logits: $0[0] - 1.5, targets: Tensor([[1], [0], [0.3], [1]]))
        }
        Self.check("l2 penalty", shapes: [[2, 2], [3]]) { Loss.l2Penalty($0, strength: 0.1) }
    }

    /// The gradient of BCE with logits is (σ(z) − y)/n, exactly at z = 0 too (where a
    /// loss built from relu and abs gets it wrong), and stays finite for huge logits.
    @Test func binaryCrossEntropyIsStable() {
        let logits = Tensor([[1000], [-1000], [0]])
        let loss = Loss.binaryCrossEntropy(logits: logits, targets: Tensor([[1], [0], [1]]))
        #expect(loss.item().isFinite)
        #expect(isClose(loss.item(), Foundation.log(2) / 3, tolerance: 1e-12))
        loss.backward()
        #expect(logits.gradScalars.allSatisfy { $0.isFinite })
        #expect(isClose(logits.gradScalars[2], (0.5 - 1) / 3, tolerance: 1e-12))
    }
}
