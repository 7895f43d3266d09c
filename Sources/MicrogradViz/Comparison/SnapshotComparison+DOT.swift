import Micrograd

extension SnapshotComparison {
    /// The colour scale of changes, from "went down by 10% of its size or more" through
    /// "unchanged" (within 0.1%) to "went up by 10% or more", with steps at 0.1%, 1% and
    /// 10%: the middle of ColorBrewer's RdBu, a diverging scale that readers with any
    /// common colour-vision deficiency can tell apart, light enough for dark text.
    public static let changeColors = ["#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d"]

    /// The border of a box whose gradient did not change: the neutral fill would vanish on white.
    static let unchangedBorder = "#9ca3af"

    /// The text on a box filled from ``changeColors``: black, which the scale is light enough
    /// for in every theme (a dark theme's own text is light, and `--theme auto` turns the
    /// theme's dark text light in a dark setting, but not black).
    static let textOnChange = "#000000"

    /// The colour of a relative change on ``changeColors``, or `nil` for `NaN`.
    public static func color(of change: Double) -> String? {
        guard !change.isNaN else { return nil }
        let size = abs(change)
        let step = size < 0.001 ? 0 : size < 0.01 ? 1 : size < 0.1 ? 2 : 3
        return changeColors[3 + (change < 0 ? -step : step)]
    }

    /// Marks that draw the change on the second snapshot: each value's box shows its old and
    /// new data and gradient with their relative changes, its fill is coloured by the change
    /// of its data and its border by the change of its gradient's size, and the key explains
    /// the scale. Values whose change is not a finite number get a dashed border.
    ///
    /// - Parameter format: How numbers are written.
    /// - Returns: An overlay for the node ids of the second snapshot, `new`.
    public func overlay(format: NumberFormat = NumberFormat()) -> DiagramOverlay {
        let text = NodeText(format: format)
        var overlay = DiagramOverlay()
        for change in changes {
            let data = Self.line("data", change.oldData, change.newData, change.dataChange, isGradient: false, text)
            let grad = Self.line("grad", change.oldGrad, change.newGrad, change.gradChange, isGradient: true, text)
            let gradColor = Self.color(of: change.gradChange)
            // A change that is not a number keeps the theme's fill, and its box is dashed.
            let fill = Self.color(of: change.dataChange)
            overlay.nodes[change.id] = DiagramOverlay.NodeMark(
                fill: fill,
                border: gradColor == Self.changeColors[3] ? Self.unchangedBorder : gradColor ?? Self.unchangedBorder,
                penWidth: 2.5, dashed: change.dataChange.isNaN || change.gradChange.isNaN, lines: [data, grad],
                tooltipLines: [
                    "data before: " + Self.fullPrecision(change.oldData),
                    "data after: " + Self.fullPrecision(change.newData),
                    "grad before: " + Self.fullPrecision(change.oldGrad),
                    "grad after: " + Self.fullPrecision(change.newGrad),
                ], hidesData: true, hidesGrad: true, fontColor: fill == nil ? nil : Self.textOnChange)
        }
        overlay.key = [
            .scale(colors: Self.changeColors, low: "-10% or less", high: "+10% or more", title: "change"),
            .text("fill: the data (its mean for a tensor); border: the gradient's size (its norm)"),
            .text("steps at 0.1%, 1% and 10% of the old size; a grey border: the gradient did not change"),
        ]
        return overlay
    }

    /// The second snapshot as Graphviz DOT text, with ``overlay(format:)``'s marks.
    ///
    /// - Parameter options: How the graph is drawn; its precision also writes the changes.
    public func dot(options: DOTOptions = DOTOptions()) -> String {
        new.dot(options: options, overlay: overlay(format: options.numberFormat))
    }

    /// `data 0.5000 → 0.3000 (-40.0%)`, `grad norm 0.2373 → 0.1000 (-57.9%)`, or
    /// `data 2.0000 (unchanged)`.
    private static func line(
        _ name: String, _ old: [Double], _ new: [Double], _ change: Double, isGradient: Bool, _ text: NodeText
    ) -> String {
        var buffer = TextBuffer(capacity: 64)
        buffer.append(name)
        buffer.append(" ")
        let summarised = old.count > NodeText.listedElements
        if summarised { buffer.append(isGradient ? "norm " : "mean ") }
        func number(_ values: [Double]) {
            if summarised {
                text.format.append(isGradient ? Summary(values).norm : Summary(values).mean, to: &buffer)
            } else {
                text.appendNumbers(values, isGradient: isGradient, to: &buffer)
            }
        }
        number(old)
        if old == new {
            buffer.append(" (unchanged)")
            return buffer.string
        }
        buffer.append(" → ")
        number(new)
        buffer.append(" (")
        buffer.append(percent(change))
        buffer.append(")")
        return buffer.string
    }

    /// `+12.5%`, `-40.0%`, `+<0.1%`, `from 0`, or `not finite`.
    public static func percent(_ change: Double) -> String {
        if change.isNaN { return "not finite" }
        if change.isInfinite { return "from 0" }
        let percent = change * 100
        if abs(percent) < 0.05 { return percent > 0 ? "+<0.1%" : percent < 0 ? "-<0.1%" : "0%" }
        let text = NumberFormat(precision: 1).format(percent) + "%"
        return percent > 0 ? "+" + text : text
    }

    private static func fullPrecision(_ values: [Double]) -> String {
        var buffer = TextBuffer(capacity: 32)
        NodeText.appendFullPrecision(values, to: &buffer)
        return buffer.string
    }
}
