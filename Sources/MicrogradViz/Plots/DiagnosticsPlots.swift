import Foundation
import Micrograd

/// The plots of a ``Micrograd/TrainingDiagnostics`` record, as SVG: what Karpathy's
/// makemore part 3 plots (per-layer histograms of activations and gradients, the
/// update:data ratio over time with its 1e-3 guide line), the per-layer gradient norm over
/// the steps, and a `plot_grad_flow`-style chart of mean and largest |grad| per layer.
///
/// ```swift
/// let svg = DiagnosticsPlots.gradientNorms(diagnostics, title: "digits")
/// ```
public enum DiagnosticsPlots {
    /// Each layer's parameter gradient norm over the steps, on a log scale.
    public static func gradientNorms(_ diagnostics: TrainingDiagnostics, title: String) -> String {
        var chart = LineChart(
            title: "Gradient norm per layer", xLabel: "step", yLabel: "‖grad‖ of the layer's parameters",
            logarithmic: true)
        chart.subtitle = title
        chart.series = series(diagnostics) { $0.gradientNorm }
        return chart.svg()
    }

    /// Each layer's update:data ratio, log₁₀(‖Δθ‖ / ‖θ‖), over the steps, with makemore's
    /// guide line at −3 (updates about a thousandth of the weights).
    public static func updateRatios(_ diagnostics: TrainingDiagnostics, title: String) -> String {
        var chart = LineChart(
            title: "Update:data ratio per layer", xLabel: "step", yLabel: "log10(‖update‖ / ‖data‖)")
        chart.subtitle = title
        chart.series = series(diagnostics) { $0.updateRatioLog10 }
        chart.guides = [(-3, "1e-3: about right")]
        return chart.svg()
    }

    /// What a histogram shows: the activations or their gradients.
    public enum HistogramKind: String, Sendable, CaseIterable {
        /// The ReLU, tanh or sigmoid outputs.
        case activations
        /// Their gradients, ∂loss/∂activation.
        case gradients
    }

    /// The distribution of each layer's activations (or their gradients) at one step, as
    /// a line per layer, with each layer's mean, standard deviation and saturated (or dead)
    /// fraction in the key, makemore-style. `nil` if nothing was kept at that step.
    public static func histogram(
        _ diagnostics: TrainingDiagnostics, step: Int, kind: HistogramKind, title: String, bins: Int = 60
    ) -> String? {
        let samples = diagnostics.samples.filter { $0.step == step }
        guard !samples.isEmpty else { return nil }
        let values = samples.map { kind == .activations ? $0.values : $0.gradients }
        let finite = values.flatMap { $0.filter(\.isFinite) }
        var low = finite.min() ?? -1
        var high = finite.max() ?? 1
        if high - low < 1e-12 {
            low -= 0.5
            high += 0.5
        }
        let width = (high - low) / Double(bins)
        var chart = LineChart(
            title: (kind == .activations ? "Activation" : "Activation gradient") + " distribution at step \(step)",
            xLabel: kind == .activations ? "activation value" : "gradient of the activation", yLabel: "density")
        chart.subtitle = title
        for (index, sample) in samples.enumerated() {
            var counts = [Double](repeating: 0, count: bins)
            let layerValues = values[index]
            for value in layerValues where value.isFinite {
                counts[Swift.min(Int((value - low) / width), bins - 1)] += 1
            }
            let total = Double(Swift.max(layerValues.count, 1)) * width
            let statistics = Summary(layerValues)
            let deviation = standardDeviation(layerValues, mean: statistics.mean)
            var name =
                "\(diagnostics.layers[sample.layer]) (\(sample.function?.symbol ?? "mixed")): mean "
                + ReportNumber.text(statistics.mean) + ", std " + ReportNumber.text(deviation)
            if kind == .activations, let layer = layerStep(diagnostics, step: step, layer: sample.layer)?.activations {
                if let function = layer.function, ActivationStatistics.saturates(function) {
                    name += ", saturated " + ReportNumber.percent(layer.saturatedFraction)
                } else if layer.function == .relu {
                    name += ", dead " + ReportNumber.percent(layer.deadFraction)
                }
            }
            chart.series.append(
                LineChart.Series(
                    name: name, color: LineChart.palette[index % LineChart.palette.count],
                    points: counts.enumerated().map { bin, count in
                        (low + (Double(bin) + 0.5) * width, count / total)
                    }))
        }
        return chart.svgWithWideKey()
    }

