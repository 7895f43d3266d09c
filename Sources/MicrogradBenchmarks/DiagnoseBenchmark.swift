import Foundation
import Micrograd
import MicrogradViz

/// The cost of gradient diagnostics: `train --diagnose` per step on both engines, and the
/// analysis and overlays of `diagnose`.
func benchmarkDiagnose() {
    print("== Gradient diagnostics: the cost of --diagnose per training step, and of GradientFlow ==")
    /// Median step times without and with a recorder, the two trainers taking turns so that both see the same load;
    /// and where the recorder's time goes: its backward pass (a scalar graph is read during the sweep) and its reads
    /// after backward and after the update.
    func compare<Task: TrainingTask>(_ name: String, steps: Int, make: () -> Trainer<Task>) {
        var marks: [Double] = []
        let mark: (TrainingEvent) -> Void = { _ in marks.append(Date().timeIntervalSinceReferenceDate) }
        var plain = make()
        plain.hooks.afterForward.append(mark)
        plain.hooks.afterBackward.append(mark)
        var recorded = make()
        recorded.hooks.afterForward.append(mark)
        recorded.hooks.afterBackward.append(mark)
        recorded.hooks.afterUpdate.append(mark)
        TrainingDiagnostics().attach(to: &recorded)
        recorded.hooks.afterBackward.append(mark)
        recorded.hooks.afterUpdate.append(mark)
        var times: (plain: [Double], recorded: [Double]) = ([], [])
        var backward: (plain: [Double], recorded: [Double]) = ([], [])
        var reads: [Double] = []
        for _ in 0..<steps {
            marks = []
            times.plain.append(seconds { plain.step() })
            backward.plain.append(marks[1] - marks[0])
            marks = []
            times.recorded.append(seconds { recorded.step() })
            backward.recorded.append(marks[1] - marks[0])
            reads.append(marks[2] - marks[1] + marks[4] - marks[3])
        }
        func median(_ times: [Double]) -> Double { times.sorted()[times.count / 2] * 1e3 }
        let a = median(times.plain)
        let b = median(times.recorded)
        print(
            String(
                format: "%@: step %.3f ms, with --diagnose %.3f ms: +%.1f%%; backward %.3f → %.3f ms, "
                    + "the recorder's reads after it %.3f ms",
                name, a, b, (b / a - 1) * 100, median(backward.plain), median(backward.recorded), median(reads)))
    }
    compare("digits, TensorMLP 64-64-64-10, Adam, full batch of 1,797", steps: 60) {
        Trainer(
            task: TensorClassificationTask(
                model: TensorMLP(copying: MLP(64, [64, 64, 10], activation: .relu, initialization: .he)),
                dataset: .digits()),
            optimizer: Adam(learningRate: 0.02))
    }
    compare("moons, TensorMLP 2-16-16-1, SGD, 100 points", steps: 200) {
        Trainer(
            task: TensorClassificationTask(model: TensorMLP(copying: MLP(2, [16, 16, 1])), dataset: .moons()),
            optimizer: SGD(learningRate: 1))
    }
    compare("moons, scalar MLP 2-16-16-1 (65,814 values), SGD, 100 points", steps: 60) {
        Trainer(
            task: ClassificationTask(model: MLP(2, [16, 16, 1]), dataset: .moons()), optimizer: SGD(learningRate: 1))
    }

    let task = TensorClassificationTask(
        model: TensorMLP(copying: MLP(64, [64, 64, 10], activation: .relu, initialization: .he)), dataset: .digits())
    let loss = task.loss().loss
    loss.backward()
    let snapshot = loss.snapshot()
    var flow: GradientFlow?
    let analysis = median(runs: 11) { flow = GradientFlow(snapshot) }
    let overlay = median(runs: 11) {
        _ = GradientColoring().overlay(for: snapshot).merging(flow!.overlay())
    }
    print(
        String(
            format: "GradientFlow of the digits 64-64-64-10 loss (%d tensors, 1,797 examples): %.2f ms; "
                + "gradient colours and findings overlay: %.2f ms; %d findings",
            snapshot.nodes.count, analysis * 1e3, overlay * 1e3, flow!.findings.count))
    let scalar = ClassificationTask(model: MLP(2, [16, 16, 1]), dataset: .moons())
    let scalarLoss = scalar.loss().loss
    scalarLoss.backward()
    let big = scalarLoss.snapshot()
    let bigAnalysis = median(runs: 5) { _ = GradientFlow(big) }
    print(
        String(format: "GradientFlow of the scalar moons loss (%d values): %.1f ms", big.nodes.count, bigAnalysis * 1e3)
    )
}
