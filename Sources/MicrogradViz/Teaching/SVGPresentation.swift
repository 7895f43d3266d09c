import Foundation
import Micrograd

/// Finishing touches for an SVG that Graphviz drew, for slides and web pages: a
/// `<title>` and `<desc>` that screen readers announce, a size scaled for the slide,
/// and, for the ``Theme/auto`` theme, a style that switches to the dark colours where
/// the reader's system is set to dark (`prefers-color-scheme`).
///
/// ```swift
/// let svg = try GraphRenderer.render(dot: snapshot.dot(options: DOTOptions(theme: .auto)), format: .svg)
/// let page = SVGPresentation(title: "The neuron", theme: .auto).apply(to: svg)
/// ```
public struct SVGPresentation: Sendable, Equatable {
    /// The accessible name, as the document's first `<title>`.
    public var title: String?
    /// A longer description, as `<desc>`.
    public var description: String?
    /// The theme the diagram was drawn with; `.auto` adds the dark style.
    public var theme: Theme
    /// How much larger to display the drawing (its width and height; the view box stays).
    public var scale: Double

    /// Creates a presentation.
    ///
    /// - Parameters:
    ///   - title: The accessible name.
    ///   - description: A longer description.
    ///   - theme: The diagram's theme.
    ///   - scale: A factor for the displayed size, 1 by default.
    public init(title: String? = nil, description: String? = nil, theme: Theme = .light, scale: Double = 1) {
        self.title = title
        self.description = description
        self.theme = theme
        self.scale = scale
    }

    /// The SVG with the title, description, size and colour-scheme style applied.
    ///
    /// - Parameter svg: An SVG document as Graphviz writes it.
    /// - Returns: The document, unchanged if it has no `<svg>` element.
    public func apply(to svg: Data) -> Data {
        Data(apply(to: String(decoding: svg, as: UTF8.self)).utf8)
    }

    /// The SVG text with the title, description, size and colour-scheme style applied.
    public func apply(to svg: String) -> String {
        guard let open = svg.range(of: "<svg"), let close = svg[open.upperBound...].firstIndex(of: ">") else {
            return svg
        }
        var tag = String(svg[open.lowerBound...close])
        if scale != 1 {
            for attribute in ["width", "height"] { tag = Self.scaling(attribute, in: tag, by: scale) }
        }
        var inserted = ""
        if title != nil || description != nil {
            let labels = [title.map { _ in "mg-title" }, description.map { _ in "mg-desc" }].compactMap { $0 }
            tag.insert(
                contentsOf: " role=\"img\" aria-labelledby=\"\(labels.joined(separator: " "))\"",
                at: tag.index(before: tag.endIndex))
            if let title { inserted += "\n<title id=\"mg-title\">" + Self.xml(title) + "</title>" }
            if let description { inserted += "\n<desc id=\"mg-desc\">" + Self.xml(description) + "</desc>" }
        }
        if theme == .auto {
            inserted += "\n<style>" + Self.darkSchemeStyle(extra: TeachingColors.darkForms) + "</style>"
        }
        return String(svg[..<open.lowerBound]) + tag + inserted + String(svg[svg.index(after: close)...])
    }

    /// The CSS that recolours a light diagram with the dark theme's colours under
    /// `prefers-color-scheme: dark`: Graphviz writes colours as `fill` and `stroke`
    /// attributes, and any style rule overrides those.
    ///
    /// - Parameter extra: More light → dark colour pairs (an overlay's colours).
    static func darkSchemeStyle(extra: [(light: String, dark: String)] = []) -> String {
        let (fills, strokes) = colorPairs(extra: extra)
        var rules = ""
        for (light, dark) in fills { rules += "[fill=\"\(light)\"]{fill:\(dark)}" }
        for (light, dark) in strokes { rules += "[stroke=\"\(light)\"]{stroke:\(dark)}" }
        return "@media (prefers-color-scheme: dark){" + rules + "}"
    }

    /// Light → dark colours as fills (box fills, text) and as strokes (borders, edges),
    /// from the light and dark palettes, first pairing wins.
    static func colorPairs(extra: [(light: String, dark: String)] = [])
        -> (fills: [(String, String)], strokes: [(String, String)])
    {
        let light = Theme.light.palette
        let dark = Theme.dark.palette
        var fills: [(String, String)] = [
            (light.background, dark.background), (light.text, dark.text), (light.edge, dark.edge),
            (light.clusterText, dark.clusterText), (light.clusterFill, dark.clusterFill),
        ]
        var strokes: [(String, String)] = [(light.edge, dark.edge), (light.clusterBorder, dark.clusterBorder)]
        let boxes: [(Theme.BoxStyle, Theme.BoxStyle)] =
            [(light.operation, dark.operation), (light.root, dark.root), (light.collapsed, dark.collapsed)]
            + Role.allCases.map { (light.roles[$0]!, dark.roles[$0]!) }
        for (lightBox, darkBox) in boxes {
            fills += [(lightBox.fill, darkBox.fill), (lightBox.text, darkBox.text)]
            strokes.append((lightBox.border, darkBox.border))
        }
        for pair in extra {
            fills.append((pair.light, pair.dark))
            strokes.append((pair.light, pair.dark))
        }
        func unique(_ pairs: [(String, String)]) -> [(String, String)] {
            var seen: Set<String> = []
            return pairs.filter { $0.0 != $0.1 && seen.insert($0.0).inserted }
        }
        return (unique(fills), unique(strokes))
    }

    /// `width="120pt"` becomes `width="180pt"` for a scale of 1.5.
    static func scaling(_ attribute: String, in tag: String, by factor: Double) -> String {
        guard let start = tag.range(of: " \(attribute)=\"") else { return tag }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return tag }
        let value = tag[start.upperBound..<end]
        let digits = value.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits) else { return tag }
        let scaled = DOTEscaping.number((number * factor * 100).rounded() / 100)
        return String(tag[..<start.upperBound]) + scaled + value.dropFirst(digits.count) + String(tag[end...])
    }

    /// Text escaped for XML; control characters, which XML cannot hold, become spaces.
    static func xml(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case _ where character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }:
                result += " "
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
