import Foundation
import Testing

/// The one folder of golden files every test target compares with: `Tests/MicrogradTestSupport/Golden/`.
public let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Golden")

/// Compares `text` with the golden file `<name>` in ``goldenDirectory``.
/// Set `MICROGRAD_UPDATE_GOLDEN=1` to write the file instead (then review the diff).
public func expectMatchesGolden(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let url = goldenDirectory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["MICROGRAD_UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
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
        let place =
            first.map { "line \($0.offset + 1):\n  golden: \($0.element.0)\n  actual: \($0.element.1)" }
            ?? "line counts differ (\(goldenLines.count) vs \(lines.count))"
        Issue.record("\(name) differs from its golden file at \(place)", sourceLocation: sourceLocation)
    }
}

/// A new empty directory; the caller removes it.
public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("micrograd-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
