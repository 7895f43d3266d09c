import Foundation

/// The data of a viewer page, read back the way the page's script reads it: `viewer-data`,
/// with each graph's part (`viewer-graph-<i>`) and edge derivatives (`viewer-edges-<i>`,
/// as `edges`, or null) merged into its entry of `graphs`.
public enum ViewerPageData {
    /// The page's data as JSONSerialization decodes it.
    public static func decode(_ html: String) throws -> [String: Any] {
        guard var data = try script("viewer-data", in: html) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        var graphs = data["graphs"] as? [[String: Any]] ?? []
        for index in graphs.indices {
            guard let part = try script("viewer-graph-\(index)", in: html) as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt)
            }
            graphs[index].merge(part) { _, new in new }
            graphs[index]["edges"] = try script("viewer-edges-\(index)", in: html) ?? NSNull()
        }
        data["graphs"] = graphs
        return data
    }

    /// The text of the JSON script element `id`, if the page has one.
    public static func text(of id: String, in html: String) -> String? {
        let open = "<script type=\"application/json\" id=\"\(id)\">"
        guard let start = html.range(of: open), let end = html[start.upperBound...].range(of: "</script>") else {
            return nil
        }
        return String(html[start.upperBound..<end.lowerBound])
    }

    private static func script(_ id: String, in html: String) throws -> Any? {
        guard let text = text(of: id, in: html) else { return nil }
        return try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
    }
}
