import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

/// The per-layer figures a training run records, against a network computed by hand, and
/// the same figures from both engines.
@Suite("Training diagnostics")
struct TrainingDiagnosticsTests {
    /// A 2-3-2 tanh network, its weights and four examples, as plain arrays.
    static let w0: [[Double]] = [[0.5, -1.2, 0.8], [1.5, 0.3, -0.7]]
    static let b0: [Double] = [0.1, -0.2, 0.05]
    static let w1: [[Double]] = [[0.9, -0.4], [-1.1, 0.6], [0.2, 1.3]]
    static let b1: [Double] = [0.0, 0.3]
    static let x: [[Double]] = [[1.0, 2.0], [-1.5, 0.5], [0.3, -2.2], [2.5, 1.0]]
    static let y: [[Double]] = [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [-1.0, 2.0]]

    static func matmul(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        a.map { row in (0..<b[0].count).map { j in zip(row, b).map { $0 * $1[j] }.reduce(0, +) } }
    }
    static func transpose(_ a: [[Double]]) -> [[Double]] { (0..<a[0].count).map { j in a.map { $0[j] } } }
    static func norm(_ values: [Double]) -> Double { values.map { $0 * $0 }.reduce(0, +).squareRoot() }
    static func rms(_ values: [Double]) -> Double { norm(values) / Double(values.count).squareRoot() }

    /// Forward and backward by hand for loss = mean((tanh(x·W0 + b0)·W1 + b1 − y)²).
    static func byHand() -> (h: [Double], dH: [Double], dS: [Double], layer0: [Double], layer1: [Double]) {
        let z = matmul(x, w0).map { row in zip(row, b0).map(+) }
        let h = z.map { $0.map { Foundation.tanh($0) } }
        let s = matmul(h, w1).map { row in zip(row, b1).map(+) }
        let count = Double(s.count * s[0].count)
        let dS = zip(s, y).map { row, target in zip(row, target).map { 2 * ($0 - $1) / count } }
        let dW1 = matmul(transpose(h), dS)
        let db1 = transpose(dS).map { $0.reduce(0, +) }
        let dH = matmul(dS, transpose(w1))
        let dZ = zip(dH, h).map { row, hs in zip(row, hs).map { $0 * (1 - $1 * $1) } }  // tanh' = 1 − tanh²
        let dW0 = matmul(transpose(x), dZ)
        let db0 = transpose(dZ).map { $0.reduce(0, +) }
        return (
            h.flatMap { $0 }, dH.flatMap { $0 }, dS.flatMap { $0 }, dW0.flatMap { $0 } + db0, dW1.flatMap { $0 } + db1
        )
    }

    /// A scalar MLP holding the same weights.
    static func scalarTwin() -> MLP {
        let model = MLP(2, [3, 2], activation: .tanh, seed: 1)
        for (j, neuron) in model.layers[0].neurons.enumerated() {
            for i in 0..<2 { neuron.weights[i].data = w0[i][j] }
            neuron.bias.data = b0[j]
        }
        for (j, neuron) in model.layers[1].neurons.enumerated() {
            for i in 0..<3 { neuron.weights[i].data = w1[i][j] }
            neuron.bias.data = b1[j]
        }
        return model
    }

