import MicrogradTestSupport
import Testing

@testable import Micrograd

/// The one training loop: its phases, its hooks and the gradients each of them sees.
@Suite("Trainer")
struct TrainerTests {
    /// Linear(3, 1) on two examples: small enough to differentiate by hand.
    static func regression(seed: UInt64 = 42) -> RegressionTask<Linear> {
        var generator = SeededGenerator(seed: seed)
        let model = Linear(3, 1, initializer: .uniform(-0.5...0.5), name: "linear", using: &generator)
        return RegressionTask(
            model: model, inputs: Tensor([[1.0, 2, 3], [4, 5, 6]], label: "x"),
            targets: Tensor([[10.0], [20]], label: "y", role: .constant))
    }

    /// ∂/∂w and ∂/∂b of mean((x·w + b − y)²) written out: (2/n) Σᵢ errorᵢ·xᵢ and (2/n) Σᵢ errorᵢ.
    static func handGradients(weights w: [Double], bias b: Double) -> (weights: [Double], bias: Double) {
        let x = [[1.0, 2, 3], [4, 5, 6]]
        let y = [10.0, 20]
        let errors = (0..<2).map { i in zip(x[i], w).map(*).reduce(0, +) + b - y[i] }
        let weights = (0..<3).map { j in (0..<2).map { i in errors[i] * x[i][j] }.reduce(0, +) }
        return (weights, errors.reduce(0, +))  // 2/n = 1 for two examples
    }

    @Test func hooksRunInOrderAndSeeThisStepsGradients() {
        var trainer = Trainer(task: Self.regression(), optimizer: SGD(learningRate: 0.01))
        let model = trainer.task.model
        final class Log { var entries: [String] = [] }
        let log = Log()
        var before: (weights: [Double], bias: Double) = ([], 0)
        trainer.hooks.afterForward.append { event in
            log.entries.append("forward \(event.step)")
            #expect(model.weight.gradScalars.allSatisfy { $0 == 0 }, "gradients are zeroed before the forward pass")
            before = (model.weight.scalars, model.bias.scalars[0])
        }
        trainer.hooks.afterBackward.append { event in
            log.entries.append("backward \(event.step)")
            let expected = Self.handGradients(weights: before.weights, bias: before.bias)
            #expect(zip(model.weight.gradScalars, expected.weights).allSatisfy { isClose($0, $1, tolerance: 1e-12) })
            #expect(isClose(model.bias.gradScalars[0], expected.bias, tolerance: 1e-12))
            #expect(model.weight.scalars == before.weights, "not updated yet")
        }
        trainer.hooks.afterUpdate.append { event in
            log.entries.append("update \(event.step)")
            let expected = Self.handGradients(weights: before.weights, bias: before.bias)
            for j in 0..<3 {
                #expect(isClose(model.weight.scalars[j], before.weights[j] - 0.01 * expected.weights[j]))
            }
        }
        for step in 0..<4 {
            let report = trainer.step()
            #expect(report.step == step)
            #expect(report.accuracy == nil)
        }
        #expect(
            log.entries == (0..<4).flatMap { ["forward \($0)", "backward \($0)", "update \($0)"] })
        #expect(trainer.stepsTaken == 4)
    }

    /// The diagram drawn during training shows the gradients of its own loss alone,
    /// whatever the parameters held before, and leaves those gradients as they were.
    @Test func diagramSnapshotShowsItsOwnGradientsAlone() throws {
        var trainer = Trainer(task: Self.regression(), optimizer: SGD(learningRate: 0.01))
        for _ in 0..<3 { trainer.step() }
        let model = trainer.task.model
        let leftOver = model.weight.gradScalars
        #expect(leftOver.contains { $0 != 0 }, "the last step left its gradients in place")
        let snapshot = trainer.diagramSnapshot()
        let weight = try #require(snapshot.nodes.first { $0.label == "weight" })
        let bias = try #require(snapshot.nodes.first { $0.label == "bias" })
        let expected = Self.handGradients(weights: weight.data, bias: bias.data[0])
        #expect(zip(weight.grad, expected.weights).allSatisfy { isClose($0, $1, tolerance: 1e-12) })
        #expect(isClose(bias.grad[0], expected.bias, tolerance: 1e-12))
        #expect(model.weight.gradScalars == leftOver, "the trainer's gradients are put back")
    }

    /// A snapshot taken from a hook in the middle of a step is the example's alone, and the
    /// step still backpropagates its own loss: training is the same with or without pictures.
    @Test func snapshotsFromHooksDoNotChangeTraining() {
        func run(drawing: Bool) -> ([Double], [GraphSnapshot]) {
            var trainer = Trainer(
                task: ClassificationTask(model: MLP(2, [4, 1], seed: 5), dataset: .moons(count: 12, seed: 3)),
                optimizer: SGD(learningRate: 0.3))
            final class Box { var snapshots: [GraphSnapshot] = [] }
            let box = Box()
            if drawing {
                let task = trainer.task
                trainer.hooks.afterForward.append { _ in box.snapshots.append(task.diagramSnapshot()) }
            }
            let losses = (0..<5).map { _ in trainer.step().loss }
            return (losses, box.snapshots)
        }
        let (plain, _) = run(drawing: false)
        let (drawn, snapshots) = run(drawing: true)
        #expect(plain == drawn)
        #expect(snapshots.count == 5)
        // Each picture's parameter gradients are those of example 0's loss alone, at that step's weights.
        for snapshot in snapshots {
            let task = ClassificationTask(model: MLP(2, [4, 1], seed: 5), dataset: .moons(count: 12, seed: 3))
            let parameters = task.model.parameters()
            let drawnParameters = snapshot.nodes.filter { $0.role == .parameter }
            #expect(drawnParameters.count == parameters.count)
            // Put the weights of that step into a fresh model and differentiate example 0 alone.
            for parameter in parameters {
                let drawnNode = drawnParameters.first {
                    $0.label == parameter.label && $0.scopePath == parameter.scope
                }!
                parameter.data = drawnNode.data[0]
            }
            let loss = task.exampleLoss(at: 0)
            loss.backward()
            for parameter in parameters {
                let drawnNode = drawnParameters.first {
                    $0.label == parameter.label && $0.scopePath == parameter.scope
                }!
                #expect(drawnNode.grad[0] == parameter.grad)
            }
        }
    }

    @Test func evaluateChangesNothing() {
        let trainer = Trainer(
            task: TensorClassificationTask(model: TensorMLP(2, [4, 1], seed: 2), dataset: .moons(count: 10)),
            optimizer: Adam(learningRate: 0.1))
        let weights = trainer.task.model.layers[0].weight.scalars
        let first = trainer.evaluate()
        let second = trainer.evaluate()
        #expect(first == second)
        #expect(trainer.task.model.layers[0].weight.scalars == weights)
        #expect(trainer.task.model.layers[0].weight.gradScalars.allSatisfy { $0 == 0 })
    }
}
