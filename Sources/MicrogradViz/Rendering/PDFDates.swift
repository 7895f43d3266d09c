import Foundation

/// cairo writes the time of rendering into every PDF (`/CreationDate (D:20261122224620Z)`), so the
/// same graph would give different bytes each second. The entry is overwritten with spaces of the
/// same length: the PDF stays valid (its cross-reference offsets do not move) and has no date.
enum PDFDates {
    /// `pdf` with its `/CreationDate` and `/ModDate` entries blanked.
    ///
    /// - Complexity: O(n) in the PDF's size.
    static func removed(from pdf: Data) -> Data {
        var bytes = [UInt8](pdf)
        for key in ["/CreationDate (", "/ModDate ("] {
            let pattern = Array(key.utf8)
            var searchFrom = 0
            while let start = firstIndex(of: pattern, in: bytes, from: searchFrom) {
                let limit = min(bytes.count, start + pattern.count + 64)
                guard let close = bytes[(start + pattern.count)..<limit].firstIndex(of: UInt8(ascii: ")")) else {
                    break
                }
                for index in start...close { bytes[index] = UInt8(ascii: " ") }
                searchFrom = close + 1
            }
        }
        return Data(bytes)
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard pattern.count <= bytes.count, start <= bytes.count - pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == pattern[0] && Array(bytes[index..<index + pattern.count]) == pattern { return index }
            index += 1
        }
        return nil
    }
}
