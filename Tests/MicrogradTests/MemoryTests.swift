import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Values live on tapes; these tests check that the usual loops give tapes back.
@Suite("Memory is given back")
struct MemoryTests {
    /// The tapes of a loss's graph other than those holding long-lived parameters.
    private static func stepTapes(of loss: Value, excluding parameters: [Value]) -> [WeakTape] {
        loss.tape.withDependencies()
            .filter { tape in !parameters.contains { $0.tape === tape } }
            .map(WeakTape.init)
    }

    /// micrograd's loop in Python style: the next loss is built while the previous one is still held.
    @Test func overlappingTrainingLoopFreesEachStep() {
        let task = ClassificationTask(model: MLP(2, [8, 1], seed: 1), dataset: .moons(count: 40))
        let parameters = task.model.parameters()
        var loss = task.loss(on: nil).loss
        var earlierSteps: [WeakTape] = []
        for _ in 0..<6 {
            parameters.zeroGrad()
            loss.backward()
            var optimizer = SGD(learningRate: 0.1)
            optimizer.step(parameters)
            earlierSteps += Self.stepTapes(of: loss, excluding: parameters)
            loss = task.loss(on: nil).loss  // the old graph is dropped here
        }
        #expect(!earlierSteps.isEmpty)
        #expect(earlierSteps.allSatisfy { $0.tape == nil }, "every earlier step's tapes are freed")
    }

    /// The same loop with the loss declared inside it.
    @Test func scopedTrainingLoopFreesEachStep() {
        let task = ClassificationTask(model: MLP(2, [8, 1], seed: 2), dataset: .moons(count: 40))
        let parameters = task.model.parameters()
        var earlierSteps: [WeakTape] = []
        for _ in 0..<6 {
            let loss = task.loss(on: nil).loss
            parameters.zeroGrad()
            loss.backward()
            earlierSteps += Self.stepTapes(of: loss, excluding: parameters)
        }
        #expect(!earlierSteps.isEmpty, "the steps recorded on tapes of their own")
        #expect(earlierSteps.allSatisfy { $0.tape == nil })
    }

    /// A loop that never calls backward and drops its values each iteration reuses one tape.
    @Test func inferenceLoopReusesOneTape() {
        let model = MLP(2, [16, 16, 1], seed: 3)
        var tapes: [WeakTape] = []
        for i in 0..<200 {
            let output = model([Double(i) / 200, 0.5])[0]
            if !tapes.contains(where: { $0.tape === output.tape }) { tapes.append(WeakTape(output.tape)) }
        }
        #expect(!tapes.isEmpty && tapes.count <= 2, "\(tapes.count) tapes for 200 forward passes")
        #expect(tapes.allSatisfy { $0.tape != nil }, "the thread keeps its current tape to record on")
    }

    /// Independent graphs on several threads at once.
    @Test func graphsOnManyThreads() async {
        let results = await withTaskGroup(of: Double.self) { group in
            for seed in 0..<8 {
                group.addTask {
                    var trainer = Trainer(
                        task: ClassificationTask(
                            model: MLP(2, [8, 1], seed: UInt64(seed)), dataset: .moons(count: 30, seed: UInt64(seed))),
                        optimizer: SGD(learningRate: 0.5))
                    var report = trainer.step()
                    for _ in 0..<20 { report = trainer.step() }
                    return report.loss
                }
            }
            return await group.reduce(into: [Double]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0.isFinite })
        // The same seed on one thread gives the same loss as it did in the group.
        var trainer = Trainer(
            task: ClassificationTask(model: MLP(2, [8, 1], seed: 0), dataset: .moons(count: 30, seed: 0)),
            optimizer: SGD(learningRate: 0.5))
        var report = trainer.step()
        for _ in 0..<20 { report = trainer.step() }
        #expect(results.contains(report.loss))
    }
}
