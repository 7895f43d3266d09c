import Foundation
import Micrograd
import MicrogradViz

/// Turns snapshots into files, all or nothing: a run that fails or is interrupted (SIGINT, SIGTERM)
/// leaves the output directory exactly as it was, including earlier files of the same names.
///
/// Files either go straight to disk as they are made, staged in an ``OutputTransaction`` (a long run
/// stages as it goes and commits at the end with ``commit(_:files:)``), or are collected as
/// ``PendingFile``s and written together by ``write(_:)``. The program undoes uncommitted output when
/// it is interrupted (``OutputTransaction/undoOnInterrupt()``, installed by `MicrogradCommand.main()`).
struct SnapshotExporter {
    let directory: URL
    let formats: [OutputFormat]
    let dotOptions: DOTOptions
    let mermaidOptions: MermaidOptions
    var jsonOptions = JSONOptions()
    let renderLimit: Int
    /// In html pages, scope boxes are drawn in diagrams of at most this many nodes.
    var scopeBoxLimit = ViewerOptions().scopeBoxLimit
    /// How images are finished for slides and pages.
    var finish = ImageFinish()
    /// How images are rendered: trusted (the DOT is ours), in a separate process, without limits.
    var renderOptions = RenderOptions.trusted
    /// What html pages add to the snapshot's own views: the engine's backward order, more layers.
    var viewerExtras = ViewerExtras()

    /// A file waiting to be written.
    struct PendingFile {
        let url: URL
        let data: Data
    }

