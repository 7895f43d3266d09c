/// The resolution of the PNGs Graphviz draws: 96 dots per inch unless the DOT says otherwise.
public enum PNGResolution {
    /// Graphviz's resolution for bitmaps when none is given.
    public static let standard: Double = 96

    /// `dot` with a resolution for its bitmaps: the same drawing in more pixels. SVG and
    /// PDF are vectors and should be rendered from the DOT without it.
    ///
    /// - Parameters:
    ///   - dot: A `digraph` as ``Micrograd/GraphSnapshot/dot(options:overlay:)`` writes it.
    ///   - dotsPerInch: The resolution, such as 192 for a slide on a high-density screen.
    /// - Returns: The DOT with a `dpi` graph attribute after its first line.
    public static func dot(_ dot: String, dotsPerInch: Double) -> String {
        guard let firstLine = dot.firstIndex(of: "\n") else { return dot }
        let next = dot.index(after: firstLine)
        return String(dot[..<next]) + "  graph [dpi=\"\(DOTEscaping.number(dotsPerInch))\"];\n" + String(dot[next...])
    }
}
