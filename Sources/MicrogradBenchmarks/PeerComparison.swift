import Foundation
import Micrograd

/// `micrograd-benchmark compare`: the same workloads on this engine, NumPy and PyTorch,
/// measured in one run and printed as one table with ratios.
///
/// Each side runs in a process of its own (this program's `workloads` command, and the
/// scripts in `Peers/`), one after the other, for each thread count, in several rounds;
/// a cell is the median of the rounds' medians. Interleaving the sides this way spreads
/// the noise of a shared machine over all of them.
struct PeerComparison {
    /// A side of the comparison.
    enum Side: String, CaseIterable {
        case ours = "ours"
        case numpy = "NumPy"
        case torch = "PyTorch"
    }

    /// One line of a side's output.
    private struct Line: Decodable {
        var workload: String?
        var seconds: Double?
        var skip: String?
    }

    /// The thread counts compared.
    var threadCounts = [1, 2]
    /// How many times each side runs every workload.
    var rounds = 3
    /// The workloads.
    var workloads = Workload.allCases

    /// Medians per side, thread count and workload, one per round.
    private var results: [String: [Double]] = [:]
    /// Sides that cannot run, and why.
    private var skipped: [Side: String] = [:]

    private static func key(_ side: String, _ threads: Int, _ workload: Workload) -> String {
        "\(side)/\(threads)/\(workload.rawValue)"
    }

    /// Where the peer scripts are: beside this file in the source tree.
    private static let peerDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Peers")

    /// The variant of our spiral step run with glibc's heap tunables raised, which
    /// shows whether big temporary buffers still go back to the system every step.
    private static let heapTunables =
        "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456"

    /// Runs every side for every thread count, round after round, and prints the table.
    mutating func run() {
        let environment = ProcessInfo.processInfo.environment
        for variable in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"] {
            if let value = environment[variable] {
                print(
                    "note: \(variable)=\(value) is set, so OpenBLAS (this engine's and NumPy's) uses the kernels it "
                        + "selects; `make benchmark` runs without it")
            }
        }
        print("matrix products: \(Tensor.matrixProductLibrary)")
        let loadAtStart = Self.loadAverage
        let list = workloads.map(\.argument).joined(separator: ",")
        for round in 1...rounds {
            print("round \(round) of \(rounds)…")
            for threads in threadCounts {
                let arguments = ["--threads", String(threads), "--workloads", list]
                // Like the peers, which set it before loading NumPy or PyTorch: OpenBLAS starts that
                // many threads when it loads (idle ones spin for a while and take a core from the rest).
                collect(
                    .ours, threads: threads, command: [Self.executablePath, "workloads"] + arguments,
                    environment: ["OPENBLAS_NUM_THREADS": String(threads)])
                for side in [Side.numpy, .torch] where skipped[side] == nil {
                    let script = Self.peerDirectory.appendingPathComponent(
                        side == .numpy ? "numpy_peer.py" : "torch_peer.py"
                    ).path
                    collect(side, threads: threads, command: [Self.python, script] + arguments)
                }
            }
            #if os(Linux)
                collect(
                    .ours, threads: 1, variant: "tunables",
                    command: [
                        Self.executablePath, "workloads", "--threads", "1", "--workloads",
                        Workload.spiralStep.argument,
                    ],
                    environment: ["GLIBC_TUNABLES": Self.heapTunables, "OPENBLAS_NUM_THREADS": "1"])
            #endif
        }
        printTable()
        if let loadAtStart, let loadAtEnd = Self.loadAverage {
            print("load average of the machine (1 minute): \(loadAtStart) at the start, \(loadAtEnd) at the end")
        }
    }

    /// The 1-minute load average, where the system reports it (Linux): above the number of
    /// cores, other processes took turns with these measurements.
    private static var loadAverage: String? {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init)
    }

    /// The python interpreter: `$PYTHON`, or `python3` on the path.
    private static var python: String { ProcessInfo.processInfo.environment["PYTHON"] ?? "python3" }

    /// This program, to run its `workloads` command in a fresh process.
    private static var executablePath: String {
        Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
    }

    /// Runs one side's process and records its medians (or why it skipped).
    private mutating func collect(
        _ side: Side, threads: Int, variant: String = "", command: [String], environment: [String: String] = [:]
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            skipped[side] = "could not start \(command[0]): \(error)"
            return
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let firstLines = errorText.split(separator: "\n").suffix(3).joined(separator: "\n")
            skipped[side] = "\(command.prefix(2).joined(separator: " ")) failed:\n\(firstLines)"
            return
        }
        for text in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let line = try? JSONDecoder().decode(Line.self, from: Data(text.utf8)) else { continue }
            if let reason = line.skip {
                skipped[side] = reason
            } else if let name = line.workload, let seconds = line.seconds, let workload = Workload(rawValue: name) {
                results[Self.key(side.rawValue + variant, threads, workload), default: []].append(seconds)
            }
        }
    }

    private func median(_ side: String, _ threads: Int, _ workload: Workload) -> Double? {
        guard let values = results[Self.key(side, threads, workload)], !values.isEmpty else { return nil }
        return values.sorted()[values.count / 2]
    }

    /// A time in ms, or GFLOP/s for a matrix product.
    private static func cell(_ seconds: Double?, _ workload: Workload) -> String {
        guard let seconds else { return "–" }
        if let flops = workload.flops { return String(format: "%.1f GFLOP/s", flops / seconds / 1e9) }
        return String(format: "%.3f ms", seconds * 1e3)
    }

    /// The peer's time over ours: above 1, this engine is faster.
    private static func ratio(_ ours: Double?, _ peer: Double?) -> String {
        guard let ours, let peer else { return "–" }
        return String(format: "%.2f×", peer / ours)
    }

    private func printTable() {
        print()
        print("Ratios are the peer's time over ours (above 1.00×: this engine is faster; for matmul, the")
        print("ratio of GFLOP/s). Each cell is the median of \(rounds) rounds, each the median of its timed runs.")
        print()
        print("| workload | threads | ours | NumPy | PyTorch | NumPy ÷ ours | PyTorch ÷ ours |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for workload in workloads {
            for threads in threadCounts {
                let ours = median(Side.ours.rawValue, threads, workload)
                let numpy = median(Side.numpy.rawValue, threads, workload)
                let torch = median(Side.torch.rawValue, threads, workload)
                print(
                    "| \(workload.title) | \(threads) | \(Self.cell(ours, workload)) | \(Self.cell(numpy, workload)) | "
                        + "\(Self.cell(torch, workload)) | \(Self.ratio(ours, numpy)) | \(Self.ratio(ours, torch)) |")
            }
            if workload == .spiralStep, let tuned = median(Side.ours.rawValue + "tunables", 1, workload) {
                print(
                    "| same, glibc's mmap and trim thresholds raised (GLIBC_TUNABLES) | 1 | "
                        + "\(Self.cell(tuned, workload)) | | | | |")
            }
        }
        for side in Side.allCases {
            if let reason = skipped[side] { print("\(side.rawValue) skipped: \(reason)") }
        }
    }
}
