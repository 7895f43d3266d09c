import Foundation
import Testing

@testable import Micrograd
@testable import MicrogradViz

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Compares `text` with the golden file `Golden/<name>` beside this file. Set
/// `MICROGRAD_UPDATE_GOLDEN=1` to write the file instead (then review the diff).
func expectMatchesGolden(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/" + name)
    if ProcessInfo.processInfo.environment["MICROGRAD_UPDATE_GOLDEN"] == "1" {
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "missing golden file \(name); run MICROGRAD_UPDATE_GOLDEN=1 swift test to create it",
            sourceLocation: sourceLocation)
        return
    }
    if golden != text {
        let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(goldenLines, lines).enumerated().first { $0.element.0 != $0.element.1 }
        let where_ =
            first.map { "line \($0.offset + 1):\n  golden: \($0.element.0)\n  actual: \($0.element.1)" }
            ?? "line counts differ (\(goldenLines.count) vs \(lines.count))"
        Issue.record("\(name) differs from its golden file at \(where_)", sourceLocation: sourceLocation)
    }
}

/// The texts of each SVG group with an `id`, by id, decoded from XML.
final class SVGTexts: NSObject, XMLParserDelegate {
    private(set) var textsByGroup: [String: [String]] = [:]
    private var groupStack: [String?] = []
    private var currentText: String?
    private(set) var parseError: Error?

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        if !parser.parse() { parseError = parser.parserError ?? NSError(domain: "SVG", code: 1) }
    }

    var isWellFormed: Bool { parseError == nil }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if element == "g" { groupStack.append(attributes["class"] == "node" ? attributes["id"] : nil) }
        if element == "text" { currentText = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        currentText? += string
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "g" { _ = groupStack.popLast() }
        if element == "text", let text = currentText {
            if let group = groupStack.compactMap({ $0 }).last { textsByGroup[group, default: []].append(text) }
            currentText = nil
        }
    }
}

/// Graphs the exporter tests draw.
enum SampleGraphs {
    /// micrograd's README expression.
    static func readme() -> Value {
        let a = Value(-4.0, label: "a")
        let b = Value(2.0, label: "b")
        var c = a + b
        var d = a * b + b.pow(3)
        c += c + 1
        c += 1 + c + (-a)
        d += d * 2 + (b + a).relu()
        d += 3 * d + (b - a).relu()
        let e = c - d
        let f = e.pow(2)
        var g = f / 2.0
        g += 10.0 / f
        g.label = "g"
        return g
    }

    /// The tanh neuron of Karpathy's first "zero to hero" lecture.
    static func neuron() -> Value {
        let x1 = Value(2.0, label: "x1")
        let x2 = Value(0.0, label: "x2")
        let w1 = Value(-3.0, label: "w1", role: .parameter)
        let w2 = Value(1.0, label: "w2", role: .parameter)
        let b = Value(6.8813735870195432, label: "b", role: .parameter)
        let x1w1 = x1 * w1
        x1w1.label = "x1*w1"
        let x2w2 = x2 * w2
        x2w2.label = "x2*w2"
        let sum = x1w1 + x2w2
        sum.label = "x1*w1 + x2*w2"
        let n = sum + b
        n.label = "n"
        let o = n.tanh()
        o.label = "o"
        return o
    }

    /// A small MLP on one point, with module scopes.
    static func mlp() -> Value {
        let model = MLP(2, [2, 1], seed: 3)
        let output = model([Value(0.5, label: "x0"), Value(-1.0, label: "x1")])[0]
        output.label = "score"
        return output
    }
}

/// The process's resident memory in bytes.
func residentMemory() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 : 0
}
