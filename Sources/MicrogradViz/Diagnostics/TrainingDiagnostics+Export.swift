import Micrograd

extension TrainingDiagnostics {
    /// Every step's per-layer figures as CSV, one row per step and layer, for plotting
    /// elsewhere. Columns: `step, loss, layer, gradient_norm, gradient_mean, gradient_max,
    /// update_ratio_log10, output_gradient_rms, activation_mean, activation_std,
    /// saturated_fraction, dead_fraction`; a figure that does not apply is empty.
    public func csv() -> String {
        var buffer = TextBuffer(capacity: steps.count * layers.count * 160 + 256)
        buffer.append(
            "step,loss,layer,gradient_norm,gradient_mean,gradient_max,update_ratio_log10,output_gradient_rms,"
                + "activation_mean,activation_std,saturated_fraction,dead_fraction\n")
        for step in steps {
            for (index, layer) in step.layers.enumerated() {
                buffer.append(step.step)
                buffer.appendCSV(step.loss)
                buffer.append(UInt8(ascii: ","))
                buffer.append(layers[index])
                for value in Self.figures(layer) { buffer.appendCSV(value) }
                buffer.append(UInt8(ascii: "\n"))
            }
        }
        return buffer.string
    }

    /// Everything recorded as JSON (`"format": "micrograd-training-diagnostics"`, `"version": 1`):
    /// the layers, each step's figures per layer (the CSV's columns, `null` where one does not
    /// apply), the histograms kept (bin edges and counts of activations and gradients), and
    /// the warnings. NaN and infinities are the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    public func json(bins: Int = 60) -> String {
        var buffer = TextBuffer(capacity: steps.count * layers.count * 300 + 4096)
        buffer.append("{\n  \"format\": \"micrograd-training-diagnostics\",\n  \"version\": 1,\n  \"layers\": [")
        for (index, layer) in layers.enumerated() {
            if index > 0 { buffer.append(", ") }
            buffer.appendJSONString(layer)
        }
        buffer.append("],\n  \"steps\": [")
        let keys = [
            "gradientNorm", "gradientMean", "gradientMax", "updateRatioLog10", "outputGradientRMS", "activationMean",
            "activationStd", "saturatedFraction", "deadFraction",
        ]
        for (stepIndex, step) in steps.enumerated() {
            buffer.append(stepIndex == 0 ? "\n    {\"step\": " : ",\n    {\"step\": ")
            buffer.append(step.step)
            buffer.append(", \"loss\": ")
            buffer.appendJSONNumber(step.loss)
            buffer.append(", \"layers\": [")
            for (index, layer) in step.layers.enumerated() {
                buffer.append(index == 0 ? "{\"layer\": " : ", {\"layer\": ")
                buffer.appendJSONString(layers[index])
                for (key, value) in zip(keys, Self.figures(layer)) {
                    buffer.append(", \"" + key + "\": ")
                    if let value { buffer.appendJSONNumber(value) } else { buffer.append("null") }
                }
                buffer.append(UInt8(ascii: "}"))
            }
            buffer.append("]}")
        }
        buffer.append("\n  ],\n  \"histograms\": [")
        for (index, sample) in samples.enumerated() {
            buffer.append(index == 0 ? "\n    {\"step\": " : ",\n    {\"step\": ")
            buffer.append(sample.step)
            buffer.append(", \"layer\": ")
            buffer.appendJSONString(layers[sample.layer])
            buffer.append(", \"function\": ")
            if let function = sample.function {
                buffer.appendJSONString(function.symbol)
            } else {
                buffer.append("null")
            }
            for (name, values) in [("activations", sample.values), ("gradients", sample.gradients)] {
                let histogram = Histogram(values, bins: bins)
                buffer.append(", \"" + name + "\": {\"edges\": ")
                buffer.appendJSONNumbers(histogram.edges)
                buffer.append(", \"counts\": [")
                for (position, count) in histogram.counts.enumerated() {
                    if position > 0 { buffer.append(", ") }
                    buffer.append(count)
                }
                buffer.append("]}")
            }
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append("\n  ],\n  \"warnings\": [")
        for (index, warning) in warnings.enumerated() {
            buffer.append(index == 0 ? "\n    {\"step\": " : ",\n    {\"step\": ")
            buffer.append(warning.step)
            buffer.append(", \"kind\": ")
            buffer.appendJSONString(warning.kind)
            buffer.append(", \"place\": ")
            buffer.appendJSONString(warning.place)
            buffer.append(", \"message\": ")
            buffer.appendJSONString(warning.message)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append("\n  ]\n}\n")
        return buffer.string
    }

    /// A layer's figures in the order of the CSV columns after `layer`.
    private static func figures(_ layer: LayerStep) -> [Double?] {
        let activations = layer.activations
        return [
            layer.gradientNorm, layer.gradientMean, layer.gradientMax, layer.updateRatioLog10,
            layer.outputGradientRMS, activations?.mean, activations?.standardDeviation,
            activations.flatMap {
                $0.function.map(ActivationStatistics.saturates) == true ? $0.saturatedFraction : nil
            },
            activations.flatMap { $0.function == .relu ? $0.deadFraction : nil },
        ]
    }
}

/// Counts of values in equal bins between their smallest and largest finite value.
struct Histogram {
    /// `bins + 1` bin edges, ascending.
    let edges: [Double]
    /// How many values fall in each bin; the last bin includes its upper edge.
    let counts: [Int]

    init(_ values: [Double], bins: Int) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if high - low < 1e-12 {
            low -= 0.5
            high += 0.5
        }
        let width = (high - low) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for value in finite { counts[Swift.min(Int((value - low) / width), bins - 1)] += 1 }
        edges = (0...bins).map { low + Double($0) * width }
        self.counts = counts
    }
}

extension TextBuffer {
    /// `,` then the number (shortest round-trip form), or just `,` for none.
    mutating func appendCSV(_ value: Double?) {
        append(UInt8(ascii: ","))
        guard let value else { return }
        if value.isNaN { return append("NaN") }
        if value.isInfinite { return append(value < 0 ? "-Infinity" : "Infinity") }
        appendShortest(value)
    }
}
