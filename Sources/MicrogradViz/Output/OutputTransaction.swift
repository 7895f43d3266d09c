import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A set of output files written all or nothing.
///
/// Each file is written to disk as soon as it is staged (so a long run, such as training with
/// snapshots, holds none of them in memory), as a hidden temporary file beside its final name.
/// ``commit()`` then moves them all into place; if any step fails, every file already moved is
/// put back and every temporary file and new directory removed, so the directory is exactly as it
/// was, including the earlier files of the same names (same contents, same inodes). A transaction
/// that is neither committed nor rolled back rolls back when it is released.
///
/// ```swift
/// OutputTransaction.undoOnInterrupt()  // once, in a command-line program
/// let output = OutputTransaction()
/// for step in 0..<steps {
///     …
///     try output.stage(Data(snapshot.dot().utf8), at: directory.appending(path: "step\(step).dot"))
/// }
/// try output.commit()
/// ```
///
/// Not meant to be shared between threads while it is being staged or committed.
public final class OutputTransaction: @unchecked Sendable {
    /// A file waiting to be placed.
    private struct StagedFile {
        let target: URL
        /// The path as the caller gave it, for messages.
        let shownPath: String
        let entry: OutputJournal.Entry
    }

    private let journal = OutputJournal()
    private let createsDirectories: Bool
    private var staged: [StagedFile] = []
    private var isOpen = true

    /// Creates an empty transaction.
    ///
    /// - Parameter createsDirectories: Whether staging a file creates its missing directories (removed
    ///   again on roll back). When `false`, a missing directory is a ``FileWriteError``.
    public init(createsDirectories: Bool = true) {
        self.createsDirectories = createsDirectories
    }

    deinit {
        if isOpen { journal.rollBack() }
    }

    /// The files staged so far, in the order they were staged (a file staged twice appears once,
    /// at its first place).
    public var stagedFiles: [URL] { staged.map(\.target) }

    /// Writes `data` now to a temporary file beside `url`; it appears under `url` at ``commit()``.
    /// Staging the same `url` again replaces the earlier bytes.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - url: Where the file goes.
    /// - Throws: ``FileWriteError`` naming the file and the system's reason (the transaction stays
    ///   usable: roll it back, or stage something else).
    public func stage(_ data: Data, at url: URL) throws(FileWriteError) {
        precondition(isOpen, "stage(_:at:) on an OutputTransaction that was committed or rolled back")
        let target = url.standardizedFileURL
        let path = target.path
        let directory = target.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FileWriteError(path: url.relativePath, reason: "it is a directory")
        }
        if createsDirectories { try makeDirectories(directory, for: url.relativePath) }
        let name = Self.shortened(target.lastPathComponent)
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let entry = journal.addFile(
            temporary: directory + "/." + name + ".tmp-" + tag, target: path,
            backup: directory + "/." + name + ".old-" + tag)
        let failure = journal.write(data, to: entry, appending: false)
        guard failure == 0 else {
            throw FileWriteError.system(failure, path: url.relativePath, directory: directory)
        }
        if let earlier = staged.firstIndex(where: { $0.target.path == path }) {
            journal.discard(staged[earlier].entry)
            staged[earlier] = StagedFile(target: target, shownPath: url.relativePath, entry: entry)
        } else {
            staged.append(StagedFile(target: target, shownPath: url.relativePath, entry: entry))
        }
    }

    /// Moves every staged file into place, replacing files of the same names.
    ///
    /// - Returns: The files, in the order they were staged.
    /// - Throws: ``FileWriteError`` for the first file that could not be placed; every file is then
    ///   back as it was, and the transaction is rolled back.
    @discardableResult
    public func commit() throws(FileWriteError) -> [URL] {
        precondition(isOpen, "commit() on an OutputTransaction that was committed or rolled back")
        isOpen = false
        for file in staged {
            let failure = journal.place(file.entry)
            if failure != 0 {
                journal.rollBack()
                throw FileWriteError.system(
                    failure, path: file.shownPath, directory: file.target.deletingLastPathComponent().path)
            }
        }
        journal.finish()
        return stagedFiles
    }

    /// Removes every staged file and every directory the transaction created; nothing it staged
    /// appears. Does nothing after ``commit()``.
    public func rollBack() {
        guard isOpen else { return }
        isOpen = false
        journal.rollBack()
    }

    /// Makes SIGINT, SIGTERM and SIGHUP undo every transaction of this process that is not
    /// committed (temporary files, half-done commits, new directories), then end the process as the
    /// signal would have. Call it once, early, in a command-line program; signals that the program
    /// ignores or handles itself are left alone. Safe to call more than once.
    ///
    /// - Returns: Whether the handlers are in place.
    @discardableResult
    public static func undoOnInterrupt() -> Bool {
        OutputJournal.installInterruptHandler()
    }

    // MARK: - Helpers

    /// Creates the missing directories up to `directory`, outermost first, recording each.
    private func makeDirectories(_ directory: String, for path: String) throws(FileWriteError) {
        var missing: [String] = []
        var current = directory
        var isDirectory: ObjCBool = false
        while !current.isEmpty && current != "/" && !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        if FileManager.default.fileExists(atPath: current, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw FileWriteError(
                path: path, reason: "'\(current)' is a file, not a directory; choose another place for the output")
        }
        for directory in missing.reversed() {
            let failure = journal.makeDirectory(directory)
            if failure != 0 && failure != EEXIST {
                throw FileWriteError.system(failure, path: path, directory: directory)
            }
        }
    }

    /// A file name short enough that `.name.tmp-PID-RANDOM` stays within the 255-byte limit.
    private static func shortened(_ name: String) -> String {
        var result = ""
        for character in name {
            if result.utf8.count + character.utf8.count > 200 { break }
            result.append(character)
        }
        return result
    }
}
