import Foundation
import Micrograd
import MicrogradViz

/// Turns snapshots into files: everything is rendered in memory first, then
/// each file is written atomically; if any write fails, the files written so
/// far in this run are removed, so a failed run leaves no output behind.
struct SnapshotExporter {
    let directory: URL
    let formats: [OutputFormat]
    let dotOptions: DOTOptions
    let mermaidOptions: MermaidOptions
    var jsonOptions = JSONOptions()
    let renderLimit: Int
    /// How images are finished for slides and pages.
    var finish = ImageFinish()

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

    /// The files for one snapshot, named `<baseName>.<extension>`, diagrams drawn with `overlay`;
    /// SVGs carry `title` and `description` for screen readers.
    ///
    /// - Throws: ``CLIError`` if Graphviz fails or the graph is too big to draw.
    func files(
        for snapshot: GraphSnapshot, baseName: String, overlay: DiagramOverlay? = nil, title: String = "",
        description: String = ""
    ) throws(CLIError) -> [PendingFile] {
        let overlay = overlay ?? DiagramOverlay()
        var files: [PendingFile] = []
        var dot: String?
        for format in formats {
            let url = directory.appendingPathComponent(baseName + "." + format.fileExtension)
            switch format {
            case .dot:
                dot = dot ?? snapshot.dot(options: dotOptions, overlay: overlay)
                files.append(PendingFile(url: url, data: Data(dot!.utf8)))
            case .json:
                files.append(PendingFile(url: url, data: Data(snapshot.json(options: jsonOptions).utf8)))
            case .mermaid:
                files.append(PendingFile(url: url, data: Data(snapshot.mermaid(options: mermaidOptions).utf8)))
            case .svg, .png, .pdf:
                guard snapshot.nodes.count <= renderLimit else {
                    throw .failure(
                        "the graph has \(snapshot.nodes.count) values; laying out more than \(renderLimit) as an image "
                            + "is slow and unreadable. Write dot or json instead (--format dot,json), "
                            + "or raise --render-limit.")
                }
                dot = dot ?? snapshot.dot(options: dotOptions, overlay: overlay)
                do throws(RenderError) {
                    let image = format.renderFormat!
                    let data = try GraphRenderer.render(dot: finish.dot(dot!, for: image), format: image)
                    files.append(
                        PendingFile(
                            url: url, data: finish.image(data, format: image, title: title, description: description)))
                } catch {
                    throw .failure(error.message)
                }
            }
        }
        return files
    }

    /// Writes every file, or none.
    ///
    /// - Returns: The paths written, in order.
    /// - Throws: ``CLIError`` naming the file that could not be written.
    static func write(_ files: [PendingFile]) throws(CLIError) -> [String] {
        var createdDirectories: [URL] = []
        for directory in Set(files.map { $0.url.deletingLastPathComponent().standardizedFileURL.path }).sorted() {
            var missing: [URL] = []
            var url = URL(fileURLWithPath: directory)
            while !FileManager.default.fileExists(atPath: url.path) {
                missing.insert(url, at: 0)
                url = url.deletingLastPathComponent()
            }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                createdDirectories += missing
            } catch {
                throw .failure(
                    "cannot create the directory '\(directory)': \(error.localizedDescription); choose another --out")
            }
        }
        var written: [URL] = []
        for file in files {
            do throws(FileWriteError) {
                try AtomicFile.write(file.data, to: file.url)
                written.append(file.url)
            } catch {
                for url in written { try? FileManager.default.removeItem(at: url) }
                for url in createdDirectories.reversed() { try? FileManager.default.removeItem(at: url) }
                throw .failure(error.description + "; choose another --out")
            }
        }
        return written.map(\.relativePath)
    }
}
