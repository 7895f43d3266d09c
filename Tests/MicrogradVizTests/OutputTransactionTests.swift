import Foundation
import MicrogradTestSupport
import Testing

@testable import MicrogradViz

#if canImport(Glibc)
    import Glibc
#endif

/// A set of output files written all or nothing (issue 9, items 8 and 9).
@Suite("Writing a set of files all or nothing")
struct OutputTransactionTests {
    /// Every entry of a directory, recursively, with each file's contents and inode.
    static func listing(_ directory: URL) throws -> [String: (contents: Data, inode: UInt64)] {
        var result: [String: (Data, UInt64)] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        while let relative = enumerator?.nextObject() as? String {
            let path = directory.appendingPathComponent(relative).path
            var status = stat()
            #expect(lstat(path, &status) == 0)
            let contents =
                (status.st_mode & S_IFMT) == S_IFDIR ? Data() : try Data(contentsOf: URL(fileURLWithPath: path))
            result[relative] = (contents, UInt64(status.st_ino))
        }
        return result
    }

    static func expectSame(
        _ a: [String: (contents: Data, inode: UInt64)], _ b: [String: (contents: Data, inode: UInt64)]
    ) {
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, entry) in a {
            #expect(b[name]?.contents == entry.contents, "\(name) changed")
            #expect(b[name]?.inode == entry.inode, "\(name) is another file now")
        }
    }

    static func directoryWithEarlierRun() throws -> URL {
        let directory = try AtomicFileTests.temporaryDirectory()
        for name in ["neuron-before.dot", "neuron-after.dot", "notes.txt"] {
            try Data("earlier \(name)\n".utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory
    }

    @Test func commitReplacesEveryFileAndLeavesNothingElse() throws {
        let directory = try Self.directoryWithEarlierRun()
        defer { try? FileManager.default.removeItem(at: directory) }
        let transaction = OutputTransaction()
        try transaction.stage(Data("new before".utf8), at: directory.appendingPathComponent("neuron-before.dot"))
        try transaction.stage(Data("new after".utf8), at: directory.appendingPathComponent("neuron-after.dot"))
        try transaction.stage(Data("new svg".utf8), at: directory.appendingPathComponent("sub/dir/neuron-after.svg"))
        // Nothing visible before the commit.
        #expect(
            try String(contentsOf: directory.appendingPathComponent("neuron-before.dot"), encoding: .utf8)
                == "earlier neuron-before.dot\n")
        #expect(
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent("sub/dir/neuron-after.svg").path))
        let placed = try transaction.commit()
        #expect(placed.map(\.lastPathComponent) == ["neuron-before.dot", "neuron-after.dot", "neuron-after.svg"])
        let after = try Self.listing(directory)
        #expect(
            after.keys.sorted() == [
                "neuron-after.dot", "neuron-before.dot", "notes.txt", "sub", "sub/dir", "sub/dir/neuron-after.svg",
            ])
        #expect(after["neuron-after.dot"]?.contents == Data("new after".utf8))
        #expect(after["sub/dir/neuron-after.svg"]?.contents == Data("new svg".utf8))
    }

    /// A run that fails part-way leaves the earlier run's files exactly as they were.
    @Test func aFailedCommitRestoresTheDirectoryExactly() throws {
        let directory = try Self.directoryWithEarlierRun()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try Self.listing(directory)
        let transaction = OutputTransaction()
        try transaction.stage(Data("new before".utf8), at: directory.appendingPathComponent("neuron-before.dot"))
        try transaction.stage(Data("new after".utf8), at: directory.appendingPathComponent("neuron-after.dot"))
        try transaction.stage(Data("new".utf8), at: directory.appendingPathComponent("neuron-after.svg"))
        try transaction.stage(Data("new".utf8), at: directory.appendingPathComponent("new/deep/file.json"))
        // Something takes the last file's place before the commit: it cannot be replaced.
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("neuron-after.svg"), withIntermediateDirectories: false)
        let expected = try Self.listing(directory).filter { !$0.key.hasPrefix("new") && !$0.key.hasPrefix(".") }
        #expect(throws: FileWriteError.self) { try transaction.commit() }
        Self.expectSame(expected, try Self.listing(directory))
        #expect(original.count + 1 == expected.count)
    }

    @Test func rollingBackRemovesStagedFilesAndNewDirectories() throws {
        let directory = try Self.directoryWithEarlierRun()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try Self.listing(directory)
        do {
            let transaction = OutputTransaction()
            try transaction.stage(Data("x".utf8), at: directory.appendingPathComponent("a/b/c.svg"))
            try transaction.stage(Data("y".utf8), at: directory.appendingPathComponent("neuron-after.dot"))
            #expect(try Self.listing(directory).keys.contains { $0.contains(".tmp-") })
            transaction.rollBack()
            Self.expectSame(original, try Self.listing(directory))
        }
        do {
            // Released without a commit: the same.
            let transaction = OutputTransaction()
            try transaction.stage(Data("x".utf8), at: directory.appendingPathComponent("a/b/c.svg"))
        }
        Self.expectSame(original, try Self.listing(directory))
    }

    @Test func stagingAFileAgainReplacesItsBytes() throws {
        let directory = try AtomicFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let transaction = OutputTransaction()
        let url = directory.appendingPathComponent("graph.svg")
        try transaction.stage(Data("first".utf8), at: url)
        try transaction.stage(Data("other".utf8), at: directory.appendingPathComponent("other.svg"))
        try transaction.stage(Data("second".utf8), at: url)
        #expect(try transaction.commit().map(\.lastPathComponent) == ["graph.svg", "other.svg"])
        #expect(try String(contentsOf: url, encoding: .utf8) == "second")
        #expect(try Self.listing(directory).keys.sorted() == ["graph.svg", "other.svg"])
    }

    @Test func aFailureWhileStagingNamesTheFile() throws {
        let directory = try AtomicFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("a file".utf8).write(to: directory.appendingPathComponent("blocker"))
        let transaction = OutputTransaction()
        #expect {
            try transaction.stage(Data("x".utf8), at: directory.appendingPathComponent("blocker/graph.svg"))
        } throws: { error in
            "\(error)".contains("blocker/graph.svg") && "\(error)".contains("not a directory")
        }
        transaction.rollBack()
        #expect(try Self.listing(directory).keys.sorted() == ["blocker"])
    }

    /// A child process that stages and commits rounds of 40 files until it is interrupted; after
    /// SIGINT or SIGTERM at any moment the directory holds one complete round and nothing else.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedRunLeavesOneCompleteSet(signal: Int32) throws {
        for attempt in 0..<6 {
            let directory = try AtomicFileTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            child.arguments = ["--testing-library", "swift-testing", "--filter", "InterruptedWriter"]
            child.environment = ProcessInfo.processInfo.environment.merging([
                "MICROGRAD_INTERRUPTED_WRITER": directory.path
            ]) { $1 }
            let output = Pipe()
            child.standardOutput = output
            child.standardError = FileHandle.nullDevice
            try child.run()
            // Wait for the first round, then interrupt at a different moment each attempt.
            let ready = directory.appendingPathComponent("round-0-done")
            var waited = 0
            while !FileManager.default.fileExists(atPath: ready.path) && waited < 60_000 && child.isRunning {
                usleep(1_000)
                waited += 1
            }
            usleep(UInt32(1_000 + attempt * 7_000))
            kill(child.processIdentifier, signal)
            child.waitUntilExit()
            _ = output.fileHandleForReading.readDataToEndOfFile()
            #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == signal)
            let listing = try Self.listing(directory)
            let hidden = listing.keys.filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }
            #expect(hidden.isEmpty, "left behind: \(hidden.sorted())")
            let files = listing.filter {
                $0.key.hasPrefix("out/") && !$0.key.split(separator: "/").last!.hasPrefix(".")
            }
            #expect(files.count == InterruptedWriter.fileCount, "\(files.count) files")
            let rounds = Set(files.values.map { String(decoding: $0.contents, as: UTF8.self).split(separator: " ")[0] })
            #expect(rounds.count == 1, "a mix of rounds: \(rounds.sorted())")
        }
    }
}

