import Micrograd
import MicrogradViz

/// The gradient view of one snapshot after backward(), in its two parts: the colours by
/// log10 |grad| and the gradient-flow findings. Images draw them merged
/// (``overlay(theme:)``); an html page offers each as a layer (``layers(areOn:)``). The
/// analysis is made once, and each theme's marks once.
final class GradientMarks {
    /// The graph after backward().
    let snapshot: GraphSnapshot
    /// The colour scale.
    let scale: ColorScale
    /// The graph's analysis.
    let flow: GradientFlow
    private var colors: [Theme: DiagramOverlay] = [:]
    private var findings: [Theme: DiagramOverlay] = [:]

    init(_ snapshot: GraphSnapshot, scale: ColorScale, flow: GradientFlow) {
        self.snapshot = snapshot
        self.scale = scale
        self.flow = flow
    }

    /// The colours by |grad| drawn in `theme`.
    func colorOverlay(theme: Theme) -> DiagramOverlay {
        if let made = colors[theme] { return made }
        let made = GradientColoring(scale: scale, theme: theme).overlay(for: snapshot)
        colors[theme] = made
        return made
    }

    /// The findings drawn in `theme`.
    func findingsOverlay(theme: Theme) -> DiagramOverlay {
        if let made = findings[theme] { return made }
        let made = flow.overlay(theme: theme)
        findings[theme] = made
        return made
    }

    /// Both, as one overlay, for images.
    func overlay(theme: Theme) -> DiagramOverlay {
        colorOverlay(theme: theme).merging(findingsOverlay(theme: theme))
    }

    /// Both as layers of an html page (whose diagrams are drawn in the light theme).
    ///
    /// - Parameter areOn: Whether they are on when the page opens.
    func layers(areOn: Bool) -> [ViewerLayer] {
        [
            .gradientColors(colorOverlay(theme: .light), isOnInitially: areOn),
            .gradientFindings(findingsOverlay(theme: .light), count: flow.findings.count, isOnInitially: areOn),
        ]
    }
}
