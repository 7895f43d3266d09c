import Foundation
import Micrograd
import MicrogradViz

let data = ClassificationDataset.moons(count: 100, noise: 0.1, seed: 1337)
let model = MLP(2, [16, 16, 1], seed: 1337)
var trainer = Trainer(
    task: ClassificationTask(model: model, dataset: data),
    optimizer: SGD(learningRate: 1.0), schedule: .linear(finalFraction: 0.1, steps: 100))

// After each backward pass, before the update: this step's gradients.
trainer.hooks.afterBackward.append { event in
    if event.step % 10 == 0 {
        let gradients = event.parameters.flatMap(\.learnedGradients)
        print("step \(event.step) gradient norm \(Summary(gradients).norm)")
    }
}

for _ in 0..<100 {
    let report = trainer.step()
    if report.step % 10 == 0 {
        print("step \(report.step) loss \(report.loss) accuracy \(report.accuracy ?? 0)")
    }
}

// The loss of one example, with its own gradients: about 1,000 values, so each layer is drawn as one box.
let snapshot = trainer.diagramSnapshot()
let layers = GraphView(snapshot, options: GraphViewOptions(depth: 1))
try GraphRenderer.write(dot: layers.dot(), format: .svg, to: URL(fileURLWithPath: "moons-example0-step100.svg"))
