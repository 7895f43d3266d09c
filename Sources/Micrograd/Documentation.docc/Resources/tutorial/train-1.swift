import Micrograd

let data = ClassificationDataset.moons(count: 100, noise: 0.1, seed: 1337)
let model = MLP(2, [16, 16, 1], seed: 1337)
var trainer = Trainer(
    task: ClassificationTask(model: model, dataset: data),
    optimizer: SGD(learningRate: 1.0), schedule: .linear(finalFraction: 0.1, steps: 100))

for _ in 0..<100 {
    let report = trainer.step()
    if report.step % 10 == 0 {
        print("step \(report.step) loss \(report.loss) accuracy \(report.accuracy ?? 0)")
    }
}
