import Micrograd

/// The colours of a diagram. Each role has its own fill, and the root its own
/// border, so a reader sees at a glance what is data, what is learned and what
/// was computed.
public enum Theme: String, Sendable, CaseIterable {
    /// Pale fills on white, for screens and slides.
    case light
    /// Muted fills on a dark background, for dark slides and dark-mode pages.
    case dark
    /// Black on white with no fills; roles are told apart by line style, for printing.
    case print
    /// Large type, strong colours and thick lines on white, for the back of a lecture hall.
    case slide
    /// The light colours, and in SVG a style that switches to the dark ones where the
    /// reader's system is set to dark (see ``SVGPresentation``): for pages that follow it.
    case auto

    /// The colours and line styles of one kind of box.
    struct BoxStyle {
        /// Graphviz `style`: `filled`, `dashed`, `bold`, … (comma-separated).
        var style: String
        var fill: String
        var border: String
        var text: String
        var penWidth: String = "1"
        var peripheries: String = "1"
    }

    /// The whole palette.
    struct Palette {
        var background: String
        var text: String
        var edge: String
        var clusterBorder: String
        var clusterText: String
        var clusterFill: String
        var operation: BoxStyle
        var roles: [Role: BoxStyle]
        var root: BoxStyle
        /// A module scope drawn as one box.
        var collapsed: BoxStyle
        /// The width of edges, when not Graphviz's 1.
        var edgePenWidth: String? = nil
    }

    /// The size in points of the text in value boxes, unless ``DOTOptions/fontSize`` says otherwise.
    var fontSize: Double { self == .slide ? 16 : 11 }

    var palette: Palette {
        switch self {
        case .light, .auto:
            Palette(
                background: "white", text: "#1f2937", edge: "#6b7280", clusterBorder: "#9ca3af",
                clusterText: "#4b5563", clusterFill: "#f9fafb",
                operation: BoxStyle(style: "filled", fill: "#f3f4f6", border: "#6b7280", text: "#111827"),
                roles: [
                    .input: BoxStyle(style: "filled", fill: "#dbeafe", border: "#2563eb", text: "#111827"),
                    .parameter: BoxStyle(style: "filled", fill: "#fef3c7", border: "#d97706", text: "#111827"),
                    .constant: BoxStyle(style: "filled", fill: "#e5e7eb", border: "#6b7280", text: "#374151"),
                    .intermediate: BoxStyle(style: "filled", fill: "#ffffff", border: "#374151", text: "#111827"),
                ],
                root: BoxStyle(style: "filled", fill: "#dcfce7", border: "#15803d", text: "#111827", penWidth: "2"),
                collapsed: BoxStyle(
                    style: "filled,rounded", fill: "#ede9fe", border: "#6d28d9", text: "#111827", penWidth: "1.5"))
        case .dark:
            Palette(
                background: "#111827", text: "#e5e7eb", edge: "#9ca3af", clusterBorder: "#4b5563",
                clusterText: "#9ca3af", clusterFill: "#1f2937",
                operation: BoxStyle(style: "filled", fill: "#374151", border: "#9ca3af", text: "#f9fafb"),
                roles: [
                    .input: BoxStyle(style: "filled", fill: "#1e3a8a", border: "#60a5fa", text: "#f9fafb"),
                    .parameter: BoxStyle(style: "filled", fill: "#78350f", border: "#fbbf24", text: "#f9fafb"),
                    .constant: BoxStyle(style: "filled", fill: "#374151", border: "#9ca3af", text: "#e5e7eb"),
                    .intermediate: BoxStyle(style: "filled", fill: "#1f2937", border: "#d1d5db", text: "#f9fafb"),
                ],
                root: BoxStyle(style: "filled", fill: "#14532d", border: "#4ade80", text: "#f9fafb", penWidth: "2"),
                collapsed: BoxStyle(
                    style: "filled,rounded", fill: "#3b0764", border: "#c4b5fd", text: "#f9fafb", penWidth: "1.5"))
        case .print:
            Palette(
                background: "white", text: "black", edge: "black", clusterBorder: "black", clusterText: "black",
                clusterFill: "white",
                operation: BoxStyle(style: "solid", fill: "white", border: "black", text: "black"),
                roles: [
                    .input: BoxStyle(style: "solid", fill: "white", border: "black", text: "black", penWidth: "1"),
                    .parameter: BoxStyle(style: "bold", fill: "white", border: "black", text: "black", penWidth: "2.5"),
                    .constant: BoxStyle(style: "dashed", fill: "white", border: "black", text: "black"),
                    .intermediate: BoxStyle(style: "rounded", fill: "white", border: "black", text: "black"),
                ],
                root: BoxStyle(
                    style: "solid", fill: "white", border: "black", text: "black", penWidth: "1.5", peripheries: "2"),
                collapsed: BoxStyle(style: "rounded,bold", fill: "white", border: "black", text: "black", penWidth: "2")
            )
        case .slide:
            Palette(
                background: "white", text: "#000000", edge: "#1f2937", clusterBorder: "#4b5563",
                clusterText: "#111827", clusterFill: "#f9fafb",
                operation: BoxStyle(
                    style: "filled", fill: "#e5e7eb", border: "#111827", text: "#000000", penWidth: "1.5"),
                roles: [
                    .input: BoxStyle(
                        style: "filled", fill: "#bfdbfe", border: "#1d4ed8", text: "#000000", penWidth: "2"),
                    .parameter: BoxStyle(
                        style: "filled", fill: "#fde68a", border: "#b45309", text: "#000000", penWidth: "2"),
                    .constant: BoxStyle(
                        style: "filled", fill: "#e5e7eb", border: "#4b5563", text: "#111827", penWidth: "1.5"),
                    .intermediate: BoxStyle(
                        style: "filled", fill: "#ffffff", border: "#111827", text: "#000000", penWidth: "1.5"),
                ],
                root: BoxStyle(style: "filled", fill: "#bbf7d0", border: "#15803d", text: "#000000", penWidth: "3"),
                collapsed: BoxStyle(
                    style: "filled,rounded", fill: "#ddd6fe", border: "#5b21b6", text: "#000000", penWidth: "2"),
                edgePenWidth: "1.6")
        }
    }

    /// How each role is described in the legend.
    static let legendEntries: [(name: String, role: Role?)] = [
        ("input", .input), ("parameter", .parameter), ("constant", .constant), ("intermediate", .intermediate),
        ("output", nil),
    ]
}
