import Micrograd
import MicrogradViz

extension SnapshotRecorder {
    /// The drawing of how the graph changed since the previous snapshot, if there was one,
    /// in the snapshot formats that are diagrams (DOT alone when the graph is too big to lay out).
    func comparisonFiles(
        to snapshot: GraphSnapshot, at step: Int, name: String
    ) throws -> [SnapshotExporter.PendingFile] {
        guard let previous else { return [] }
        let comparison: SnapshotComparison
        do throws(StructureMismatch) {
            comparison = try SnapshotComparison(from: previous.snapshot, to: snapshot)
        } catch {
            throw CLIError.failure(
                "the graph snapshots of steps \(previous.step) and \(step) differ in structure (\(error.description)); "
                    + "leave out --diff")
        }
        // The layout settings the run's plan chose for graphs of this size.
        var options = exporter.dotOptions
        options.layoutTuning = plan?.dotOptions.layoutTuning ?? options.layoutTuning
        options.title = "change from step \(previous.step) to step \(step)"
        let formats = snapshot.nodes.count <= exporter.renderLimit ? exporter.formats : [.dot]
        return try ComparisonExporter.files(
            for: comparison, baseName: name, formats: formats, options: options, directory: exporter.directory,
            renderLimit: exporter.renderLimit, finish: exporter.finish)
    }
}
