import Foundation
import MicrogradViz

/// How the images of one run are finished for slides and pages: PNG resolution, SVG
/// size, accessible title and description, and the colour-scheme style of `--theme auto`.
struct ImageFinish {
    /// The theme the diagrams are drawn in.
    var theme: Theme = .light
    /// The resolution of PNGs, or `nil` for Graphviz's.
    var pngDotsPerInch: Double?
    /// The factor SVGs are displayed at.
    var scale: Double = 1

    /// The finish `slides` ask for, for diagrams in `theme`.
    init(slides: SlideOptions? = nil, theme: Theme = .light) {
        self.theme = theme
        pngDotsPerInch = slides?.pngDotsPerInch
        scale = slides?.scale ?? 1
    }

    /// The DOT Graphviz renders `format` from.
    func dot(_ dot: String, for format: RenderFormat) -> String {
        guard format == .png, let pngDotsPerInch else { return dot }
        return PNGResolution.dot(dot, dotsPerInch: pngDotsPerInch)
    }

    /// The image Graphviz rendered, finished: an SVG gets its title, description, size and
    /// colour-scheme style; other formats are kept as they are.
    func image(_ data: Data, format: RenderFormat, title: String, description: String) -> Data {
        guard format == .svg else { return data }
        return SVGPresentation(
            title: title.isEmpty ? nil : title, description: description.isEmpty ? nil : description, theme: theme,
            scale: scale
        ).apply(to: data)
    }
}
