import Foundation
import MicrogradViz

/// The loss (left axis) and accuracy (right axis) over the steps of a training run, as SVG.
enum LossCurvePlot {
    /// - Parameters:
    ///   - losses: The loss at each step.
    ///   - accuracies: The accuracy at each step, from 0 to 1; `nil` for a regression, which has none.
    ///   - title: The heading.
    ///   - stepName: What the horizontal axis counts: `step` or `epoch`.
    static func svg(losses: [Double], accuracies: [Double]?, title: String, stepName: String = "step") -> String {
        var plot = SVGPlot(width: 640, height: 380)
        let (left, right, top, bottom) = (64.0, 584.0, 40.0, 300.0)
        let axis = LossAxis(losses)
        let steps = max(losses.count - 1, 1)
        func x(_ step: Int) -> Double { left + (right - left) * Double(step) / Double(steps) }
        func yLoss(_ loss: Double) -> Double { bottom - (bottom - top) * axis.fraction(loss) }
        func yAccuracy(_ accuracy: Double) -> Double { bottom - (bottom - top) * accuracy }

        plot.text(title, x: 320, y: 24, size: 15)
        // Axes and grid.
        for (value, fraction) in axis.ticks {
            let y = bottom - (bottom - top) * fraction
            plot.line(x1: left, y1: y, x2: right, y2: y, color: "#e5e7eb")
            plot.text(LossAxis.label(value), x: left - 6, y: y + 4, anchor: "end", size: 11)
        }
        if accuracies != nil {
            for tick in 0...4 {
                let y = bottom - (bottom - top) * Double(tick) / 4
                plot.text("\(tick * 25)%", x: right + 6, y: y + 4, anchor: "start", size: 11)
            }
        }
        for tick in 0...4 {
            let step = Int((Double(steps) * Double(tick) / 4).rounded())
            plot.text("\(step)", x: x(step), y: bottom + 18, size: 11)
        }
        plot.line(x1: left, y1: bottom, x2: right, y2: bottom, color: "#374151")
        plot.line(x1: left, y1: top, x2: left, y2: bottom, color: "#374151")
        plot.text(stepName, x: (left + right) / 2, y: bottom + 36, size: 12)
        plot.text(
            axis.isLogarithmic ? "loss (log scale)" : "loss", x: 14, y: (top + bottom) / 2, size: 12, rotate: true)
        // The two curves.
        let lossPoints = losses.enumerated().filter { $0.element.isFinite }
            .map { "\(plot.n(x($0.offset))),\(plot.n(yLoss($0.element)))" }
        plot.add(
            "<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\"\(lossPoints.joined(separator: " "))\"/>"
        )
        // A loss with no finite neighbour draws no line: a dot shows it.
        for (step, loss) in losses.enumerated() where loss.isFinite {
            let joined =
                (step > 0 && losses[step - 1].isFinite) || (step + 1 < losses.count && losses[step + 1].isFinite)
            if !joined {
                plot.add("<circle cx=\"\(plot.n(x(step)))\" cy=\"\(plot.n(yLoss(loss)))\" r=\"3\" fill=\"#2563eb\"/>")
            }
        }
        // Where the loss stops being a number, a red line says so: a diverged run is not an empty plot.
        if let first = losses.firstIndex(where: { !$0.isFinite }) {
            let value = losses[first].isNaN ? "NaN" : (losses[first] > 0 ? "+inf" : "-inf")
            let onLeft = x(first) < (left + right) / 2
            plot.line(x1: x(first), y1: top, x2: x(first), y2: bottom, color: "#dc2626", width: 1.5)
            plot.text(
                "loss \(value) at \(stepName) \(first): training diverged", x: x(first) + (onLeft ? 6 : -6),
                y: top + 14,
                anchor: onLeft ? "start" : "end", size: 11)
        }
        guard let accuracies else { return plot.document }
        plot.text("accuracy", x: 626, y: (top + bottom) / 2, size: 12, rotate: true)
        let accuracyPoints = accuracies.enumerated().map { "\(plot.n(x($0.offset))),\(plot.n(yAccuracy($0.element)))" }
        plot.add(
            "<polyline fill=\"none\" stroke=\"#16a34a\" stroke-width=\"2\" stroke-dasharray=\"6 3\" points=\"\(accuracyPoints.joined(separator: " "))\"/>"
        )
        // Key, under the axis so it never covers a curve.
        plot.line(x1: 232, y1: 362, x2: 260, y2: 362, color: "#2563eb", width: 2)
        plot.text("loss", x: 266, y: 366, anchor: "start", size: 11)
        plot.add(
            "<line x1=\"322\" y1=\"362\" x2=\"350\" y2=\"362\" stroke=\"#16a34a\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
        )
        plot.text("accuracy", x: 356, y: 366, anchor: "start", size: 11)
        return plot.document
    }
}
