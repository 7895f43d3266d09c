import Foundation
import MicrogradTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A run that fails or is interrupted leaves the output directory exactly as it was, including the
/// earlier run's files of the same names (issue 9, items 8 and 9).
@Suite("Failed and interrupted runs")
struct FailedRunTests {
    /// Each entry's contents and inode (directories with empty contents).
    static func listing(_ directory: URL) throws -> [String: (Data, UInt64)] {
        var result: [String: (Data, UInt64)] = [:]
        guard FileManager.default.fileExists(atPath: directory.path) else { return [:] }
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        while let relative = enumerator?.nextObject() as? String {
            let path = directory.appendingPathComponent(relative).path
            var status = stat()
            #expect(lstat(path, &status) == 0)
            let isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
            result[relative] = (
                isDirectory ? Data() : try Data(contentsOf: URL(fileURLWithPath: path)), UInt64(status.st_ino)
            )
        }
        return result
    }

    static func expectUnchanged(
        _ before: [String: (Data, UInt64)], _ after: [String: (Data, UInt64)], _ context: String
    ) {
        #expect(before.keys.sorted() == after.keys.sorted(), "\(context): \(after.keys.sorted())")
        for (name, (contents, inode)) in before {
            #expect(after[name]?.0 == contents, "\(context): \(name) changed")
            #expect(after[name]?.1 == inode, "\(context): \(name) was replaced")
        }
    }

    @Test func aRunThatFailsPartWayKeepsTheEarlierFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try micrograd(["snapshot", "neuron", "--out", directory.path])
        #expect(first.status == 0, "\(first.standardError)")
        // Something in the way of the last file: the second run fails after staging the others.
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("neuron-after.svg.blocked"), withIntermediateDirectories: false)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("neuron-after.svg"))
        try FileManager.default.moveItem(
            at: directory.appendingPathComponent("neuron-after.svg.blocked"),
            to: directory.appendingPathComponent("neuron-after.svg"))
        let before = try Self.listing(directory)
        let second = try micrograd(["snapshot", "neuron", "--format", "dot,json,svg", "--out", directory.path])
        #expect(second.status == 1)
        #expect(second.standardError.contains("neuron-after.svg"), "\(second.standardError)")
        #expect(!second.standardOutput.contains("wrote"))
        Self.expectUnchanged(before, try Self.listing(directory), "after a failed run")
    }

    /// A full disk, simulated with a file size limit: the big files cannot be written, the small
    /// ones could; none is.
    @Test func aFullDiskKeepsTheEarlierFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try micrograd(["snapshot", "neuron", "--format", "dot,svg", "--out", directory.path])
        #expect(first.status == 0, "\(first.standardError)")
        let before = try Self.listing(directory)
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let executable = runner.deletingLastPathComponent().appendingPathComponent("micrograd").path
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [
            "-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" snapshot neuron --format dot,json,svg,png --out \"$1\"",
            executable, directory.path,
        ]
        let errors = Pipe()
        shell.standardError = errors
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 1, "\(message)")
        #expect(message.contains("free some disk space"), "\(message)")
        Self.expectUnchanged(before, try Self.listing(directory), "after a full disk")
    }

    /// SIGINT or SIGTERM at any moment of a run: afterwards the directory holds either the earlier
    /// run's files, untouched, or the new run's complete set; never a mix, never a temporary file.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedRunLeavesTheEarlierFilesOrTheNewSet(signal: Int32) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["snapshot", "mlp", "--format", "svg,pdf,dot,json,mermaid", "--out", directory.path]
        let first = try micrograd(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        var interrupted = 0
        for attempt in 0..<12 {
            let before = try Self.listing(directory)
            let run = try InterruptibleRun(arguments)
            usleep(UInt32(attempt * 40_000))
            run.send(signal)
            if run.wait().signal == signal { interrupted += 1 }
            let after = try Self.listing(directory)
            #expect(after.keys.allSatisfy { !$0.hasPrefix(".") }, "left behind: \(after.keys.sorted())")
            #expect(after.keys.sorted() == before.keys.sorted())
            let replaced = before.filter { after[$0.key]?.1 != $0.value.1 }.count
            #expect(replaced == 0 || replaced == before.count, "\(replaced) of \(before.count) files replaced")
            // The output is deterministic: old and new files have the same contents.
            for (name, (contents, _)) in before { #expect(after[name]?.0 == contents, "\(name) differs") }
        }
        #expect(interrupted > 0, "no run was interrupted")
    }

    @Test func anInterruptedFirstRunLeavesNoDirectory() throws {
        let parent = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        for attempt in 0..<6 {
            let out = parent.appendingPathComponent("run\(attempt)/images")
            let run = try InterruptibleRun(["snapshot", "mlp", "--format", "svg,pdf,json", "--out", out.path])
            usleep(UInt32(attempt * 50_000))
            run.send(SIGINT)
            let ended = run.wait()
            let listing = try Self.listing(parent.appendingPathComponent("run\(attempt)"))
            if ended.signal != nil {
                #expect(listing.isEmpty, "an interrupted run left \(listing.keys.sorted())")
                #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("run\(attempt)").path))
            } else {
                #expect(listing.keys.filter { $0.contains("/.") }.isEmpty)
            }
        }
    }
}

/// A `micrograd` run that a test can interrupt.
///
/// Started with posix_spawn and an empty signal mask: `Process` passes on the mask of the thread
/// that starts it, and the test library's threads block SIGINT and SIGTERM, so a child started
/// with `Process` from a test would never see them.
struct InterruptibleRun {
    let pid: pid_t

    /// Starts `micrograd arguments`, with its output discarded.
    init(_ arguments: [String]) throws {
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let executable = runner.deletingLastPathComponent().appendingPathComponent("micrograd").path
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw CocoaError(.executableLoad) }
        self.pid = pid
    }

    /// Sends `signal`.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the run to end: the signal that ended it, or `nil` when it exited.
    func wait() -> (signal: Int32?, status: Int32) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal != 0 ? (signal, 0) : (nil, (status >> 8) & 0xff)
    }
}
