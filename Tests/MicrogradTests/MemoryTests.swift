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
        let trainer = ClassifierTrainer(model: MLP(2, [8, 1], seed: 1), dataset: .moons(count: 40))
        let parameters = trainer.model.parameters()
        var loss = trainer.loss().loss
        var earlierSteps: [WeakTape] = []
        for _ in 0..<6 {
            parameters.zeroGrad()
            loss.backward()
            var optimizer = SGD(learningRate: 0.1)
            optimizer.step(parameters)
            earlierSteps += Self.stepTapes(of: loss, excluding: parameters)
            loss = trainer.loss().loss  // the old graph is dropped here
        }
        #expect(!earlierSteps.isEmpty)
        #expect(earlierSteps.allSatisfy { $0.tape == nil }, "every earlier step's tapes are freed")
    }

    /// The same loop with the loss declared inside it.
    @Test func scopedTrainingLoopFreesEachStep() {
        let trainer = ClassifierTrainer(model: MLP(2, [8, 1], seed: 2), dataset: .moons(count: 40))
        let parameters = trainer.model.parameters()
        var earlierSteps: [WeakTape] = []
        for _ in 0..<6 {
            let loss = trainer.loss().loss
            parameters.zeroGrad()
            loss.backward()
            earlierSteps += Self.stepTapes(of: loss, excluding: parameters)
        }
        #expect(earlierSteps.allSatisfy { $0.tape == nil })
    }

    /// A loop that never calls backward and drops its values each iteration reuses one tape.
    @Test func inferenceLoopReusesOneTape() {
        let model = MLP(2, [16, 16, 1], seed: 3)
        let first = model([0.1, 0.2])[0].tape
        weak let firstTape = first
        var tapes = Set<ObjectIdentifier>()
        for i in 0..<200 {
            let output = model([Double(i) / 200, 0.5])[0]
            tapes.insert(ObjectIdentifier(output.tape))
        }
        _ = first
        #expect(tapes.count <= 2, "\(tapes.count) tapes for 200 forward passes")
        #expect(firstTape != nil)
    }

    /// Independent graphs on several threads at once.
    @Test func graphsOnManyThreads() async {
        let results = await withTaskGroup(of: Double.self) { group in
            for seed in 0..<8 {
                group.addTask {
                    let trainer = ClassifierTrainer(
                        model: MLP(2, [8, 1], seed: UInt64(seed)), dataset: .moons(count: 30, seed: UInt64(seed)))
                    var report = trainer.step(learningRate: 0.5)
                    for _ in 0..<20 { report = trainer.step(learningRate: 0.5) }
                    return report.loss
                }
            }
            return await group.reduce(into: [Double]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0.isFinite })
        // The same seed on one thread gives the same loss as it did in the group.
        let trainer = ClassifierTrainer(model: MLP(2, [8, 1], seed: 0), dataset: .moons(count: 30, seed: 0))
        var report = trainer.step(learningRate: 0.5)
        for _ in 0..<20 { report = trainer.step(learningRate: 0.5) }
        #expect(results.contains(report.loss))
    }
}
