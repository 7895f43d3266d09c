import Micrograd

extension DiagramOverlay {
    /// A gradient check drawn on the graph: each checked leaf's box adds the central
    /// difference (`numeric 0.5000`) and the relative error; a leaf whose gradients
    /// disagree is filled red and tagged, and the key says what the tolerance was.
    ///
    /// - Parameters:
    ///   - check: The result of `Value.gradientCheck(step:tolerance:)`; its ids
    ///     are those of the checked value's snapshot.
    ///   - options: The diagram's options: its theme, number format, and whether constants
    ///     show their gradients (constants that agree are left unmarked when they do not).
    /// - Returns: The overlay.
    public static func gradientCheck(_ check: GradientCheck, options: DOTOptions = DOTOptions()) -> DiagramOverlay {
        let colors = TeachingColors(options.theme)
        let error = NumberFormat(precision: 1)
        var overlay = DiagramOverlay()
        for leaf in check.leaves where leaf.role != .constant || options.showsConstantGradients || !leaf.agrees {
            var mark = NodeMark(
                lines: [
                    "numeric " + options.numberFormat.format(leaf.numeric),
                    "rel. error " + error.format(leaf.relativeError),
                ],
                tooltipLines: [
                    "backward() gives \(leaf.analytic)", "central difference gives \(leaf.numeric)",
                    "relative error \(leaf.relativeError)",
                ])
            if !leaf.agrees {
                mark.fill = colors.mismatchFill
                mark.border = colors.mismatch
                mark.penWidth = 2
                mark.tag = "✗ gradient check"
            }
            overlay.nodes[leaf.id] = mark
        }
        let tolerance = NumberFormat(precision: 0).format(check.tolerance)
        let step = NumberFormat(precision: 0).format(check.step)
        overlay.key.append(
            .swatch(
                fill: colors.mismatchFill, border: colors.mismatch,
                text: "gradient check failed: rel. error above \(tolerance)"))
        overlay.key.append(.text("numeric: (f(x + h) − f(x − h)) / 2h with h = \(step) · max(1, |x|)"))
        return overlay
    }
}
