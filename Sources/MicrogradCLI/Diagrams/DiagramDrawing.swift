import Foundation

/// Draws diagram jobs by running this same `micrograd` program once per job, each into a folder of its own
/// under a scratch folder, so that every file is complete before anything is compared or written.
struct DiagramDrawing {
    /// A file a job drew.
    struct DrawnFile {
        /// Where it belongs: the job's folder and the file's name.
        let destination: String
        /// Its bytes.
        let data: Data
        /// The job that drew it.
        let source: String
    }

    /// The folder the jobs draw into, removed by ``removeScratch()``.
    let scratch: URL

    /// Makes a new scratch folder inside `parent` (the system's temporary folder if `nil`).
    ///
    /// - Throws: ``CLIError`` if the folder cannot be made.
    init(scratchParent parent: String?) throws(CLIError) {
        let base = parent.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        scratch = base.appendingPathComponent("micrograd-diagrams-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? FileManager.default.removeItem(at: scratch)
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw .failure(
                "cannot make the scratch folder \(scratch.path): \(error.localizedDescription); choose another --scratch"
            )
        }
    }

    /// Removes the scratch folder and everything drawn in it.
    func removeScratch() { try? FileManager.default.removeItem(at: scratch) }

    /// Runs `job` and returns the files it drew, sorted by name.
    ///
    /// - Throws: ``CLIError`` with the job's source and `micrograd`'s own message if it fails.
    func draw(_ job: DiagramJob, number: Int) throws(CLIError) -> [DrawnFile] {
        let folder = scratch.appendingPathComponent("\(number)")
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = job.arguments + ["--out", folder.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .failure("cannot run \(Self.executable.path): \(error.localizedDescription)")
        }
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let command = (["micrograd"] + job.arguments).joined(separator: " ")
            throw .failure(
                "\(job.source): `\(command)` failed; nothing was written:\n"
                    + messages.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        if !messages.isEmpty { Terminal.standardError(messages) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                return nil
            }
            return DrawnFile(destination: job.destination + "/" + name, data: data, source: job.source)
        }
    }

    /// This program, which draws each job.
    static var executable: URL {
        #if os(Linux)
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        #else
            Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        #endif
    }
}
