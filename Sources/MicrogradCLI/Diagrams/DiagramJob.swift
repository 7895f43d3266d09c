import Foundation

/// One diagram to draw: a `micrograd` command line whose files belong in a folder.
struct DiagramJob: Equatable {
    /// What asked for it, for messages: a `.mg` file's path, or a configuration file's path and line.
    let source: String
    /// The `micrograd` arguments, without `--out`.
    let arguments: [String]
    /// The folder its files belong in, as the user named it.
    let destination: String

    /// The job of a `.mg` file: `micrograd snapshot FILE --format svg`, then the folder's options, then the
    /// file's own (the parser keeps the last value of an option given twice, so the file's win).
    ///
    /// - Throws: ``CLIError`` if the file cannot be read or its header is malformed.
    static func networkFile(
        at path: String, configuration: DiagramsConfiguration
    ) throws(CLIError) -> DiagramJob {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw .failure("cannot read \(path) as UTF-8 text; check the file")
        }
        let header: [String]
        do {
            header = try DiagramHeader.options(in: text)
        } catch {
            throw .failure("\(path): \(error.message) of its \(DiagramHeader.marker) lines")
        }
        let job = DiagramJob(
            source: path, arguments: ["snapshot", path, "--format", "svg"] + configuration.options + header,
            destination: (path as NSString).deletingLastPathComponent)
        try job.checkNoOutputFolder()
        return job
    }

    /// The job of a configuration line such as `snapshot mlp --stage after`; `snapshot` draws SVG
    /// unless the line says `--format`.
    ///
    /// - Throws: ``CLIError`` if the line names its own output folder.
    static func commandLine(_ words: [String], source: String, destination: String) throws(CLIError) -> DiagramJob {
        var arguments = words
        if words.first == "snapshot" { arguments.insert(contentsOf: ["--format", "svg"], at: 1) }
        let job = DiagramJob(source: source, arguments: arguments, destination: destination)
        try job.checkNoOutputFolder()
        return job
    }

    /// Output folders are chosen by `micrograd diagrams`, never by a file's options.
    private func checkNoOutputFolder() throws(CLIError) {
        if arguments.contains(where: { $0 == "--out" || $0 == "-o" || $0.hasPrefix("--out=") }) {
            throw .failure(
                "\(source): --out is not allowed in diagram options: each diagram is written next to its file; remove it"
            )
        }
    }
}
