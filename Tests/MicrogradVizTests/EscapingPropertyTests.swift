import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// Random labels full of characters that break naive exporters, drawn through
/// every writer: DOT must lay out with no Graphviz errors and the SVG must show
/// each label verbatim; Mermaid text must decode back to the label; JSON must
/// round-trip through JSONSerialization.
@Suite("Escaping of hostile labels")
struct EscapingPropertyTests {
    static let alphabet: [String] = [
        "a", "b", "x", "Z", "1", "0", "\"", "\\", "{", "}", "|", "<", ">", "&", " ", "  ", "∂", "L", "/", "w", "µ",
        "≥", "é", "#", "*", "_", "`", "'", ";", "=", "\\n", "\\N", "\\G", "%", "$", "[", "]", "(", ")", "∂L/∂w",
        "&amp;", "#quot;", "<br>", "\t", "\r", "\u{1}", "&#32;", "\\ ", "日本", "🙂", "e\u{301}",
    ]

    /// A label of one to three lines, each with something visible in it.
    static func randomLabel(_ generator: inout SeededGenerator) -> String {
        let lineCount = Int.random(in: 1...3, using: &generator)
        return (0..<lineCount).map { _ in
            var line = ""
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                line += alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { line += "q" }
            return line
        }.joined(separator: "\n")
    }

    /// Two labelled inputs and their product.
    static func graph(_ labels: [String]) -> GraphSnapshot {
        let a = Value(1.5, label: labels[0])
        let b = Value(-2.0, label: labels[1])
        let product = a * b
        product.label = labels[2]
        product.backward()
        return product.snapshot()
    }

    @Test(arguments: 0..<300)
    func dotLaysOutAndSVGShowsLabelsVerbatim(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        let labels = (0..<3).map { _ in Self.randomLabel(&generator) }
        let snapshot = Self.graph(labels)
        for style in DOTOptions.Style.allCases {
            let svg = try GraphRenderer.render(dot: snapshot.dot(options: DOTOptions(style: style)), format: .svg)
            let texts = SVGTexts(svg)
            #expect(texts.isWellFormed)
            for (id, label) in zip([0, 1, 2], labels) {
                // Graphviz keeps a run of spaces visible in SVG by writing every other one as U+00A0.
                let shown = (texts.textsByGroup["n\(id)"] ?? []).map {
                    $0.replacingOccurrences(of: "\u{00A0}", with: " ")
                }
                var expected = DOTEscaping.visible(label).components(separatedBy: "\n")
                if style == .compact && id == 2 { expected[0] = "* → " + expected[0] }
                #expect(
                    Array(shown.prefix(expected.count)) == expected,
                    "seed \(seed) \(style) node \(id): \(label.debugDescription)")
            }
        }
    }

    @Test(arguments: 0..<300)
    func mermaidTextDecodesToTheLabel(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 1000)
        let labels = (0..<3).map { _ in Self.randomLabel(&generator) }
        let mermaid = Self.graph(labels).mermaid()
        for (id, label) in zip([0, 1, 2], labels) {
            let line = mermaid.split(separator: "\n").first {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("n\(id)[\"")
            }!
            let start = line.range(of: "[\"")!.upperBound
            let end = line.range(of: "\"]", options: .backwards)!.lowerBound
            let body = String(line[start..<end])
            #expect(!body.contains("\""), "a raw quote would end the label")
            let shownLines = Self.decodeMermaid(body).components(separatedBy: "\n")
            let expected = DOTEscaping.visible(label).components(separatedBy: "\n")
            #expect(Array(shownLines.prefix(expected.count)) == expected, "seed \(seed): \(label.debugDescription)")
            for forbidden in ["*", "_", "`", "<", ">", "&", "#"] {
                let withoutEntities = body.replacingOccurrences(
                    of: "#[0-9a-z]+;", with: "", options: .regularExpression
                )
                .replacingOccurrences(of: "<br>", with: "")
                #expect(!withoutEntities.contains(forbidden), "\(forbidden) must be an entity")
            }
        }
    }

    @Test(arguments: 0..<300)
    func jsonRoundTrips(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed) + 2000)
        let labels = (0..<3).map { _ in Self.randomLabel(&generator) }
        let json = Self.graph(labels).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.compactMap { $0["label"] as? String } == labels)
    }

    /// Mermaid's entity codes and `<br>`, undone in one left-to-right pass (decoding
    /// repeatedly would turn an escaped "&#32;" into a space).
    static func decodeMermaid(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("<br>") {
                result += "\n"
                rest = rest.dropFirst(4)
            } else if rest.hasPrefix("#quot;") {
                result += "\""
                rest = rest.dropFirst(6)
            } else if rest.first == "#", let end = rest.firstIndex(of: ";"),
                let code = UInt32(rest[rest.index(after: rest.startIndex)..<end]), let scalar = UnicodeScalar(code)
            {
                result.unicodeScalars.append(scalar)
                rest = rest[rest.index(after: end)...]
            } else {
                result.append(rest.removeFirst())
            }
        }
        return result
    }
}
