import Foundation

/// One SVG that plays SVG frames of one size in turn, with CSS animations and no script,
/// so it plays wherever it is shown as an image (slides, web pages, README files).
///
/// Each frame's drawing is kept whole, in a group of its own; a keyframe animation per
/// group shows it for its share of the loop. Where animations do not run (or the reader
/// asks for reduced motion) the last frame shows, still.
public enum AnimatedSVG {
    /// One SVG from `frames`, each shown for its duration, looped forever.
    ///
    /// - Parameters:
    ///   - frames: SVG documents as Graphviz writes them, all of one size (the size of the first is used).
    ///   - milliseconds: How long each frame shows.
    ///   - presentation: A title, description and colour-scheme style for the whole.
    /// - Returns: The animated SVG document.
    public static func make(frames: [Data], milliseconds: [Int], presentation: SVGPresentation = SVGPresentation())
        -> Data
    {
        precondition(
            !frames.isEmpty && frames.count == milliseconds.count, "one duration per frame, at least one frame")
        let total = max(1, milliseconds.reduce(0, +))
        var bodies: [String] = []
        var openingTag = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
        for (index, frame) in frames.enumerated() {
            let text = String(decoding: frame, as: UTF8.self)
            guard let open = text.range(of: "<svg"), let close = text[open.upperBound...].firstIndex(of: ">"),
                let end = text.range(of: "</svg>", options: .backwards)
            else { continue }
            if index == 0 { openingTag = String(text[open.lowerBound...close]) }
            bodies.append(prefixingIDs(String(text[text.index(after: close)..<end.lowerBound]), with: "f\(index)-"))
        }
        var style = ".mg-frame{visibility:hidden;animation-duration:\(seconds(total));"
        style += "animation-iteration-count:infinite;animation-timing-function:step-end}"
        style += "#mg-frame-\(frames.count - 1){visibility:visible}"
        var start = 0
        for (index, duration) in milliseconds.enumerated() {
            let from = percent(start, of: total)
            let to = percent(start + duration, of: total)
            var keyframes = "0%{visibility:\(index == 0 ? "visible" : "hidden")}"
            if index > 0 { keyframes += "\(from)%{visibility:visible}" }
            if start + duration < total { keyframes += "\(to)%{visibility:hidden}" }
            keyframes += "100%{visibility:\(start + duration < total ? "hidden" : "visible")}"
            style += "#mg-frame-\(index){animation-name:mg-frame-\(index)}@keyframes mg-frame-\(index){\(keyframes)}"
            start += duration
        }
        style += "@media (prefers-reduced-motion: reduce){.mg-frame{animation:none}}"
        var document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + openingTag
        document += "\n<style>" + style + "</style>\n"
        for (index, body) in bodies.enumerated() {
            document += "<g class=\"mg-frame\" id=\"mg-frame-\(index)\">" + body + "</g>\n"
        }
        document += "</svg>\n"
        return presentation.apply(to: Data(document.utf8))
    }

    /// The frame's ids, and references to them, prefixed so that frames do not clash.
    static func prefixingIDs(_ body: String, with prefix: String) -> String {
        body.replacingOccurrences(of: " id=\"", with: " id=\"" + prefix)
            .replacingOccurrences(of: "href=\"#", with: "href=\"#" + prefix)
            .replacingOccurrences(of: "url(#", with: "url(#" + prefix)
    }

    /// `1.5s`.
    private static func seconds(_ milliseconds: Int) -> String {
        DOTEscaping.number(Double(milliseconds) / 1000) + "s"
    }

    /// A percentage with up to three decimals.
    private static func percent(_ part: Int, of total: Int) -> String {
        DOTEscaping.number((Double(part) * 100_000 / Double(total)).rounded() / 1000)
    }
}
