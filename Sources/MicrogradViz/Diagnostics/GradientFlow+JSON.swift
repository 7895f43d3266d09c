import Micrograd

extension GradientFlow {
    /// The findings and the per-layer figures as JSON (`"format": "micrograd-gradient-flow"`,
    /// `"version": 1`): each finding's `kind` (`non-finite-forward`, `non-finite-backward`,
    /// `exploding`, `vanishing`, `dead-relu`, `saturated`, `unused`), `place`, `nodes` (snapshot
    /// ids), `tag`, `evidence` and `hint`; each layer's parameter gradient norm, mean and largest
    /// magnitude, output gradient RMS and activation figures (`null` where they do not apply).
    /// NaN and infinities are the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    public func json() -> String {
        var buffer = TextBuffer(capacity: 4096 + findings.count * 400 + layers.count * 300)
        buffer.append("{\n  \"format\": \"micrograd-gradient-flow\",\n  \"version\": 1,\n  \"findings\": [")
        for (index, finding) in findings.enumerated() {
            buffer.append(index == 0 ? "\n    {\"kind\": " : ",\n    {\"kind\": ")
            buffer.appendJSONString(finding.kind.rawValue)
            buffer.append(", \"place\": ")
            buffer.appendJSONString(finding.place)
            buffer.append(", \"nodes\": [")
            for (position, id) in finding.nodes.enumerated() {
                if position > 0 { buffer.append(", ") }
                buffer.append(id)
            }
            buffer.append("], \"tag\": ")
            buffer.appendJSONString(finding.tag)
            buffer.append(", \"evidence\": ")
            buffer.appendJSONString(finding.evidence)
            buffer.append(", \"hint\": ")
            buffer.appendJSONString(finding.hint)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(findings.isEmpty ? "],\n  \"layers\": [" : "\n  ],\n  \"layers\": [")
        for (index, layer) in layers.enumerated() {
            buffer.append(index == 0 ? "\n    {\"path\": " : ",\n    {\"path\": ")
            buffer.appendJSONString(layer.path)
            let activations = layer.activations
            let figures: [(String, Double?)] = [
                ("parameterGradientNorm", layer.parameterGradient.norm),
                ("parameterGradientMean", layer.parameterGradient.mean),
                ("parameterGradientMax", layer.parameterGradient.largestMagnitude),
                ("outputGradientRMS", layer.outputGradientRMS), ("activationMean", activations?.mean),
                ("activationStd", activations?.standardDeviation),
                (
                    "saturatedFraction",
                    activations.flatMap {
                        $0.function.map(ActivationStatistics.saturates) == true ? $0.saturatedFraction : nil
                    }
                ),
                ("deadFraction", activations.flatMap { $0.function == .relu ? $0.deadFraction : nil }),
            ]
            for (key, value) in figures {
                buffer.append(", \"" + key + "\": ")
                if let value { buffer.appendJSONNumber(value) } else { buffer.append("null") }
            }
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(layers.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return buffer.string
    }
}
