import Foundation
import Micrograd

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
    let trainer = ClassifierTrainer(model: MLP(2, [16, 16, 1]), dataset: .moons(count: 100, noise: 0.1))
    var stepTimes: [Double] = []
    var last: ClassifierTrainer.StepReport?
    for k in 0..<100 {
        stepTimes.append(seconds { last = trainer.step(learningRate: 1.0 - 0.9 * Double(k) / 100) })
    }
    let nodesPerStep = trainer.loss().loss.snapshot().nodes.count
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
            _ = trainer.loss()
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

let selected = CommandLine.arguments.dropFirst().first ?? "all"
if selected == "engine" || selected == "all" { benchmarkEngine() }
