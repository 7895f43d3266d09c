import CGraphviz
import Foundation

/// Turns how one render ended (the C outcome, our explanation and Graphviz's messages) into a
/// ``RenderError``, or nothing when the image is good.
struct RenderReport {
    /// `MICROGRAD_RENDERED`, `MICROGRAD_SYNTAX`, ….
    let outcome: Int32
    /// Our sentence for refusals (unsafe input, limits, not exactly one graph); may be empty.
    let explanation: String
    /// What Graphviz, cairo and pango said, one message a line.
    let messages: String
    /// The format asked for.
    let format: RenderFormat

    /// The error this render ended with, if any.
    var error: RenderError? {
        switch Int(outcome) {
        case Int(MICROGRAD_RENDERED):
            // cairo reports some failures (a surface too big, out of memory) only on standard error,
            // and Graphviz then hands over a blank page.
            let cairo = lines.filter { $0.hasPrefix("cairo") }
            guard cairo.isEmpty else {
                return RenderError(
                    .render,
                    "Graphviz could not render \(format.rawValue): \(cairo.joined(separator: "; ")) (the drawing is "
                        + "probably too large: reduce the graph's size or dpi)")
            }
            return nil
        case Int(MICROGRAD_SYNTAX):
            return RenderError(.syntax, "Graphviz could not read the DOT text: " + said(or: "syntax error"))
        case Int(MICROGRAD_INVALID_GRAPH):
            return RenderError(.invalidGraph, "Graphviz reported errors in the graph: " + said(or: "error"))
        case Int(MICROGRAD_LAYOUT):
            return RenderError(.layout, "Graphviz could not lay out the graph: " + said(or: "layout failed"))
        case Int(MICROGRAD_UNSAFE):
            return RenderError(.unsafeInput, "refused DOT that is not trusted: \(Self.escaped(explanation))")
        case Int(MICROGRAD_LIMIT):
            return RenderError(.tooLarge, "refused DOT that is not trusted: \(Self.escaped(explanation))")
        default:
            return RenderError(
                .render, "Graphviz could not render \(format.rawValue): " + said(or: "render failed"))
        }
    }

    /// The messages, one a line, trimmed, without empty lines.
    var lines: [String] {
        messages.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Our explanation and Graphviz's messages joined, or `fallback` when there are none.
    func said(or fallback: String) -> String {
        var parts = explanation.isEmpty ? [] : [explanation]
        parts += lines
        let joined = parts.isEmpty ? fallback : parts.joined(separator: "; ")
        return Self.escaped(Self.clipped(joined))
    }

    /// At most about 2,000 characters: a pathological graph can make thousands of warnings.
    static func clipped(_ text: String) -> String {
        text.count <= 2_000 ? text : String(text.prefix(2_000)) + " …"
    }

    /// Control characters (a tab or escape in a user's attribute) written as `\u{9}`, so that
    /// a message is one line of plain text.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
