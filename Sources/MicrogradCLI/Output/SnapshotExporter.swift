import Foundation
import Micrograd
import MicrogradViz

/// Turns snapshots into files, all or nothing: a run that fails or is interrupted (SIGINT, SIGTERM)
/// leaves the output directory exactly as it was, including earlier files of the same names.
///
/// Files either go straight to disk as they are made, staged in an ``OutputTransaction`` (a long run
/// stages as it goes and commits at the end), or are collected as ``PendingFile``s and written
/// together by ``write(_:)``.
struct SnapshotExporter {
    let directory: URL
    let formats: [OutputFormat]
    let dotOptions: DOTOptions
    let mermaidOptions: MermaidOptions
    var jsonOptions = JSONOptions()
    let renderLimit: Int
    /// How images are rendered: trusted (the DOT is ours), in a separate process, without limits.
    var renderOptions = RenderOptions.trusted

    /// A file waiting to be written.
    struct PendingFile {
        let url: URL
        let data: Data
    }

    /// Checks that `directory` is, or can become, a directory we can write to. It is
    /// created only when files are written, so a run that fails leaves nothing behind.
    ///
    /// - Throws: ``CLIError`` saying why not and what to do.
    static func prepare(directory path: String) throws(CLIError) -> URL {
        let url = URL(fileURLWithPath: path)
        // The directory itself, or the nearest ancestor that exists, must be a writable directory.
        var existing = url
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" {
            existing = existing.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: existing.path, isDirectory: &isDirectory)
        guard isDirectory.boolValue else {
            throw .failure(
                "'\(existing.relativePath)' is a file, not a directory, so '\(path)' cannot be created; choose another --out"
            )
        }
        guard FileManager.default.isWritableFile(atPath: existing.path) else {
            throw .failure(
                "cannot write to the directory '\(existing.relativePath)' (permission denied); choose another --out")
        }
        return url
    }

    /// Renders one snapshot's files and stages each in `transaction` as soon as it is made.
    ///
    /// - Returns: The files staged, in order.
    /// - Throws: ``CLIError`` if Graphviz fails, the graph is too big to draw, or a file cannot be
    ///   written (roll the transaction back then).
    @discardableResult
    func stage(_ snapshot: GraphSnapshot, baseName: String, into transaction: OutputTransaction) throws(CLIError)
        -> [URL]
    {
        var staged: [URL] = []
        try forEachFile(of: snapshot, baseName: baseName) { file throws(CLIError) in
            do throws(FileWriteError) {
                try transaction.stage(file.data, at: file.url)
            } catch {
                throw .failure(error.description + "; choose another --out")
            }
            staged.append(file.url)
        }
        return staged
    }

    /// The files for one snapshot, named `<baseName>.<extension>`, in memory.
    ///
    /// - Throws: ``CLIError`` if Graphviz fails or the graph is too big to draw.
    func files(for snapshot: GraphSnapshot, baseName: String) throws(CLIError) -> [PendingFile] {
        var files: [PendingFile] = []
        try forEachFile(of: snapshot, baseName: baseName) { file throws(CLIError) in files.append(file) }
        return files
    }

    /// Makes each file of one snapshot in turn and hands it to `body`.
    private func forEachFile(
        of snapshot: GraphSnapshot, baseName: String, _ body: (PendingFile) throws(CLIError) -> Void
    ) throws(CLIError) {
        var dot: String?
        for format in formats {
            let url = directory.appendingPathComponent(baseName + "." + format.fileExtension)
            switch format {
            case .dot:
                dot = dot ?? snapshot.dot(options: dotOptions)
                try body(PendingFile(url: url, data: Data(dot!.utf8)))
            case .json:
                try body(PendingFile(url: url, data: Data(snapshot.json(options: jsonOptions).utf8)))
            case .mermaid:
                try body(PendingFile(url: url, data: Data(snapshot.mermaid(options: mermaidOptions).utf8)))
            case .svg, .png, .pdf:
                guard snapshot.nodes.count <= renderLimit else {
                    throw .failure(
                        "the graph has \(snapshot.nodes.count) values; laying out more than \(renderLimit) as an image "
                            + "is slow and unreadable. Write dot or json instead (--format dot,json), "
                            + "or raise --render-limit.")
                }
                dot = dot ?? snapshot.dot(options: dotOptions)
                // Our own DOT: trusted, so no checks; still rendered in a separate process.
                let data: Data
                do throws(RenderError) {
                    data = try GraphRenderer.render(dot: dot!, format: format.renderFormat!, options: renderOptions)
                } catch {
                    throw .failure(error.message)
                }
                try body(PendingFile(url: url, data: data))
            }
        }
    }

    /// Writes every file, or none: if any cannot be written, or the run is interrupted, the
    /// directory is left exactly as it was.
    ///
    /// - Returns: The paths written, in order.
    /// - Throws: ``CLIError`` naming the file that could not be written.
    static func write(_ files: [PendingFile]) throws(CLIError) -> [String] {
        OutputTransaction.undoOnInterrupt()
        let transaction = OutputTransaction()
        do throws(FileWriteError) {
            for file in files { try transaction.stage(file.data, at: file.url) }
            try transaction.commit()
        } catch {
            transaction.rollBack()
            throw .failure(error.description + "; choose another --out")
        }
        var seen: Set<String> = []
        return files.map(\.url.relativePath).filter { seen.insert($0).inserted }
    }
}
