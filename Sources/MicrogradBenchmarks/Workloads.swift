import Foundation
import Micrograd

/// The workloads `micrograd-benchmark compare` times on this engine and on its peers
/// (`Peers/numpy_peer.py`, `Peers/torch_peer.py`), with the same sizes, losses and optimizer.
enum Workload: String, CaseIterable {
    case spiralStep = "spiral-step"
    case mlpStep = "mlp-784-128-10-step"
    case matmul256 = "matmul-256"
    case matmul512 = "matmul-512"
    case matmul1024 = "matmul-1024"

    /// The row's name in the table.
    var title: String {
        switch self {
        case .spiralStep: "spiral 2-100-3 MLP, 300 points, one Adam step"
        case .mlpStep: "784-128-10 MLP, batch 256, one Adam step"
        case .matmul256: "matmul 256² (Double)"
        case .matmul512: "matmul 512² (Double)"
        case .matmul1024: "matmul 1024² (Double)"
        }
    }

    /// Untimed runs first, then timed runs whose median is reported.
    var runs: (warmup: Int, timed: Int) {
        switch self {
        case .spiralStep: (20, 200)
        case .mlpStep: (3, 30)
        case .matmul256: (3, 30)
        case .matmul512: (2, 10)
        case .matmul1024: (1, 5)
        }
    }

    /// The multiply-adds of a matrix product times two, or nil for a training step.
    var flops: Double? {
        switch self {
        case .matmul256: 2 * 256 * 256 * 256
        case .matmul512: 2 * 512 * 512 * 512
        case .matmul1024: 2 * 1024 * 1024 * 1024
        case .spiralStep, .mlpStep: nil
        }
    }

    /// `name/warm-up/timed`, the form the peers read.
    var argument: String { "\(rawValue)/\(runs.warmup)/\(runs.timed)" }

    /// The median time of one run on this engine, in seconds.
    ///
    /// - Parameter runs: Untimed and timed runs.
    func measure(_ runs: (warmup: Int, timed: Int)) -> Double {
        switch self {
        case .spiralStep:
            let data = ClassificationDataset.spiral(pointsPerClass: 100, classes: 3)
            let features = data.inputs.first?.count ?? 0
            let x = try! Tensor(shape: [data.count, features], scalars: data.inputs.flatMap { $0 })
            return TrainingStep(model: TensorMLP(2, [100, 3]), x: x, classes: data.labels, learningRate: 0.02)
                .medianSeconds(runs)
        case .mlpStep:
            var generator = SeededGenerator(seed: 7)
            let x = Tensor.uniform([256, 784], in: 0...1, using: &generator)
            let classes = (0..<256).map { _ in Int(generator.uniform(in: 0...9.999)) }
            return TrainingStep(model: TensorMLP(784, [128, 10]), x: x, classes: classes, learningRate: 0.001)
                .medianSeconds(runs)
        case .matmul256, .matmul512, .matmul1024:
            let n = Int(rawValue.split(separator: "-")[1])!
            var generator = SeededGenerator(seed: 1)
            let a = Tensor.uniform([n, n], in: -1...1, using: &generator)
            let b = Tensor.uniform([n, n], in: -1...1, using: &generator)
            return medianSeconds(runs) { _ = a.matmul(b) }
        }
    }
}

/// One full-batch training step as a user writes it: forward, cross-entropy plus
/// 1e-4 · Σ p² over every parameter, zeroed gradients, backward, Adam.
struct TrainingStep {
    let model: TensorMLP
    let x: Tensor
    let classes: [Int]
    var optimizer: Adam

    init(model: TensorMLP, x: Tensor, classes: [Int], learningRate: Double) {
        self.model = model
        self.x = x
        self.classes = classes
        optimizer = Adam(learningRate: learningRate)
    }

    /// Runs one step and returns the loss.
    @discardableResult
    mutating func run() -> Double {
        let parameters = model.parameters()
        let loss =
            Loss.crossEntropy(logits: model(x), classes: classes) + Loss.l2Penalty(parameters, strength: 1e-4)
        parameters.zeroGrad()
        backward(loss)
        optimizer.step(parameters)
        return loss.item()
    }

    /// The median time of a step, in seconds.
    func medianSeconds(_ runs: (warmup: Int, timed: Int)) -> Double {
        var step = self
        return MicrogradBenchmarks.medianSeconds(runs) { step.run() }
    }
}

/// The median of `runs.timed` timings of `body`, after `runs.warmup` untimed calls, in seconds.
func medianSeconds(_ runs: (warmup: Int, timed: Int), _ body: () -> Void) -> Double {
    for _ in 0..<runs.warmup { body() }
    let times = (0..<runs.timed).map { _ in seconds(body) }.sorted()
    return times[times.count / 2]
}

/// `micrograd-benchmark workloads --threads N --workloads name/warmup/runs,…`: this
/// engine's side of the comparison, printing one JSON line per workload as the peers do.
func runWorkloads(_ arguments: [String]) {
    var threads = 1
    var requested: [(workload: Workload, runs: (warmup: Int, timed: Int))] = []
    var index = 0
    while index + 1 < arguments.count {
        switch arguments[index] {
        case "--threads": threads = Int(arguments[index + 1]) ?? 1
        case "--workloads":
            for item in arguments[index + 1].split(separator: ",") {
                let parts = item.split(separator: "/").map(String.init)
                guard parts.count == 3, let workload = Workload(rawValue: parts[0]), let warmup = Int(parts[1]),
                    let timed = Int(parts[2]), warmup >= 0, timed > 0
                else {
                    let names = Workload.allCases.map(\.rawValue).joined(separator: ", ")
                    FileHandle.standardError.write(
                        Data(
                            "micrograd-benchmark workloads: '\(item)' is not name/warm-up runs/timed runs, with a name among \(names)\n"
                                .utf8))
                    exit(64)
                }
                requested.append((workload, (warmup, timed)))
            }
        default:
            FileHandle.standardError.write(
                Data(
                    "micrograd-benchmark workloads: unknown option \(arguments[index]); use --threads and --workloads\n"
                        .utf8))
            exit(64)
        }
        index += 2
    }
    useThreads(threads)
    for (workload, runs) in requested {
        let seconds = workload.measure(runs)
        print("{\"workload\": \"\(workload.rawValue)\", \"seconds\": \(seconds)}")
    }
}
