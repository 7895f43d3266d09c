/// A line chart over the steps of a run, drawn by the page with a marker at the step
/// of the graph shown; clicking it shows the graph recorded nearest that step.
public struct ViewerChart: Sendable {
    /// One line.
    public struct Series: Sendable, Equatable {
        /// What the line measures, such as `loss`.
        public var name: String
        /// The value at each step, from step 0.
        public var values: [Double]
        /// Whether the values are fractions from 0 to 1 shown as percentages on a right-hand axis.
        public var isFraction: Bool

        /// Creates a line.
        ///
        /// - Parameters:
        ///   - name: What it measures.
        ///   - values: The value at each step, from step 0.
        ///   - isFraction: Whether the values are fractions shown as percentages.
        public init(name: String, values: [Double], isFraction: Bool = false) {
            self.name = name
            self.values = values
            self.isFraction = isFraction
        }
    }

    /// The chart's heading.
    public var title: String
    /// What the horizontal axis counts: `step` or `epoch`.
    public var stepName: String
    /// The lines.
    public var series: [Series]

    /// Creates a chart.
    ///
    /// - Parameters:
    ///   - title: The heading.
    ///   - stepName: What the horizontal axis counts.
    ///   - series: The lines.
    public init(title: String, stepName: String = "step", series: [Series]) {
        self.title = title
        self.stepName = stepName
        self.series = series
    }
}