    /// Checks that `directory` is, or can become, a directory we can write to. It is
    /// created only when files are written, so a run that fails leaves nothing behind.
    ///
    /// - Throws: ``CLIError`` saying why not and what to do; a usage error for `-` (standard output).
    static func prepare(directory path: String) throws(CLIError) -> URL {
        guard !StandardOutput.isRequested(path) else { throw StandardOutput.refusedForDirectory }
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

    /// Renders one snapshot's files drawn node for node (as
    /// ``files(for:baseName:overlay:title:description:)`` does) and stages each in
    /// `transaction` as soon as it is made.
    ///
    /// - Returns: The files staged, in order.
    /// - Throws: ``CLIError`` if Graphviz fails, the graph is too big to draw, or a file cannot be
    ///   written (roll the transaction back then).
    @discardableResult
    func stage(
        _ snapshot: GraphSnapshot, baseName: String, overlay: DiagramOverlay? = nil, title: String = "",
        description: String = "", into transaction: OutputTransaction
    ) throws(CLIError) -> [URL] {
        try stage(
            Diagram(snapshot: snapshot, dotOptions: dotOptions), baseName: baseName, overlay: overlay, title: title,
            description: description, into: transaction)
    }

    /// Renders one diagram's files and stages each in `transaction` as soon as it is made.
    ///
    /// - Returns: The files staged, in order.
    /// - Throws: ``CLIError`` if Graphviz fails, the graph is too big to draw, or a file cannot be
    ///   written (roll the transaction back then).
    @discardableResult
    func stage(
        _ diagram: Diagram, baseName: String, overlay: DiagramOverlay? = nil, title: String = "",
        description: String = "", into transaction: OutputTransaction
    ) throws(CLIError) -> [URL] {
        var staged: [URL] = []
        try forEachFile(of: diagram, baseName: baseName, overlay: overlay, title: title, description: description) {
            file throws(CLIError) in
            try Self.stage(file, into: transaction)
            staged.append(file.url)
        }
        return staged
    }

    /// Stages one file in `transaction`.
    ///
    /// - Throws: ``CLIError`` naming the file when it cannot be written.
    static func stage(_ file: PendingFile, into transaction: OutputTransaction) throws(CLIError) {
        do throws(FileWriteError) {
            try transaction.stage(file.data, at: file.url)
        } catch {
            throw .failure(error.description + "; choose another --out")
        }
    }

    /// The files for one snapshot drawn node for node, named `<baseName>.<extension>`, in
    /// memory, diagrams drawn with `overlay`; SVGs carry `title` and `description` for screen readers.
    ///
    /// - Throws: ``CLIError`` if Graphviz fails or the graph is too big to draw.
    func files(
        for snapshot: GraphSnapshot, baseName: String, overlay: DiagramOverlay? = nil, title: String = "",
        description: String = ""
    ) throws(CLIError) -> [PendingFile] {
        try files(
            for: Diagram(snapshot: snapshot, dotOptions: dotOptions), baseName: baseName, overlay: overlay,
            title: title, description: description)
    }

    /// The files for one diagram, named `<baseName>.<extension>`, in memory, drawn with
    /// `overlay` (whose ids are the snapshot's; a view keeps the marks of the values it draws
    /// as themselves); SVGs carry `title` and `description` for screen readers.
    ///
    /// - Throws: ``CLIError`` if Graphviz fails or the graph is too big to draw.
    func files(
        for diagram: Diagram, baseName: String, overlay: DiagramOverlay? = nil, title: String = "",
        description: String = ""
    ) throws(CLIError) -> [PendingFile] {
        var files: [PendingFile] = []
        try forEachFile(of: diagram, baseName: baseName, overlay: overlay, title: title, description: description) {
            file throws(CLIError) in files.append(file)
        }
        return files
    }

    /// Makes each file of one diagram in turn and hands it to `body`.
    private func forEachFile(
        of diagram: Diagram, baseName: String, overlay: DiagramOverlay?, title: String, description: String,
        _ body: (PendingFile) throws(CLIError) -> Void
    ) throws(CLIError) {
        let overlay = overlay ?? DiagramOverlay()
        var dot: String?
        for format in formats {
            let url = directory.appendingPathComponent(baseName + "." + format.fileExtension)
            switch format {
            case .dot:
                dot = dot ?? diagram.dot(overlay: overlay)
                try body(PendingFile(url: url, data: Data(dot!.utf8)))
            case .json:
                try body(PendingFile(url: url, data: Data(diagram.json(options: jsonOptions).utf8)))
            case .mermaid:
                try body(PendingFile(url: url, data: Data(diagram.mermaid(options: mermaidOptions).utf8)))
            case .html:
                try body(PendingFile(url: url, data: Data(try htmlPage(for: diagram.snapshot, title: baseName).utf8)))
            case .svg, .png, .pdf:
                guard diagram.drawnValueCount <= renderLimit else {
                    throw .failure(
                        "the graph has \(diagram.drawnValueCount) values; laying out more than \(renderLimit) as an image "
                            + "is slow and unreadable. Write dot or json instead (--format dot,json), "
                            + "or raise --render-limit.")
                }
                dot = dot ?? diagram.dot(overlay: overlay)
                // Our own DOT: trusted, so no checks; still rendered in a separate process.
                let image = format.renderFormat!
                let data: Data
                do throws(RenderError) {
                    data = try diagram.render(finish.dot(dot!, for: image), as: image, options: renderOptions)
                } catch {
                    throw .failure(
                        error.kind == .timedOut
                            ? error.message + "; draw less with --depth, --focus or --max-nodes, or pass --layout dot "
                                + "to wait for the full layout"
                            : error.message)
                }
                try body(
                    PendingFile(
                        url: url, data: finish.image(data, format: image, title: title, description: description)))
            }
        }
    }

    /// Writes every file, or none: if any cannot be written, or the run is interrupted, the
    /// directory is left exactly as it was.
    ///
    /// - Returns: The paths written, in order.
    /// - Throws: ``CLIError`` naming the file that could not be written.
    static func write(_ files: [PendingFile]) throws(CLIError) -> [String] {
        let transaction = OutputTransaction()
        for file in files { try stage(file, into: transaction) }
        return try commit(transaction, files: files.map(\.url))
    }

    /// Moves the files staged in `transaction` into place, all or none.
    ///
    /// - Parameter files: The files staged, for the paths returned.
    /// - Returns: The paths written, in order, each once.
    /// - Throws: ``CLIError`` naming the file that could not be placed; nothing is then written.
    static func commit(_ transaction: OutputTransaction, files: [URL]) throws(CLIError) -> [String] {
        do throws(FileWriteError) {
            try transaction.commit()
        } catch {
            throw .failure(error.description + "; choose another --out")
        }
        var seen: Set<String> = []
        return files.map(\.relativePath).filter { seen.insert($0).inserted }
    }
}
