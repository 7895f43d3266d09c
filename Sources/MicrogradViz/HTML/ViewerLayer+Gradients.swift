import Micrograd

extension ViewerLayer {
    /// A layer of the gradient view: values and edges coloured by log₁₀ |grad|, with the
    /// colour bar in the key (`GradientColoring`, as `--color grad` draws it).
    ///
    /// ```swift
    /// let colours = GradientColoring().overlay(for: snapshot)
    /// graph.layers.append(.gradientColors(colours))
    /// ```
    ///
    /// - Parameters:
    ///   - overlay: The marks of ``GradientColoring/overlay(for:)`` for the graph, drawn in the light theme.
    ///   - isOnInitially: Whether the layer is on when the page opens.
    public static func gradientColors(_ overlay: DiagramOverlay, isOnInitially: Bool = false) -> ViewerLayer {
        ViewerLayer(
            id: "gradient-colors", title: "Gradient size",
            summary: "values and edges coloured by log₁₀ |grad|; exactly 0 dashed, NaN or inf red",
            overlay: overlay, isOnInitially: isOnInitially)
    }

    /// A layer of the gradient-flow findings: each value that shows a problem (dead ReLU,
    /// saturated, vanishing, exploding, NaN origin) gets a border in its kind's colour and a
    /// tag, its panel the evidence, and the key lists the findings.
    ///
    /// ```swift
    /// let flow = GradientFlow(snapshot)
    /// graph.layers.append(.gradientFindings(flow.overlay(theme: .light), count: flow.findings.count))
    /// ```
    ///
    /// - Parameters:
    ///   - overlay: The marks of `GradientFlow.overlay(theme:)`, drawn in the light theme.
    ///   - count: How many findings there are.
    ///   - isOnInitially: Whether the layer is on when the page opens.
    public static func gradientFindings(_ overlay: DiagramOverlay, count: Int, isOnInitially: Bool = false)
        -> ViewerLayer
    {
        ViewerLayer(
            id: "gradient-findings", title: "Gradient problems",
            summary: count == 0
                ? "nothing to mark"
                : "\(count) finding\(count == 1 ? "" : "s") marked on their values; click one for the evidence",
            overlay: overlay, isOnInitially: isOnInitially)
    }
}
