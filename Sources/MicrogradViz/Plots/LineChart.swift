import Foundation

/// A chart of one or more lines with a key, as SVG: the per-layer plots of training
/// diagnostics are made of it. The y axis is linear or logarithmic; dashed horizontal
/// guide lines can mark a target such as makemore's update:data ratio of 1e-3.
///
/// ```swift
/// var chart = LineChart(title: "gradient norm", xLabel: "step", yLabel: "norm", logarithmic: true)
/// chart.series.append(.init(name: "layer0", color: LineChart.palette[0], points: [(0, 0.5), (1, 0.4)]))
/// let svg = chart.svg()
/// ```
public struct LineChart {
    /// One line.
    public struct Series {
        /// The name the key gives it.
        public var name: String
        /// Its colour.
        public var color: String
        /// Its points; those with a y that is not finite (or not positive on a log axis) are left out.
        public var points: [(x: Double, y: Double)]

        /// Creates a line.
        public init(name: String, color: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.color = color
            self.points = points
        }
    }

    /// Okabe and Ito's eight colours, told apart by readers with colour blindness; series
    /// take them in turn.
    public static let palette = [
        "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#f0e442",
    ]

    /// The heading.
    public var title: String
    /// A smaller line under the heading, such as the run it comes from.
    public var subtitle: String?
    /// What the horizontal axis counts.
    public var xLabel: String
    /// What the vertical axis measures.
    public var yLabel: String
    /// Whether the y axis is logarithmic (powers of ten).
    public var logarithmic: Bool
    /// The lines.
    public var series: [Series] = []
    /// Dashed horizontal lines, each at a y with a label.
    public var guides: [(y: Double, label: String)] = []
    /// How many series the key puts in a row.
    public var keyColumns = 4

    /// An empty chart.
    public init(title: String, xLabel: String, yLabel: String, logarithmic: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logarithmic = logarithmic
    }

    private func usable(_ y: Double) -> Bool { y.isFinite && (!logarithmic || y > 0) }

    /// The chart as an SVG document; the same data give the same bytes.
    public func svg() -> String {
        let width = 680.0
        let columns = Swift.max(keyColumns, 1)
        let keyRows = (series.count + columns - 1) / columns
        let height = 396.0 + 18 * Double(Swift.max(keyRows - 1, 0))
        let (left, right, top, bottom) = (72.0, 650.0, 56.0, 316.0)
        var plot = SVGPlot(width: width, height: height)
        plot.text(title, x: width / 2, y: 22, size: 15)
        if let subtitle { plot.text(subtitle, x: width / 2, y: 40, size: 11) }

        let xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        let ys = series.flatMap { $0.points.map(\.y) }.filter(usable) + guides.map(\.y).filter(usable)
        let xAxis = Axis(values: xs, logarithmic: false)
        let (lowX, highX) = (xAxis.low, xAxis.high)
        let axis = Axis(values: ys, logarithmic: logarithmic)
        func x(_ value: Double) -> Double { left + (right - left) * (value - lowX) / Swift.max(highX - lowX, 1e-12) }
        func y(_ value: Double) -> Double { bottom - (bottom - top) * axis.fraction(value) }

        for (value, label) in axis.ticks {
            plot.line(x1: left, y1: y(value), x2: right, y2: y(value), color: "#e5e7eb")
            plot.text(label, x: left - 6, y: y(value) + 4, anchor: "end", size: 11)
        }
        for (value, label) in xAxis.ticks {
            plot.text(label, x: x(value), y: bottom + 18, size: 11)
        }
        plot.line(x1: left, y1: bottom, x2: right, y2: bottom, color: "#374151")
        plot.line(x1: left, y1: top, x2: left, y2: bottom, color: "#374151")
        plot.text(xLabel, x: (left + right) / 2, y: bottom + 36, size: 12)
        plot.text(yLabel, x: 16, y: (top + bottom) / 2, size: 12, rotate: true)
        for guide in guides where usable(guide.y) {
            plot.add(
                "<line x1=\"\(plot.n(left))\" y1=\"\(plot.n(y(guide.y)))\" x2=\"\(plot.n(right))\" y2=\"\(plot.n(y(guide.y)))\" stroke=\"#6b7280\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            )
            plot.text(guide.label, x: right - 4, y: y(guide.y) - 5, anchor: "end", size: 11)
        }
        for line in series {
            let points = line.points.filter { usable($0.y) && $0.x.isFinite }
                .map { "\(plot.n(x($0.x))),\(plot.n(y($0.y)))" }
            guard !points.isEmpty else { continue }
            if points.count == 1 {
                let parts = points[0].split(separator: ",")
                plot.add("<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"3\" fill=\"\(line.color)\"/>")
            } else {
                plot.add(
                    "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.8\" points=\"\(points.joined(separator: " "))\"/>"
                )
            }
        }
        // The key, under the axis.
        for (index, line) in series.enumerated() {
            let column = Double(index % columns)
            let row = Double(index / columns)
            let keyX = left + column * (right - left) / Double(columns)
            let keyY = bottom + 60 + row * 18
            plot.line(x1: keyX, y1: keyY - 4, x2: keyX + 22, y2: keyY - 4, color: line.color, width: 2.5)
            plot.text(line.name, x: keyX + 28, y: keyY, anchor: "start", size: 11)
        }
        return plot.document
    }

    /// A y axis over some values: linear from a round number to a round number, or powers of ten.
    struct Axis {
        let logarithmic: Bool
        let low: Double
        let high: Double

        init(values: [Double], logarithmic: Bool) {
            self.logarithmic = logarithmic
            if logarithmic {
                let logs = values.map { log10($0) }
                let low = (logs.min() ?? -1).rounded(.down)
                self.low = low
                self.high = Swift.max((logs.max() ?? 0).rounded(.up), low + 1)
            } else {
                let low = values.min() ?? 0
                let high = values.max() ?? 1
                let span = Swift.max(high - low, 1e-12)
                let step = Axis.niceStep(span / 4)
                self.low = (low / step).rounded(.down) * step
                self.high = Swift.max((high / step).rounded(.up) * step, self.low + step)
            }
        }

        func fraction(_ value: Double) -> Double {
            let position = logarithmic ? log10(value) : value
            return Swift.min(Swift.max((position - low) / (high - low), 0), 1)
        }

        /// Gridlines: about five, at round values.
        var ticks: [(value: Double, label: String)] {
            if logarithmic {
                let powers = Int(high - low)
                let stride = Swift.max(1, (powers + 5) / 6)
                return Swift.stride(from: 0, through: powers, by: stride).map { power in
                    let exponent = Int(low) + power
                    return (pow(10, Double(exponent)), exponent == 0 ? "1" : "1e\(exponent)")
                }
            }
            let step = Axis.niceStep((high - low) / 4)
            let count = Int(((high - low) / step).rounded())
            return (0...count).map { index in
                let value = low + Double(index) * step
                return (value, LossAxis.label(Swift.abs(value) < step * 1e-9 ? 0 : value))
            }
        }

        /// The smallest of 1, 2, 2.5 or 5 × 10ᵏ at least `value`.
        static func niceStep(_ value: Double) -> Double {
            let scale = pow(10, log10(Swift.max(value, 1e-300)).rounded(.down))
            let step = [1.0, 2, 2.5, 5, 10].first { $0 * scale >= value * (1 - 1e-12) } ?? 10
            return step * scale
        }
    }
}
