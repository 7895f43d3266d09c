import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Training steps reuse their big arrays, and reuse never changes what anyone kept.
@Suite("Tensor buffers are reused")
struct TensorBufferTests {
    /// A training step with tensors big enough for the pool, as a user writes it.
    private static func step(_ model: TensorMLP, _ x: Tensor, _ classes: [Int], _ optimizer: inout Adam) -> Double {
        let loss = Loss.crossEntropy(logits: model(x), classes: classes)
        model.zeroGrad()
        loss.backward(parametersOnly: true)
        optimizer.step(model.parameters())
        return loss.item()
    }

    @Test func aTrainingStepAllocatesNoBigArraysOnceWarm() {
        var generator = SeededGenerator(seed: 3)
        let model = TensorMLP(16, [200, 12], using: &generator)
        let x = Tensor.uniform([128, 16], using: &generator)
        let classes = (0..<128).map { $0 % 12 }
        var optimizer = Adam(learningRate: 0.01)
        let first = Self.step(model, x, classes, &optimizer)
        _ = Self.step(model, x, classes, &optimizer)
        let before = BufferPool.current.statistics
        let third = Self.step(model, x, classes, &optimizer)
        let after = BufferPool.current.statistics
        #expect(after.reused > before.reused, "the step's big arrays come from the pool")
        #expect(after.allocated == before.allocated, "no big array is allocated once the pool is warm")
        #expect(third < first, "the steps still train")
    }

    @Test func reuseNeverChangesAnArraySomeoneKept() {
        var generator = SeededGenerator(seed: 4)
        let a = Tensor.uniform([64, 64], using: &generator)
        var kept: [Double] = []
        do {
            let doubled = a * 2
            kept = doubled.scalars  // shares the elements, which go to the pool when `doubled` dies
        }
        for _ in 0..<3 { _ = (a + 1).relu() }  // takes arrays of the same size from the pool
        #expect(kept == a.scalars.map { $0 * 2 })
        let w = Tensor.uniform([64, 64], role: .parameter, using: &generator)
        (w * a).sum().backward()
        let gradient = w.gradScalars
        w.zeroGrad()  // the gradient's array goes to the pool
        for _ in 0..<3 { _ = a - 1 }
        #expect(gradient == a.scalars)
    }

    @Test func parametersOnlySkipsInputsAndKeepsParameterGradients() {
        var generator = SeededGenerator(seed: 5)
        func build() -> (x: Tensor, w: Tensor, b: Tensor, loss: Tensor) {
            var generator = SeededGenerator(seed: 6)
            let x = Tensor.uniform([5, 3], using: &generator)
            let w = Tensor.uniform([3, 4], role: .parameter, using: &generator)
            let b = Tensor.uniform([4], role: .parameter, using: &generator)
            let c = Tensor.uniform([5, 4], role: .constant, using: &generator)
            return (x, w, b, ((x.matmul(w) + b).tanh() * c).sum())
        }
        let full = build()
        full.loss.backward()
        let partial = build()
        partial.loss.backward(parametersOnly: true)
        #expect(partial.w.gradScalars == full.w.gradScalars && partial.b.gradScalars == full.b.gradScalars)
        #expect(full.x.gradScalars.contains { $0 != 0 })
        #expect(partial.x.gradStorage == nil, "the input gets no gradient")
        let inputsOnly = Tensor.uniform([3], using: &generator)
        let noParameters = (inputsOnly * 2).sum()
        noParameters.backward(parametersOnly: true)
        #expect(noParameters.gradStorage == nil && inputsOnly.gradStorage == nil)
    }
}
