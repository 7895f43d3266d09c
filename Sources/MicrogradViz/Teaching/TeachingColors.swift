/// The colours the teaching overlays add to a theme: the step being drawn, and a failed
/// gradient check. Each has a light and a dark form; `.auto` diagrams carry the light
/// one and switch to the dark one where the reader's system is dark.
struct TeachingColors: Sendable {
    /// The fill of the value computed or processed in this step.
    let currentFill: String
    /// Its border, and the edges it reads or sends gradients along.
    let current: String
    /// The fill of a leaf whose gradient check failed.
    let mismatchFill: String
    /// Its border.
    let mismatch: String

    /// The colours for `theme`.
    init(_ theme: Theme) {
        self = theme == .dark ? Self.dark : (theme == .print ? Self.print : Self.light)
    }

    private init(currentFill: String, current: String, mismatchFill: String, mismatch: String) {
        self.currentFill = currentFill
        self.current = current
        self.mismatchFill = mismatchFill
        self.mismatch = mismatch
    }

    static let light = TeachingColors(
        currentFill: "#fce7f3", current: "#db2777", mismatchFill: "#fecaca", mismatch: "#b91c1c")
    static let dark = TeachingColors(
        currentFill: "#831843", current: "#f472b6", mismatchFill: "#7f1d1d", mismatch: "#f87171")
    static let print = TeachingColors(
        currentFill: "#e5e7eb", current: "black", mismatchFill: "#d1d5db", mismatch: "black")

    /// Light colour → dark colour, for the `.auto` theme's dark style.
    static let darkForms: [(light: String, dark: String)] = [
        (light.currentFill, dark.currentFill), (light.current, dark.current),
        (light.mismatchFill, dark.mismatchFill), (light.mismatch, dark.mismatch),
    ]
}
