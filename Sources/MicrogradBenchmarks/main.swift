import Foundation
import Micrograd
import MicrogradViz

#if canImport(Glibc)
    import Glibc
#endif

/// Seconds taken by `body`.
func seconds(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// The process's resident memory, from /proc/self/statm.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

func benchmarkEngine() {
    print("== Scalar engine: micrograd's moons demo (100 points, MLP(2, [16, 16, 1]), hinge + 1e-4·L2, SGD) ==")
    var trainer = Trainer(
        task: ClassificationTask(model: MLP(2, [16, 16, 1]), dataset: .moons(count: 100, noise: 0.1)),
        optimizer: SGD(learningRate: 1.0), schedule: .linear(finalFraction: 0.1, steps: 100))
    var stepTimes: [Double] = []
    var last: StepReport?
    for _ in 0..<100 {
        stepTimes.append(seconds { last = trainer.step() })
    }
    let nodesPerStep = trainer.task.loss().loss.snapshot().nodes.count
    let sorted = stepTimes.sorted()
    print(
        String(
            format: "steps: 100, final loss %.4f, final accuracy %.0f%%", last?.loss ?? .nan,
            (last?.accuracy ?? 0) * 100))
    print(
        String(
            format: "time per step: mean %.3f ms, median %.3f ms, best %.3f ms (%d nodes per step)",
            stepTimes.reduce(0, +) / 100 * 1e3, sorted[50] * 1e3, sorted[0] * 1e3, nodesPerStep))

    // Forward only: how fast nodes are recorded.
    var created = 0
    let forwardTime = seconds {
        for _ in 0..<50 {
            created += nodesPerStep
            _ = trainer.task.loss()
        }
    }
    print(String(format: "nodes recorded per second (forward pass): %.1f million", Double(created) / forwardTime / 1e6))

    // Memory: heap growth while a large graph is alive.
    let before = residentBytes()
    var chain = Value(1.0)
    let count = 1_000_000
    for _ in 0..<count { chain = chain * 1.0000001 + 0.0 }
    let after = residentBytes()
    print(
        String(
            format: "bytes per recorded node: %.1f (resident memory growth over %d nodes, constants included)",
            Double(after - before) / Double(count * 4 + 1), count * 4 + 1))
    var depth = Value(0.5)
    let deepTime = seconds {
        for _ in 0..<1_000_000 { depth = depth.tanh() }
        depth.backward()
        depth = Value(0)
    }
    print(String(format: "a chain 1,000,000 deep: built, backpropagated and freed in %.3f s", deepTime))
    withExtendedLifetime(chain) {}
}

/// The median of `runs` timings of `body`, in seconds.
func median(runs: Int, _ body: () -> Void) -> Double {
    let times = (0..<runs).map { _ in seconds(body) }.sorted()
    return times[runs / 2]
}

func benchmarkExport() {
    print("== Export: DOT, JSON and Mermaid of a large graph; rendering through libgvc ==")
    // micrograd's demo loss over 152 moons points: just over 100,000 recorded values.
    let task = ClassificationTask(model: MLP(2, [16, 16, 1]), dataset: .moons(count: 152, noise: 0.1))
    let loss = task.loss(on: nil).loss
    loss.backward()
    var snapshot = loss.snapshot()
    let snapshotTime = median(runs: 5) { snapshot = loss.snapshot() }
    var dot = ""
    let dotTime = median(runs: 5) { dot = snapshot.dot() }
    let compactTime = median(runs: 5) { _ = snapshot.dot(options: DOTOptions(style: .compact)) }
    let jsonTime = median(runs: 5) { _ = snapshot.json() }
    let mermaidTime = median(runs: 5) { _ = snapshot.mermaid() }
    print(String(format: "graph: %d nodes; snapshot %.1f ms", snapshot.nodes.count, snapshotTime * 1e3))
    print(
        String(
            format: "DOT (record style, scopes as clusters): %.1f ms for %.1f MB; compact style %.1f ms",
            dotTime * 1e3, Double(dot.utf8.count) / 1e6, compactTime * 1e3))
    print(String(format: "JSON: %.1f ms; Mermaid: %.1f ms", jsonTime * 1e3, mermaidTime * 1e3))

    // The lecture's tanh neuron, from values to image.
    func neuronDOT() -> String {
        let x1 = Value(2.0, label: "x1")
        let x2 = Value(0.0, label: "x2")
        let w1 = Value(-3.0, label: "w1", role: .parameter)
        let w2 = Value(1.0, label: "w2", role: .parameter)
        let b = Value(6.8813735870195432, label: "b", role: .parameter)
        let o = (x1 * w1 + x2 * w2 + b).tanh()
        o.label = "o"
        o.backward()
        return o.snapshot().dot()
    }
    for format in RenderFormat.allCases {
        _ = try? GraphRenderer.render(dot: neuronDOT(), format: format)  // warm up plugins and fonts
        let time = median(runs: 21) { _ = try? GraphRenderer.render(dot: neuronDOT(), format: format) }
        print(
            String(
                format: "neuron diagram end to end (build, backward, snapshot, DOT, layout, render) to %@: %.1f ms",
                format.rawValue.uppercased(), time * 1e3))
    }
}

func benchmarkTensor() {
    print("== Tensor engine ==")
    var generator = SeededGenerator(seed: 1)
    for n in [64, 256, 512] {
        let a = Tensor.uniform([n, n], in: -1...1, using: &generator)
        let b = Tensor.uniform([n, n], in: -1...1, using: &generator)
        let runs = n == 512 ? 5 : 21
        let forward = median(runs: runs) { _ = a.matmul(b) }
        let backward = median(runs: runs) {
            let product = a.matmul(b).sum()
            product.backward()
        }
        let flops = 2 * Double(n) * Double(n) * Double(n)
        print(
            String(
                format: "matmul %d×%d: %.2f GFLOP/s (%.3f ms); with backward (3 matmuls): %.2f GFLOP/s (%.3f ms)",
                n, n, flops / forward / 1e9, forward * 1e3, 3 * flops / backward / 1e9, backward * 1e3))
    }

    // The CS231n spiral: 3 classes of 100 points, TensorMLP(2, [100, 3]), cross-entropy + L2, Adam.
    var spiral = Trainer(
        task: TensorClassificationTask(
            model: TensorMLP(2, [100, 3]), dataset: .spiral(pointsPerClass: 100, classes: 3)),
        optimizer: Adam(learningRate: 0.02))
    var spiralTimes: [Double] = []
    var report: StepReport?
    for _ in 0..<300 { spiralTimes.append(seconds { report = spiral.step() }) }
    spiralTimes.sort()
    print(
        String(
            format: "spiral 2-100-3, 300 points, full batch, Adam: median step %.3f ms, best %.3f ms; "
                + "300 steps in %.3f s, accuracy %.1f%%",
            spiralTimes[150] * 1e3, spiralTimes[0] * 1e3, spiralTimes.reduce(0, +), (report?.accuracy ?? 0) * 100))

    // micrograd's moons demo on both engines, from the same initial weights.
    let moons = ClassificationDataset.moons(count: 100, noise: 0.1)
    let demoSchedule = LearningRateSchedule.linear(finalFraction: 0.1, steps: 100)
    var scalar = Trainer(
        task: ClassificationTask(model: MLP(2, [16, 16, 1]), dataset: moons), optimizer: SGD(learningRate: 1.0),
        schedule: demoSchedule)
    var tensor = Trainer(
        task: TensorClassificationTask(model: TensorMLP(copying: MLP(2, [16, 16, 1])), dataset: moons),
        optimizer: SGD(learningRate: 1.0), schedule: demoSchedule)
    var scalarReport: StepReport?
    var tensorReport: StepReport?
    let scalarTime = seconds {
        for _ in 0..<100 { scalarReport = scalar.step() }
    }
    let tensorTime = seconds {
        for _ in 0..<100 { tensorReport = tensor.step() }
    }
    print(
        String(
            format: "moons demo, 100 steps: scalar engine %.1f ms (last loss %.6f), tensor engine %.1f ms "
                + "(last loss %.6f): %.1f× faster",
            scalarTime * 1e3, scalarReport?.loss ?? .nan, tensorTime * 1e3, tensorReport?.loss ?? .nan,
            scalarTime / tensorTime))
}

let selected = CommandLine.arguments.dropFirst().first ?? "all"
let known = ["engine", "tensor", "export", "diagnose", "all"]
guard known.contains(selected) else {
    print("usage: micrograd-benchmark [\(known.joined(separator: "|"))]")
    exit(64)
}
if selected == "engine" || selected == "all" { benchmarkEngine() }
if selected == "tensor" || selected == "all" { benchmarkTensor() }
if selected == "export" || selected == "all" { benchmarkExport() }
if selected == "diagnose" || selected == "all" { benchmarkDiagnose() }
