import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// Accessible text, size and colour scheme of SVGs for slides and pages.
@Suite("SVG presentation")
struct SVGPresentationTests {
    static func neuronSVG(theme: Theme = .light) throws -> Data {
        let root = SampleGraphs.neuron()
        root.backward()
        return try GraphRenderer.render(dot: root.snapshot().dot(options: DOTOptions(theme: theme)), format: .svg)
    }

    @Test func titleAndDescriptionComeFirstAndAreEscaped() throws {
        let svg = SVGPresentation(title: "The <neuron> & o", description: "tanh\u{7}(n)").apply(
            to: try Self.neuronSVG())
        let text = String(decoding: svg, as: UTF8.self)
        #expect(SVGTexts(svg).isWellFormed)
        let tag = try #require(text.range(of: "<svg"))
        let afterTag = text[tag.upperBound...].drop { $0 != ">" }.dropFirst()
        #expect(
            afterTag.hasPrefix(
                "\n<title id=\"mg-title\">The &lt;neuron&gt; &amp; o</title>\n<desc id=\"mg-desc\">tanh (n)</desc>"))
        #expect(text.contains("role=\"img\" aria-labelledby=\"mg-title mg-desc\""))
        // The drawing's texts are untouched.
        #expect(SVGTexts(svg).textsByGroup == SVGTexts(try Self.neuronSVG()).textsByGroup)
    }

    @Test func scalingChangesTheDisplayedSizeOnly() throws {
        let plain = String(decoding: try Self.neuronSVG(), as: UTF8.self)
        let scaled = SVGPresentation(scale: 2).apply(to: plain)
        func attribute(_ name: String, _ text: String) -> Double? {
            guard let start = text.range(of: " \(name)=\"") else { return nil }
            return Double(text[start.upperBound...].prefix { $0.isNumber || $0 == "." })
        }
        #expect(attribute("width", scaled) == attribute("width", plain).map { $0 * 2 })
        #expect(attribute("height", scaled) == attribute("height", plain).map { $0 * 2 })
        #expect(scaled.contains(plain[plain.range(of: "viewBox=\"")!.lowerBound...].prefix(40)))
    }

    /// The `.auto` theme's dark style maps every colour the light palette draws with, each to
    /// one dark colour, and its SVG carries it; other themes carry none.
    @Test func autoThemeCarriesAConsistentDarkStyle() throws {
        let (fills, strokes) = SVGPresentation.colorPairs(extra: TeachingColors.darkForms)
        for pairs in [fills, strokes] { #expect(Set(pairs.map(\.0)).count == pairs.count) }
        let light = Theme.light.palette
        let lightFills =
            [light.background, light.text, light.operation.fill] + Role.allCases.map { light.roles[$0]!.fill }
        for color in lightFills { #expect(fills.contains { $0.0 == color }, "\(color)") }
        for role in Role.allCases { #expect(strokes.contains { $0.0 == light.roles[role]!.border }) }
        let svg = SVGPresentation(theme: .auto).apply(to: try Self.neuronSVG(theme: .auto))
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("<style>@media (prefers-color-scheme: dark){[fill=\"white\"]{fill:#111827}"))
        #expect(SVGTexts(svg).isWellFormed)
        // Every colour the drawing uses has a dark form.
        let used = Set(text.components(separatedBy: "fill=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        for color in used where color != "none" && color != "transparent" {
            #expect(fills.contains { $0.0 == color }, "\(color) has no dark form")
        }
        let plain = String(decoding: SVGPresentation(theme: .light).apply(to: try Self.neuronSVG()), as: UTF8.self)
        #expect(!plain.contains("prefers-color-scheme"))
    }

    @Test func slideThemeIsLargerAndBolder() throws {
        let root = SampleGraphs.neuron()
        root.backward()
        let dot = root.snapshot().dot(options: DOTOptions(theme: .slide))
        #expect(dot.contains("fontsize=\"16\", height=\"0.3\""), "value boxes at 16 points")
        #expect(dot.contains("penwidth=\"1.6\""), "thicker edges")
        let custom = root.snapshot().dot(options: DOTOptions(theme: .slide, fontSize: 22))
        #expect(custom.contains("fontsize=\"22\", height=\"0.3\""))
        #expect(custom.contains("POINT-SIZE=\"18\""), "the key grows with the text")
        let svg = try GraphRenderer.render(dot: dot, format: .svg)
        #expect(SVGTexts(svg).textsByGroup["n9"] == ["o", "data 0.7071", "grad 1.0000"])
    }

    @Test func transparentBackgroundAndHiddenConstantGradients() throws {
        let x = Value(3.0, label: "x")
        let y = x * 2
        y.backward()
        let snapshot = y.snapshot()
        let hidden = snapshot.dot(options: DOTOptions(transparentBackground: true))
        #expect(hidden.contains("bgcolor=\"transparent\""))
        #expect(hidden.contains("label=\"{data 2.0000}\""), "a constant's gradient is hidden")
        #expect(hidden.contains("grad = 3.0\""), "…but its tooltip keeps it")
        let shown = snapshot.dot(options: DOTOptions(showsConstantGradients: true))
        #expect(shown.contains("label=\"{data 2.0000|grad 3.0000}\""))
    }

    @Test func pngResolutionScalesThePixels() throws {
        let root = SampleGraphs.neuron()
        root.backward()
        let dot = root.snapshot().dot()
        func width(_ png: Data) -> Int { [UInt8](png[16..<20]).reduce(0) { $0 << 8 | Int($1) } }
        let standard = try GraphRenderer.render(dot: dot, format: .png)
        let double = try GraphRenderer.render(dot: PNGResolution.dot(dot, dotsPerInch: 192), format: .png)
        #expect(abs(width(double) - 2 * width(standard)) <= 2)
    }
}
