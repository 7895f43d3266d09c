import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("Tensor")
struct TensorTests {
    @Test func constructionAndLayout() throws {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(m.shape == [2, 3] && m.scalars == [1, 2, 3, 4, 5, 6] && m.rank == 2 && m.count == 6)
        #expect(Tensor([1, 2]).shape == [2])
        #expect(Tensor(3.5).shape == [] && Tensor(3.5).item() == 3.5)
        #expect(Tensor([[[1, 2]], [[3, 4]]]).shape == [2, 1, 2])
        let t = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        #expect(t.transposed().scalars == [1, 3, 2, 4])
        #expect(m.grad.shape == [2, 3] && m.gradScalars == [0, 0, 0, 0, 0, 0])
        #expect(m.description == "Tensor(shape: [2, 3], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])")
    }

    @Test func shapeErrorsNameTheOperationAndBothShapes() throws {
        #expect(throws: ShapeError("Tensor: 5 elements do not fit shape [2, 3], which holds 6")) {
            try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5])
        }
        #expect(throws: ShapeError("matmul: [2, 3] × [2, 1]: inner dimensions 3 and 2 differ")) {
            try Tensor.matmulShapes([2, 3], [2, 1])
        }
        #expect(throws: ShapeError("add: [2, 3] and [2] cannot be broadcast: sizes 3 and 2 differ and neither is 1")) {
            try Shape.broadcast([2, 3], [2], operation: "add")
        }
        #expect(throws: ShapeError("reshape: [2, 3] (6 elements) cannot become [4] (4 elements)")) {
            try Tensor.reshapeTarget([2, 3], to: [4])
        }
        #expect(try Tensor.reshapeTarget([2, 3], to: [-1]) == [6])
    }

    /// The blocked, multi-threaded kernel against the textbook triple loop, for sizes
    /// that leave partial row groups, column and depth blocks, and one split over cores.
    @Test(arguments: [(1, 1, 1), (3, 5, 2), (7, 130, 300), (37, 300, 270), (64, 64, 64)])
    func matmulMatchesTheTextbookLoop(m: Int, k: Int, n: Int) {
        var generator = SeededGenerator(seed: UInt64(m * 1000 + k))
        let a = Tensor.uniform([m, k], in: -1...1, using: &generator)
        let b = Tensor.uniform([k, n], in: -1...1, using: &generator)
        let product = a.matmul(b)
        #expect(product.shape == [m, n])
        var worst = 0.0
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += a.scalars[i * k + p] * b.scalars[p * n + j] }
                worst = max(worst, abs(sum - product.scalars[i * n + j]))
            }
        }
        #expect(worst < 1e-12, "largest difference \(worst)")
    }

    @Test func broadcastingForward() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect((a + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
        #expect((Tensor([[1], [2]]) * Tensor([[1, 10, 100]])).scalars == [1, 10, 100, 2, 20, 200])
        #expect((2 * a - 1).scalars == [1, 3, 5, 7, 9, 11])
        #expect(a.sum(axis: 0).scalars == [5, 7, 9] && a.sum(axis: 1).shape == [2])
        #expect(a.sum(axis: 1, keepDims: true).shape == [2, 1])
        #expect(a.mean().item() == 3.5 && a.max().item() == 6 && a.max(axis: 0).scalars == [4, 5, 6])
        #expect(a.matmul(Tensor([1, 1, 1])).scalars == [6, 15])
        #expect(a.reshaped([3, 2]).shape == [3, 2])
        let probabilities = Tensor([[1000, 1000], [0, 0]]).softmax()
        #expect(probabilities.scalars == [0.5, 0.5, 0.5, 0.5])
        #expect(a.gather(classes: [2, 0]).scalars == [3, 4])
    }

    @Test func factoriesAreSeeded() {
        var g1 = SeededGenerator(seed: 5)
        var g2 = SeededGenerator(seed: 5)
        #expect(Tensor.uniform([3, 3], using: &g1).scalars == Tensor.uniform([3, 3], using: &g2).scalars)
        #expect(Tensor.zeros([2, 2]).scalars == [0, 0, 0, 0] && Tensor.ones([3]).scalars == [1, 1, 1])
        #expect(Tensor.full([2], 7).scalars == [7, 7])
        #expect(Tensor.arange(5).scalars == [0, 1, 2, 3, 4] && Tensor.arange(from: 1, to: 2, step: 0.25).count == 4)
        var g = SeededGenerator(seed: 9)
        let xavier = Tensor.xavierUniform(fanIn: 100, fanOut: 50, using: &g)
        #expect(xavier.role == .parameter && xavier.scalars.allSatisfy { abs($0) <= (6.0 / 150).squareRoot() })
        let he = Tensor.heNormal(fanIn: 200, fanOut: 200, using: &g)
        let variance = he.scalars.map { $0 * $0 }.reduce(0, +) / Double(he.count)
        #expect(abs(variance - 2.0 / 200) < 0.001)
        let normal = Tensor.normal([10_000], mean: 3, standardDeviation: 2, using: &g)
        #expect(abs(normal.mean().item() - 3) < 0.05)
    }

    @Test func backwardAccumulatesAndZeroes() {
        let w = Tensor([[1, 2], [3, 4]], role: .parameter)
        let loss = w.pow(2).sum()
        loss.backward()
        #expect(w.gradScalars == [2, 4, 6, 8])
        loss.backward()
        #expect(w.gradScalars == [4, 8, 12, 16])
        loss.zeroGraphGrads()
        #expect(w.gradScalars == [0, 0, 0, 0])
        let x = Tensor([1, 2])
        let twice = (x * x).sum()
        #expect(twice.operands[0].operands.count == 2)
        twice.backward()
        #expect(x.gradScalars == [2, 4])
    }

    @Test func snapshotsCarryShapesScopesAndAllValues() throws {
        var generator = SeededGenerator(seed: 3)
        let model = TensorMLP(2, [4, 1], using: &generator)
        let x = Tensor([[0.5, -1.0], [1.5, 2.0]], label: "x")
        let loss = model(x).pow(2).mean()
        loss.backward()
        let snapshot = loss.snapshot()
        #expect(snapshot.nodes.count < 20, "a layer is a few tensors, not a node per multiply")
        #expect(snapshot.root.shape == [])
        let weight = try #require(snapshot.nodes.first { $0.label == "weight" && $0.scopePath == "mlp/layer0" })
        #expect(weight.shape == [2, 4] && weight.data.count == 8 && weight.grad.count == 8)
        #expect(weight.grad == model.layers[0].weight.gradScalars)
        #expect(
            snapshot.nodes.contains { $0.op == .matmul }
                && snapshot.nodes.contains { $0.op == .relu && $0.scopePath == "mlp/layer0" })
        #expect(snapshot.nodes.allSatisfy { node in node.inputs.allSatisfy { $0 < node.id } })
    }

    @Test func deepTensorChainIsFreedWithoutRecursion() {
        let first = Tensor([1.0, 2.0])
        var x = first
        for _ in 0..<200_000 { x = x * 1.0 }
        x.sum().backward()
        #expect(first.gradScalars == [1, 1])
        weak let weakLast = x
        #expect(weakLast != nil, "x holds the chain's last tensor")
        x = Tensor([0.0])  // drops the only handle to the chain, which holds every tensor in it
        #expect(weakLast == nil, "the chain's tensors are freed, without overflowing the stack")
    }
}
