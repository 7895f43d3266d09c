import ArgumentParser
import Foundation
import MicrogradViz

/// `micrograd diagrams`: every `.mg` file under some folders drawn as SVG next to it, for documentation;
/// a diagram is written only when its bytes change.
struct DiagramsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagrams",
        abstract: "Draw every .mg file under folders as SVG next to it, writing only the diagrams that changed.",
        discussion: """
            Each FILE.mg is drawn as `micrograd snapshot FILE.mg --format svg` draws it (FILE-before.svg and \
            FILE-after.svg, or one of them with --stage), with the options of its folder's \
            micrograd-diagrams.conf and then its own, given in comment lines at its top:

              # micrograd-diagrams: --stage after --rankdir TB --theme dark

            Every option of `micrograd snapshot` can be given, except --out. A line of \
            micrograd-diagrams.conf that starts with an option gives options for every .mg file of its folder; \
            a line that starts with `snapshot` or `train` is one more command whose files are written into the \
            folder (`snapshot mlp --stage after`, `train moons --snapshot-every 0`); # starts a comment.

            Everything is drawn first; if any drawing fails, nothing is written. Then each file is compared \
            with the one already there and written only if its bytes differ, so running it again after no \
            change writes nothing; the changed files are written all or none. A Swift package runs it on its DocC catalogs with \
            `swift package --allow-writing-to-package-directory micrograd-diagrams`.

            Examples:
              micrograd diagrams Sources/MyLibrary/Documentation.docc/Resources
              micrograd diagrams docs --check
            """
    )

    @Argument(help: ArgumentHelp("Folders to search, with their subfolders, for .mg files.", valueName: "folder"))
    var folders: [String]

    @Flag(help: "Write nothing; fail if a diagram is missing or differs from what would be drawn.")
    var check = false

    @Option(
        help: ArgumentHelp("The folder to draw in before comparing (default: the temporary folder).", valueName: "dir"))
    var scratch: String?

    func validate() throws {
        if folders.isEmpty { throw ValidationError("name at least one folder to search for .mg files") }
    }

    func run() throws {
        try reportingErrors {
            let jobs = try Self.jobs(in: folders)
            let drawing = try DiagramDrawing(scratchParent: scratch)
            defer { drawing.removeScratch() }
            var drawn: [DiagramDrawing.DrawnFile] = []
            for (number, job) in jobs.enumerated() { drawn += try drawing.draw(job, number: number) }
            try Self.checkNoCollisions(drawn)
            let changed = drawn.filter { FileManager.default.contents(atPath: $0.destination) != $0.data }
            if check {
                guard changed.isEmpty else {
                    throw CLIError.failure(
                        "\(changed.count) of \(drawn.count) diagrams are missing or out of date: "
                            + changed.map(\.destination).joined(separator: ", ")
                            + "; run `micrograd diagrams` without --check to redraw them")
                }
                print("\(drawn.count) diagrams are up to date")
                return
            }
            // All or nothing: a file that cannot be written, or an interruption, leaves every diagram as it was.
            let output = OutputTransaction(createsDirectories: false)
            do throws(FileWriteError) {
                for file in changed { try output.stage(file.data, at: URL(fileURLWithPath: file.destination)) }
                try output.commit()
            } catch {
                output.rollBack()
                throw CLIError.failure(error.description)
            }
            for file in changed { print("wrote " + file.destination) }
            print(
                "\(counted(drawn.count, "diagram")) from \(counted(jobs.count, "source")): \(changed.count) written, "
                    + "\(drawn.count - changed.count) unchanged")
        }
    }

    /// The jobs of `folders`: each `.mg` file under them, then each command line of their configuration files,
    /// in path order.
    ///
    /// - Throws: ``CLIError`` if a folder is missing or a file or configuration is malformed.
    static func jobs(in folders: [String]) throws(CLIError) -> [DiagramJob] {
        var jobs: [DiagramJob] = []
        for root in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw .failure("no folder \(root); name a folder that holds .mg files")
            }
            guard isDirectory.boolValue else {
                throw .failure("\(root) is a file, not a folder; name a folder that holds .mg files")
            }
            let relativePaths = (FileManager.default.subpaths(atPath: root) ?? []).sorted()
            let folderPaths =
                [""]
                + relativePaths.filter { path in
                    var isFolder: ObjCBool = false
                    return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder)
                        && isFolder.boolValue
                }
            for relativeFolder in folderPaths {
                let folder = relativeFolder.isEmpty ? root : root + "/" + relativeFolder
                let configuration = try DiagramsConfiguration.read(in: URL(fileURLWithPath: folder))
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                    .filter { $0.hasSuffix(".mg") }.sorted()
                for file in files {
                    jobs.append(try .networkFile(at: folder + "/" + file, configuration: configuration))
                }
                for (index, line) in configuration.commandLines.enumerated() {
                    jobs.append(
                        try .commandLine(
                            line, source: folder + "/" + DiagramsConfiguration.fileName + " command \(index + 1)",
                            destination: folder))
                }
            }
        }
        if jobs.isEmpty {
            throw .failure(
                "no .mg file or \(DiagramsConfiguration.fileName) under \(folders.joined(separator: ", ")); "
                    + "nothing to draw")
        }
        return jobs
    }

    /// Two sources must not draw the same file.
    static func checkNoCollisions(_ files: [DiagramDrawing.DrawnFile]) throws(CLIError) {
        var sources: [String: String] = [:]
        for file in files {
            if let other = sources[file.destination] {
                throw .failure(
                    "\(other) and \(file.source) both draw \(file.destination); rename one of them")
            }
            sources[file.destination] = file.source
        }
    }
}