    @Test func figuresMatchTheNetworkComputedByHand() {
        let model = TensorMLP(copying: Self.scalarTwin())
        let learningRate = 0.1
        var trainer = Trainer(
            task: RegressionTask(
                model: model, inputs: Tensor(Self.x, label: "x"), targets: Tensor(Self.y, label: "y", role: .constant)),
            optimizer: SGD(learningRate: learningRate))
        let diagnostics = TrainingDiagnostics(histogramSteps: [0])
        diagnostics.attach(to: &trainer)
        trainer.step()
        let hand = Self.byHand()
        #expect(diagnostics.layers == ["mlp/layer0", "mlp/layer1"])
        let step = diagnostics.steps[0]
        let expectedNorms = [Self.norm(hand.layer0), Self.norm(hand.layer1)]
        let expectedMeans = [hand.layer0, hand.layer1].map { $0.map(abs).reduce(0, +) / Double($0.count) }
        let dataNorms = [
            Self.norm(Self.w0.flatMap { $0 } + Self.b0), Self.norm(Self.w1.flatMap { $0 } + Self.b1),
        ]
        for layer in 0..<2 {
            let figures = step.layers[layer]
            #expect(isClose(figures.gradientNorm, expectedNorms[layer], tolerance: 1e-12))
            #expect(isClose(figures.gradientMean, expectedMeans[layer], tolerance: 1e-12))
            // SGD moves each parameter by lr·grad, so ‖Δθ‖/‖θ‖ = lr·‖grad‖/‖θ‖.
            let ratio = log10(learningRate * expectedNorms[layer] / dataNorms[layer])
            #expect(isClose(figures.updateRatioLog10 ?? .nan, ratio, tolerance: 1e-9))
        }
        // Layer 0's output is the tanh, layer 1's the scores.
        #expect(isClose(step.layers[0].outputGradientRMS!, Self.rms(hand.dH), tolerance: 1e-12))
        #expect(isClose(step.layers[1].outputGradientRMS!, Self.rms(hand.dS), tolerance: 1e-12))
        let activations = step.layers[0].activations!
        let mean = hand.h.reduce(0, +) / Double(hand.h.count)
        let deviation = (hand.h.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(hand.h.count)).squareRoot()
        #expect(activations.function == .tanh)
        #expect(isClose(activations.mean, mean, tolerance: 1e-12))
        #expect(isClose(activations.standardDeviation, deviation, tolerance: 1e-9))
        #expect(activations.saturatedFraction == Double(hand.h.count { abs($0) > 0.97 }) / 12)
        #expect(step.layers[1].activations == nil)
        #expect(diagnostics.samples.map(\.layer) == [0])
        #expect(diagnostics.samples[0].values.sorted() == hand.h.sorted())
    }

    @Test func snapshotAnalysisMatchesTheHandComputation() {
        let model = TensorMLP(copying: Self.scalarTwin())
        let loss = Loss.meanSquaredError(predictions: model(Tensor(Self.x)), targets: Tensor(Self.y, role: .constant))
        loss.backward()
        let flow = GradientFlow(loss.snapshot())
        let hand = Self.byHand()
        #expect(flow.layers.map(\.path) == ["mlp/layer0", "mlp/layer1"])
        #expect(isClose(flow.layers[0].parameterGradient.norm, Self.norm(hand.layer0), tolerance: 1e-12))
        #expect(isClose(flow.layers[1].parameterGradient.norm, Self.norm(hand.layer1), tolerance: 1e-12))
        #expect(isClose(flow.layers[0].outputGradientRMS, Self.rms(hand.dH), tolerance: 1e-12))
        #expect(isClose(flow.layers[1].outputGradientRMS, Self.rms(hand.dS), tolerance: 1e-12))
    }

    @Test func bothEnginesRecordTheSameFigures() {
        func run<Task: TrainingTask>(_ trainer: inout Trainer<Task>) -> TrainingDiagnostics {
            let diagnostics = TrainingDiagnostics(histogramSteps: [0])
            diagnostics.attach(to: &trainer)
            for _ in 0..<3 { trainer.step() }
            return diagnostics
        }
        let data = ClassificationDataset.moons(count: 20, noise: 0.1)
        var scalar = Trainer(
            task: ClassificationTask(model: MLP(2, [8, 8, 1], seed: 4), dataset: data),
            optimizer: SGD(learningRate: 0.5))
        var tensor = Trainer(
            task: TensorClassificationTask(model: TensorMLP(copying: MLP(2, [8, 8, 1], seed: 4)), dataset: data),
            optimizer: SGD(learningRate: 0.5))
        let a = run(&scalar)
        let b = run(&tensor)
        #expect(a.layers == b.layers)
        for (stepA, stepB) in zip(a.steps, b.steps) {
            for (layerA, layerB) in zip(stepA.layers, stepB.layers) {
                #expect(isClose(layerA.gradientNorm, layerB.gradientNorm, tolerance: 1e-9))
                #expect(isClose(layerA.updateRatioLog10 ?? 0, layerB.updateRatioLog10 ?? 0, tolerance: 1e-9))
                #expect(isClose(layerA.outputGradientRMS ?? 0, layerB.outputGradientRMS ?? 0, tolerance: 1e-9))
                #expect(layerA.activations?.deadUnits == layerB.activations?.deadUnits)
                #expect(isClose(layerA.activations?.mean ?? 0, layerB.activations?.mean ?? 0, tolerance: 1e-9))
            }
        }
        #expect(a.samples.map(\.values.count) == b.samples.map(\.values.count))
        for (sampleA, sampleB) in zip(a.samples, b.samples) {
            for (valueA, valueB) in zip(sampleA.values.sorted(), sampleB.values.sorted()) {
                #expect(isClose(valueA, valueB, tolerance: 1e-9))
            }
        }
    }

