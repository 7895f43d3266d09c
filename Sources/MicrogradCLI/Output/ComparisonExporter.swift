import Foundation
import Micrograd
import MicrogradViz

/// Turns the comparison of two snapshots into diagram files, for `diff` and `train --diff`.
enum ComparisonExporter {
    /// The formats a comparison can be drawn in: images and DOT (it is a diagram, not a snapshot).
    static let formats: Set<OutputFormat> = [.svg, .png, .pdf, .dot]

    /// The files of one comparison, named `<baseName>.<extension>`, for each of `formats`
    /// that a comparison can be drawn in; images are finished by `finish` (the colour-scheme
    /// style of `--theme auto`, a title for screen readers).
    ///
    /// - Throws: ``CLIError`` if the graph is too big to lay out or Graphviz fails.
    static func files(
        for comparison: SnapshotComparison, baseName: String, formats: [OutputFormat], options: DOTOptions,
        directory: URL, renderLimit: Int, finish: ImageFinish = ImageFinish()
    ) throws(CLIError) -> [SnapshotExporter.PendingFile] {
        let dot = comparison.dot(options: options)
        var files: [SnapshotExporter.PendingFile] = []
        for format in formats where Self.formats.contains(format) {
            let url = directory.appendingPathComponent(baseName + "." + format.fileExtension)
            guard let renderFormat = format.renderFormat else {
                files.append(SnapshotExporter.PendingFile(url: url, data: Data(dot.utf8)))
                continue
            }
            guard comparison.new.nodes.count <= renderLimit else {
                throw .failure(
                    "the graph has \(comparison.new.nodes.count) values; laying out more than \(renderLimit) as an "
                        + "image is slow and unreadable. Write dot instead (--format dot), or raise --render-limit.")
            }
            do throws(RenderError) {
                let image = try GraphRenderer.render(
                    dot: finish.dot(dot, for: renderFormat), format: renderFormat, options: .trusted)
                let title = options.title ?? "How the graph changed"
                files.append(
                    SnapshotExporter.PendingFile(
                        url: url, data: finish.image(image, format: renderFormat, title: title, description: "")))
            } catch {
                throw .failure(error.message)
            }
        }
        return files
    }
}
