import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("Tensor modules, optimizers and training")
struct TensorNetworkTests {
    @Test func modulesNameTheirParameters() {
        var generator = SeededGenerator(seed: 1)
        let linear = Linear(3, 2, using: &generator)
        #expect(linear.weight.shape == [3, 2] && linear.bias.shape == [2] && linear.bias.scalars == [0, 0])
        #expect(linear.namedParameters().map(\.name) == ["weight", "bias"])
        #expect(linear(Tensor([[1, 2, 3]])).shape == [1, 2] && linear(Tensor([1, 2, 3])).shape == [2])
        let sequential = Sequential([
            Linear(2, 3, using: &generator), ReLU(), Linear(3, 1, using: &generator), Sigmoid(),
        ])
        #expect(sequential.namedParameters().map(\.name) == ["0/weight", "0/bias", "2/weight", "2/bias"])
        let mlp = TensorMLP(2, [16, 16, 1])
        #expect(mlp.description == "TensorMLP(2 → 16 ReLU → 16 ReLU → 1 linear, 337 parameters)")
        #expect(mlp.namedParameters().first?.name == "layer0/weight")
        #expect(mlp.parameters().allSatisfy { $0.role == .parameter })
        #expect(mlp.layers[1].weight.scope == "mlp/layer1")
    }

    @Test func sgdFollowsPyTorchsRules() {
        let p = Tensor([1.0, -2.0], role: .parameter)
        p.learnedGradients = [0.5, 1.0]
        var plain = SGD(learningRate: 0.1)
        plain.step([p])
        #expect(p.scalars == [0.95, -2.1])
        var momentum = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.5)
        momentum.step([p])  // g = grad + 0.5·p; v = g
        let afterFirst = p.scalars
        #expect(isClose(afterFirst[0], 0.95 - 0.1 * (0.5 + 0.475)))
        momentum.step([p])  // v = 0.9·v + g
        let g0 = 0.5 + 0.5 * afterFirst[0]
        #expect(isClose(p.scalars[0], afterFirst[0] - 0.1 * (0.9 * (0.5 + 0.475) + g0)))
    }

    @Test func adamTakesStepsOfTheLearningRateAtFirst() {
        let p = Tensor([1.0, 1.0, 1.0], role: .parameter)
        p.learnedGradients = [3.0, -0.001, 0]
        var adam = Adam(learningRate: 0.1)
        adam.step([p])
        // After one step m̂ = g and v̂ = g², so each moves by lr · sign(g).
        #expect(
            isClose(p.scalars[0], 0.9, tolerance: 1e-6) && isClose(p.scalars[1], 1.1, tolerance: 1e-4)
                && p.scalars[2] == 1)
        let q = Tensor([2.0], role: .parameter)
        q.learnedGradients = [0]
        var adamW = AdamW(learningRate: 0.1, weightDecay: 0.5)
        adamW.step([q])
        #expect(isClose(q.scalars[0], 2 - 0.1 * 0.5 * 2), "decoupled decay shrinks the weight even with no gradient")
        let value = Value(1.0, role: .parameter)
        (value * 4).backward()
        var scalarAdam = Adam(learningRate: 0.5)
        scalarAdam.step([value])
        #expect(isClose(value.data, 0.5, tolerance: 1e-6), "optimizers update Values too")
    }

    @Test func clippingAndSchedules() {
        let a = Tensor([0.0, 0.0], role: .parameter)
        a.learnedGradients = [3, 4]
        #expect(clipGradients([a], maxNorm: 1) == 5)
        #expect(isClose(a.gradScalars[0], 0.6) && isClose(a.gradScalars[1], 0.8))
        #expect(clipGradients([a], maxNorm: 10) == 1)
        #expect(LearningRateSchedule.constant.rate(base: 0.1, step: 50) == 0.1)
        #expect(isClose(LearningRateSchedule.step(every: 10, factor: 0.5).rate(base: 1, step: 25), 0.25))
        #expect(isClose(LearningRateSchedule.linear(finalFraction: 0.1, steps: 100).rate(base: 1, step: 50), 0.55))
        #expect(isClose(LearningRateSchedule.cosine(minimumFraction: 0, steps: 100).rate(base: 1, step: 50), 0.5))
        #expect(LearningRateSchedule.cosine(minimumFraction: 0.1, steps: 100).rate(base: 1, step: 100) == 0.1)
    }

    /// micrograd's demo recipe on tensors: moons reaches 100%.
    @Test func moonsReachFullAccuracy() {
        var trainer = Trainer(
            task: TensorClassificationTask(model: TensorMLP(2, [16, 16, 1]), dataset: .moons(count: 100, noise: 0.1)),
            optimizer: SGD(learningRate: 1.0), schedule: .linear(finalFraction: 0.1, steps: 100))
        for _ in 0..<100 { trainer.step() }
        #expect(trainer.evaluate().accuracy == 1)
    }

    /// The CS231n spiral, 3 classes of 100 points, with a 2-100-3 MLP.
    @Test func spiralReachesNinetyEightPercent() {
        var trainer = Trainer(
            task: TensorClassificationTask(
                model: TensorMLP(2, [100, 3]), dataset: .spiral(pointsPerClass: 100, classes: 3)),
            optimizer: Adam(learningRate: 0.02))
        for _ in 0..<300 { trainer.step() }
        #expect(trainer.evaluate().accuracy! >= 0.98)
        #expect(trainer.task.predict(trainer.task.dataset.inputs).count == 300)
    }

    /// A scalar MLP and its tensor twin, trained with the same recipe, follow the same
    /// path: the two engines compute the same losses and gradients.
    @Test(arguments: [false, true])
    func tensorTwinFollowsTheScalarMLP(usesAdam: Bool) {
        let dataset = ClassificationDataset.spiral(pointsPerClass: 10, classes: 3, seed: 4)
        func optimizer() -> any Optimizer { usesAdam ? Adam(learningRate: 0.05) : SGD(learningRate: 0.5) }
        var scalar = Trainer(
            task: ClassificationTask(model: MLP(2, [8, 8, 3], seed: 9), dataset: dataset), optimizer: optimizer())
        var twin = Trainer(
            task: TensorClassificationTask(model: TensorMLP(copying: scalar.task.model), dataset: dataset),
            optimizer: optimizer())
        #expect(twin.task.model.parameters().map(\.count) == [16, 8, 64, 8, 24, 3])
        for _ in 0..<15 {
            let expected = scalar.step()
            let report = twin.step()
            #expect(isClose(report.loss, expected.loss, tolerance: 1e-9))
            #expect(report.accuracy == expected.accuracy)
        }
        let scalarWeights = scalar.task.model.layers[1].neurons.map { $0.weights[3].data }
        let tensorWeights = Array(twin.task.model.layers[1].weight.scalars[(3 * 8)..<(4 * 8)])
        #expect(zip(scalarWeights, tensorWeights).allSatisfy { isClose($0, $1, tolerance: 1e-9) })
    }
}