    /// Attached to a trainer, the recorder reads activations during the backward pass; called
    /// from plain hooks, it walks the graph after `backward()`. Both must give the same
    /// figures, to the bit, and the pass must leave the gradients a plain step leaves.
    @Test(arguments: [false, true])
    func readingDuringBackwardEqualsReadingAfterIt(tensors: Bool) {
        func compare<Task: TrainingTask>(_ make: () -> Trainer<Task>) {
            var plain = make()
            var during = make()
            var after = make()
            let duringBackward = TrainingDiagnostics(histogramSteps: [0, 2])
            duringBackward.attach(to: &during)
            let afterBackward = TrainingDiagnostics(histogramSteps: [0, 2])
            after.hooks.afterBackward.append { afterBackward.recordGradients($0) }
            after.hooks.afterUpdate.append { afterBackward.recordUpdate($0) }
            #expect(during.hooks.backwardPass != nil && after.hooks.backwardPass == nil)
            for _ in 0..<3 {
                let report = plain.step()
                #expect(during.step().loss == report.loss)
                #expect(after.step().loss == report.loss)
            }
            #expect(duringBackward.steps == afterBackward.steps)
            #expect(duringBackward.samples == afterBackward.samples)
            #expect(duringBackward.samples.count == 2 * 2, "histograms at steps 0 and 2 of the two ReLU layers")
            #expect(duringBackward.steps[0].layers.compactMap(\.activations).count == 2)
            let parameters = plain.task.parameters().map(\.learnedValues)
            #expect(during.task.parameters().map(\.learnedValues) == parameters)
            #expect(after.task.parameters().map(\.learnedValues) == parameters)
        }
        let data = ClassificationDataset.moons(count: 24, noise: 0.1)
        // A large gain kills some ReLU units, so dead units are counted too.
        let model = { MLP(2, [8, 6, 1], activation: .relu, gain: 2.5, seed: 9) }
        if tensors {
            compare {
                Trainer(
                    task: TensorClassificationTask(model: TensorMLP(copying: model()), dataset: data),
                    optimizer: SGD(learningRate: 0.3))
            }
        } else {
            compare {
                Trainer(task: ClassificationTask(model: model(), dataset: data), optimizer: SGD(learningRate: 0.3))
            }
        }
    }

    @Test func warningsComeOnceWhenTheLossBlowsUp() {
        var trainer = Trainer(
            task: TensorClassificationTask(model: TensorMLP(copying: MLP(2, [16, 16, 1])), dataset: .moons()),
            optimizer: SGD(learningRate: 50))
        let diagnostics = TrainingDiagnostics()
        final class Seen { var messages: [String] = [] }
        let seen = Seen()
        diagnostics.onWarning = { seen.messages.append($0.message) }
        diagnostics.attach(to: &trainer)
        for _ in 0..<20 { trainer.step() }
        let growth = diagnostics.warnings.filter { $0.kind == "loss-growth" }
        #expect(growth.count == 1)
        #expect(growth.first?.message.contains("times its lowest") == true)
        #expect(seen.messages == diagnostics.warnings.map(\.message))
        let places = diagnostics.warnings.map { $0.kind + " " + $0.place }
        #expect(Set(places).count == places.count, "each problem is reported once")
        #expect(diagnostics.warnings.contains { $0.kind == "exploding" })
    }
}