/// Writes rounds of files through transactions. Run alone in a child process (by
/// ``OutputTransactionTests/anInterruptedRunLeavesOneCompleteSet(signal:)``) it loops until
/// interrupted; run with the other tests it does two rounds and checks them.
@Suite("Interrupted writer")
struct InterruptedWriter {
    static let fileCount = 40

    @Test func writesRoundsOfFiles() throws {
        let given = ProcessInfo.processInfo.environment["MICROGRAD_INTERRUPTED_WRITER"]
        let directory = try given.map { URL(fileURLWithPath: $0) } ?? AtomicFileTests.temporaryDirectory()
        defer { if given == nil { try? FileManager.default.removeItem(at: directory) } }
        OutputTransaction.undoOnInterrupt()
        var round = 0
        while given != nil || round < 2 {
            let transaction = OutputTransaction()
            for index in 0..<Self.fileCount {
                let text = "\(round) " + String(repeating: "x", count: 10_000 * (index % 3))
                try transaction.stage(Data(text.utf8), at: directory.appendingPathComponent("out/file\(index).txt"))
            }
            try transaction.commit()
            try Data().write(to: directory.appendingPathComponent("round-\(round)-done"))
            round += 1
        }
        let texts = try (0..<Self.fileCount).map {
            try String(contentsOf: directory.appendingPathComponent("out/file\($0).txt"), encoding: .utf8)
        }
        #expect(texts.allSatisfy { $0.hasPrefix("1 ") })
    }
}