    /// A `plot_grad_flow`-style chart for one step (the last by default): for each layer a
    /// pale bar up to the largest |grad| of its parameters and a dark bar up to the mean,
    /// on a log scale, so a layer whose gradients vanish stands out.
    public static func gradientFlow(_ diagnostics: TrainingDiagnostics, title: String, step: Int? = nil) -> String {
        let record = step.flatMap { wanted in diagnostics.steps.first { $0.step == wanted } } ?? diagnostics.steps.last
        let layers = record?.layers ?? []
        let width = 680.0
        let height = 400.0
        let (left, right, top, bottom) = (72.0, 650.0, 56.0, 300.0)
        var plot = SVGPlot(width: width, height: height)
        plot.text("Gradient flow at step \(record?.step ?? 0)", x: width / 2, y: 22, size: 15)
        plot.text(title, x: width / 2, y: 40, size: 11)
        let values = layers.flatMap { [$0.gradientMean, $0.gradientMax] }.filter { $0.isFinite && $0 > 0 }
        let axis = LineChart.Axis(values: values, logarithmic: true)
        func y(_ value: Double) -> Double {
            value.isFinite && value > 0 ? bottom - (bottom - top) * axis.fraction(value) : bottom
        }
        for (value, label) in axis.ticks {
            plot.line(x1: left, y1: y(value), x2: right, y2: y(value), color: "#e5e7eb")
            plot.text(label, x: left - 6, y: y(value) + 4, anchor: "end", size: 11)
        }
        plot.line(x1: left, y1: bottom, x2: right, y2: bottom, color: "#374151")
        plot.line(x1: left, y1: top, x2: left, y2: bottom, color: "#374151")
        plot.text("|grad| of the layer's parameters", x: 16, y: (top + bottom) / 2, size: 12, rotate: true)
        let slot = (right - left) / Double(Swift.max(layers.count, 1))
        for (index, layer) in layers.enumerated() {
            let center = left + slot * (Double(index) + 0.5)
            let barWidth = Swift.min(slot * 0.6, 60)
            for (value, color) in [(layer.gradientMax, "#7fc8f8"), (layer.gradientMean, "#0b4f8a")] {
                let top = y(value)
                plot.add(
                    "<rect x=\"\(plot.n(center - barWidth / 2))\" y=\"\(plot.n(top))\" width=\"\(plot.n(barWidth))\" height=\"\(plot.n(bottom - top))\" fill=\"\(color)\"/>"
                )
            }
            if layer.gradientMax == 0 {
                plot.text("0", x: center, y: bottom - 6, size: 11)
            }
            plot.text(diagnostics.layers[index], x: center, y: bottom + 18, size: 11)
        }
        plot.add("<rect x=\"\(plot.n(left))\" y=\"356\" width=\"22\" height=\"10\" fill=\"#7fc8f8\"/>")
        plot.text("largest |grad|", x: left + 28, y: 365, anchor: "start", size: 11)
        plot.add("<rect x=\"\(plot.n(left + 150))\" y=\"356\" width=\"22\" height=\"10\" fill=\"#0b4f8a\"/>")
        plot.text("mean |grad|", x: left + 178, y: 365, anchor: "start", size: 11)
        return plot.document
    }

    // MARK: - Helpers

    private static func series(
        _ diagnostics: TrainingDiagnostics, _ value: (TrainingDiagnostics.LayerStep) -> Double?
    ) -> [LineChart.Series] {
        diagnostics.layers.indices.map { layer in
            LineChart.Series(
                name: diagnostics.layers[layer], color: LineChart.palette[layer % LineChart.palette.count],
                points: diagnostics.steps.map { step in
                    (Double(step.step), value(step.layers[layer]) ?? .nan)
                })
        }
    }

    private static func layerStep(
        _ diagnostics: TrainingDiagnostics, step: Int, layer: Int
    ) -> TrainingDiagnostics.LayerStep? {
        diagnostics.steps.first { $0.step == step }?.layers[layer]
    }

    static func standardDeviation(_ values: [Double], mean: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    }
}

extension LineChart {
    /// The chart with one series per key row, for keys whose names are long.
    func svgWithWideKey() -> String {
        var copy = self
        copy.keyColumns = 1
        return copy.svg()
    }
}
