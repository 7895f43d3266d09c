import Foundation

/// A last look at the bytes Graphviz handed over: a complete SVG, PNG, PDF or layout JSON, not a
/// truncated one.
enum RenderedImageCheck {
    /// Checks that `image` ends as a complete file of `format` does.
    ///
    /// - Throws: ``RenderError`` of kind `.render` when it does not.
    static func check(_ image: Data, format: RenderFormat) throws(RenderError) {
        let complete: Bool
        switch format {
        case .svg:
            let tail = String(decoding: image.suffix(64), as: UTF8.self)
            complete = tail.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>")
        case .png:
            // The signature, and the IEND chunk (no data, then its CRC) at the end.
            let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            let end: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
            complete = Array(image.prefix(8)) == signature && Array(image.suffix(12)) == end
        case .pdf:
            let tail = String(decoding: image.suffix(1024), as: UTF8.self)
            complete = image.starts(with: Array("%PDF-".utf8)) && tail.contains("%%EOF")
        case .layoutJSON:
            let tail = String(decoding: image.suffix(64), as: UTF8.self)
            complete =
                image.first == UInt8(ascii: "{") && tail.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("}")
        }
        guard complete else {
            throw RenderError(
                .render,
                "Graphviz produced an incomplete \(format.rawValue.uppercased()) (\(image.count) bytes); "
                    + "the drawing may be too large: reduce its size or dpi")
        }
    }
}
