import Micrograd

extension GradientFlow {
    /// The findings drawn on a diagram of the snapshot they came from: each node that shows
    /// a problem gets a thick border in the colour of its kind and a tag (`⚠ dead`,
    /// `⚠ saturated 94%`, `⚠ NaN born here`), its tooltip gets the evidence, and the key
    /// lists every finding, including those not in the graph (unused parameters).
    ///
    /// ```swift
    /// let flow = GradientFlow(snapshot)
    /// let dot = snapshot.dot(overlay: flow.overlay(theme: .dark))
    /// ```
    ///
    /// - Parameters:
    ///   - theme: The diagram's theme; the print theme marks in black.
    ///   - keyLimit: The most findings the key lists; the rest are counted.
    public func overlay(theme: Theme = .light, keyLimit: Int = 12) -> DiagramOverlay {
        var overlay = DiagramOverlay()
        let background = theme.palette.background
        for finding in findings {
            let color = Self.markerColor(finding.kind, theme: theme)
            for id in finding.nodes {
                let mark = DiagramOverlay.NodeMark(
                    border: color, penWidth: 3, tag: "⚠ " + finding.tag,
                    tooltipLines: [finding.kind.title + ": " + finding.evidence])
                overlay.nodes[id] = overlay.nodes[id].map { $0.merging(mark) } ?? mark
            }
        }
        for finding in findings.prefix(keyLimit) {
            var text = "\(finding.kind.title) at \(finding.place): \(finding.evidence)"
            if text.count > 110 { text = String(text.prefix(109)) + "…" }
            overlay.key.append(
                .swatch(fill: background, border: Self.markerColor(finding.kind, theme: theme), text: text))
        }
        if findings.count > keyLimit {
            overlay.key.append(.text("and \(findings.count - keyLimit) more findings"))
        }
        if findings.isEmpty { overlay.key.append(.text("no gradient problems found")) }
        return overlay
    }

    /// The border colour that marks a kind of finding.
    public static func markerColor(_ kind: GradientFinding.Kind, theme: Theme) -> String {
        if theme == .print { return "black" }
        let dark = theme == .dark
        switch kind {
        case .nonFiniteForward, .nonFiniteBackward: return dark ? "#f87171" : "#dc2626"
        case .exploding: return dark ? "#fb923c" : "#ea580c"
        case .vanishing: return dark ? "#a78bfa" : "#7c3aed"
        case .deadReLU: return dark ? "#f472b6" : "#db2777"
        case .saturated: return dark ? "#e879f9" : "#c026d3"
        case .unused: return dark ? "#9ca3af" : "#6b7280"
        }
    }
}
