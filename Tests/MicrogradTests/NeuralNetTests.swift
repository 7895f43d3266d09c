import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("Neurons, layers and MLPs")
struct NeuralNetTests {
    @Test func mlpHasMicrogradsShape() {
        let model = MLP(2, [16, 16, 1])
        #expect(model.parameters().count == 337)
        #expect(model.layers.map { $0.neurons.count } == [16, 16, 1])
        #expect(model.layers[0].neurons.allSatisfy { $0.nonlinearity == .relu })
        #expect(model.layers[2].neurons[0].nonlinearity == .linear)
        #expect(model.description == "MLP(2 → 16 ReLU → 16 ReLU → 1 linear, 337 parameters)")
        #expect(model.parameters().allSatisfy { $0.role == .parameter })
        #expect(model.layers[0].neurons[0].bias.data == 0)
        #expect(model.parameters().allSatisfy { (-1...1).contains($0.data) })
    }

    @Test func sameSeedSameModel() {
        let a = MLP(3, [5, 2], seed: 9).parameters().map(\.data)
        let b = MLP(3, [5, 2], seed: 9).parameters().map(\.data)
        let c = MLP(3, [5, 2], seed: 10).parameters().map(\.data)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func neuronComputesActivationOfWeightedSum() {
        for nonlinearity in Neuron.Nonlinearity.allCases {
            let neuron = Neuron(3, nonlinearity: nonlinearity, seed: 4)
            let x = [0.5, -1.0, 2.0]
            let sum = zip(neuron.weights, x).reduce(neuron.bias.data) { $0 + $1.0.data * $1.1 }
            let expected =
                switch nonlinearity {
                case .relu: max(sum, 0)
                case .tanh: Foundation.tanh(sum)
                case .sigmoid: 1 / (1 + Foundation.exp(-sum))
                case .linear: sum
                }
            #expect(isClose(neuron(x.map { Value($0) }).data, expected))
        }
    }

    @Test func mlpGradientsMatchFiniteDifferences() {
        let model = MLP(2, [3, 3, 1], seed: 5)
        for nonlinearity in [Neuron.Nonlinearity.tanh] {
            _ = nonlinearity
        }
        let x = [0.7, -0.3]
        let parameters = model.parameters()
        let output = model(x)[0].tanh()
        output.backward()
        let start = parameters.map(\.data)
        let numeric = numericalGradient(
            of: { values in
                for (p, v) in zip(parameters, values) { p.data = v }
                return model(x)[0].tanh().data
            }, at: start)
        for (p, v) in zip(parameters, start) { p.data = v }
        expectGradientsMatch(analytic: parameters.map(\.grad), numeric: numeric, tolerance: 1e-5)
    }

    /// micrograd's demo: 100 moons points, MLP(2, [16, 16, 1]), hinge loss + 1e-4·L2,
    /// SGD with lr = 1.0 − 0.9·k/100 for 100 steps, reaches 100% training accuracy.
    @Test func moonsDemoReachesFullAccuracy() {
        var trainer = Trainer(
            task: ClassificationTask(model: MLP(2, [16, 16, 1]), dataset: .moons(count: 100, noise: 0.1)),
            optimizer: SGD(learningRate: 1.0), schedule: .linear(finalFraction: 0.1, steps: 100))
        var reports: [StepReport] = []
        for k in 0..<100 {
            reports.append(trainer.step())
            #expect(isClose(reports[k].learningRate, 1.0 - 0.9 * Double(k) / 100), "micrograd's schedule")
        }
        #expect(reports[0].accuracy! < 0.9)
        #expect(reports.last!.loss < reports[0].loss / 10)
        #expect(trainer.evaluate().accuracy == 1.0)
        let dataset = trainer.task.dataset
        let predicted = trainer.task.predict(dataset.inputs)
        #expect(zip(predicted, dataset.labels).filter { $0 == $1 }.count == 100)
    }

    @Test func crossEntropyTrainerLearnsThreeBlobs() {
        var trainer = Trainer(
            task: ClassificationTask(model: MLP(2, [8, 3], seed: 2), dataset: .blobs(count: 60, classes: 3)),
            optimizer: SGD(learningRate: 0.2))
        for _ in 0..<60 { trainer.step() }
        #expect(trainer.evaluate().accuracy! >= 0.95)
    }
}
