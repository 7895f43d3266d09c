import Foundation
import MicrogradViz

/// Shows training progress: a bar redrawn in place on a terminal, and a plain
/// line every tenth of the run when the output is a file or a pipe.
struct ProgressReporter {
    let steps: Int
    let isTerminal: Bool
    private let format = NumberFormat(precision: 4)

    init(steps: Int, isTerminal: Bool = Terminal.outputIsTerminal) {
        self.steps = steps
        self.isTerminal = isTerminal
    }

    /// Reports the step that just finished (1-based).
    func report(step: Int, loss: Double, accuracy: Double) {
        let status = "step \(step)/\(steps)  loss \(format.format(loss))  accuracy \(Self.percent(accuracy))"
        if isTerminal {
            let width = 30
            let filled = Int((Double(step) / Double(steps) * Double(width)).rounded(.down))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            // Written straight to the file descriptor, so the bar shows at once.
            let line = "\r[\(bar)] " + status + "   " + (step == steps ? "\n" : "")
            var text = line
            text.withUTF8 { bytes in _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
        } else if step == 1 || step == steps || step % max(1, steps / 10) == 0 {
            print(status)
        }
    }

    /// `97.5%`, `100%`.
    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return value == value.rounded() ? "\(Int(value))%" : NumberFormat(precision: 1).format(value) + "%"
    }
}
