import ArgumentParser
import Micrograd
import MicrogradViz

/// `--color` and `--color-scale`: the gradient view of diagrams, shared by `snapshot`,
/// `expr` and `train`.
struct GradientColorOptions: ParsableArguments {
    /// What the boxes' colours show.
    enum Coloring: String, CaseIterable, ExpressibleByArgument {
        /// Each value's role (input, parameter, …).
        case role
        /// The size of each value's gradient, with gradient problems marked.
        case grad
    }

    /// The colour scales `--color-scale` offers.
    enum ScaleName: String, CaseIterable, ExpressibleByArgument {
        case viridis, cividis

        var scale: ColorScale { self == .viridis ? .viridis : .cividis }
    }

    @Option(
        help: ArgumentHelp(
            "role: colour boxes by role. grad: after backward(), colour values and edges by log10 |grad| (a colour bar in the key; exactly 0 dashed, NaN/inf red) and mark gradient problems (dead ReLU, saturated, vanishing, exploding, NaN origin) on the boxes.",
            valueName: "coloring"))
    var color: Coloring = .role

    @Option(help: "The colour scale of --color grad: viridis or cividis (both colour-blind-safe).")
    var colorScale: ScaleName = .viridis

    /// The overlay for a snapshot taken after backward(): gradient colours and findings, or
    /// `nil` with `--color role`.
    ///
    /// - Parameters:
    ///   - snapshot: The graph after backward().
    ///   - theme: The diagram's theme.
    ///   - analysis: Makes the graph's analysis (with its unused leaves), called only for
    ///     `--color grad`; by default the snapshot's alone.
    func overlay(
        for snapshot: GraphSnapshot, theme: Theme, analysis: (() -> GradientFlow)? = nil
    ) -> DiagramOverlay? {
        guard color == .grad else { return nil }
        return GradientMarks(snapshot, scale: colorScale.scale, flow: analysis?() ?? GradientFlow(snapshot))
            .overlay(theme: theme)
    }
}
