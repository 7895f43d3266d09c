import Foundation
import MicrogradTestSupport
import Testing

/// The `micrograd-diagrams` package plugin, run as a package that depends on Micrograd runs it: on a copy of
/// Tests/Fixtures/DiagramsPackage, whose DocC catalog holds .mg files. The fixture builds in
/// `.build/fixture-diagrams`, which later runs reuse (the first run builds Micrograd once more).
@Suite("micrograd-diagrams plugin", .serialized)
struct DiagramsPluginTests {
    /// Runs `swift package … micrograd-diagrams` in `package`.
    static func runPlugin(in package: URL, _ arguments: [String] = []) throws -> CLIResult {
        try run(
            swiftExecutable,
            [
                "package", "--package-path", package.path, "--scratch-path",
                repositoryRoot.appendingPathComponent(".build/fixture-diagrams").path,
                "--allow-writing-to-package-directory", "micrograd-diagrams",
            ] + arguments)
    }

    /// The `swift` that runs these tests' toolchain: the one on the PATH.
    static var swiftExecutable: URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("swift")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "/usr/bin/swift")
    }

    /// A copy of the fixture package whose Micrograd dependency is this repository; the caller removes it.
    static func makePackage() throws -> URL {
        let folder = try temporaryDirectory()
        let package = folder.appendingPathComponent("Lecture")
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Tests/Fixtures/DiagramsPackage"), to: package)
        let manifest = package.appendingPathComponent("Package.swift")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "MICROGRAD_PACKAGE_PATH", with: repositoryRoot.path).utf8).write(
            to: manifest)
        return package
    }

    @Test func drawsTheCatalogsDiagramsAndRewritesOnlyWhatChanged() throws {
        let package = try Self.makePackage()
        defer { try? FileManager.default.removeItem(at: package.deletingLastPathComponent()) }
        let resources = package.appendingPathComponent("Sources/Lecture/Documentation.docc/Resources")
        let first = try Self.runPlugin(in: package)
        #expect(first.status == 0, "\(first.standardOutput)\n\(first.standardError)")
        let diagrams = [
            "expression-after.svg", "more/neuron-after.svg", "more/square-after.svg", "more/square-before.svg",
        ]
        #expect(DiagramsCommandTests.files(in: resources).filter { $0.hasSuffix(".svg") } == diagrams)

        // Each diagram is what `micrograd snapshot` draws with the header's or the folder's options.
        let expression = resources.appendingPathComponent("expression.mg").path
        #expect(
            try Data(contentsOf: resources.appendingPathComponent("expression-after.svg"))
                == DiagramsCommandTests.snapshotBytes(
                    [expression, "--format", "svg", "--stage", "after", "--rankdir", "TB", "--precision", "2"],
                    file: "expression-after.svg"))
        let square = resources.appendingPathComponent("more/square.mg").path
        #expect(
            try Data(contentsOf: resources.appendingPathComponent("more/square-before.svg"))
                == DiagramsCommandTests.snapshotBytes(
                    [square, "--format", "svg", "--theme", "dark"], file: "square-before.svg"))

        // Run again: nothing is written.
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        for diagram in diagrams {
            try FileManager.default.setAttributes(
                [.modificationDate: past], ofItemAtPath: resources.appendingPathComponent(diagram).path)
        }
        func date(_ diagram: String) throws -> Date? {
            try FileManager.default.attributesOfItem(atPath: resources.appendingPathComponent(diagram).path)[
                .modificationDate] as? Date
        }
        let second = try Self.runPlugin(in: package)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("0 written, 4 unchanged"), "\(second.standardOutput)")
        for diagram in diagrams { #expect(try date(diagram) == past, "\(diagram) was written again") }

        // Change one file: only its diagrams are written; --check first reports it.
        try Data("x = 4.0\ny = x * x\n".utf8).write(to: resources.appendingPathComponent("more/square.mg"))
        let check = try Self.runPlugin(in: package, ["--check"])
        #expect(check.status != 0)
        #expect((check.standardOutput + check.standardError).contains("square-after.svg"))
        let third = try Self.runPlugin(in: package)
        #expect(third.status == 0, "\(third.standardError)")
        #expect(try date("more/square-after.svg") != past && date("more/square-before.svg") != past)
        #expect(try date("expression-after.svg") == past && date("more/neuron-after.svg") == past)
    }

    @Test func namedFoldersAndTargets() throws {
        let package = try Self.makePackage()
        defer { try? FileManager.default.removeItem(at: package.deletingLastPathComponent()) }
        let folder = "Sources/Lecture/Documentation.docc/Resources/more"
        let result = try Self.runPlugin(in: package, [folder])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("3 diagrams from 2 sources: 3 written"), "\(result.standardOutput)")
        let unknown = try Self.runPlugin(in: package, ["--target", "Lectures"])
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("no target named Lectures"), "\(unknown.standardError)")
    }
}

/// Runs a program and returns what it printed and how it exited; `environment` replaces this
/// process's, and `input` is its standard input (empty when not given).
func run(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
    input: Data? = nil
) throws -> CLIResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let output = Pipe()
    let error = Pipe()
    let inputPipe = input.map { _ in Pipe() }
    process.standardOutput = output
    process.standardError = error
    process.standardInput = inputPipe ?? FileHandle.nullDevice
    try process.run()
    if let input, let inputPipe {
        // A program may stop reading early (input over a limit): writing on must not end this process.
        signal(SIGPIPE, SIG_IGN)
        // From a thread of its own, so that a program that stops reading early cannot block this one.
        Thread {
            try? inputPipe.fileHandleForWriting.write(contentsOf: input)
            try? inputPipe.fileHandleForWriting.close()
        }.start()
    }
    nonisolated(unsafe) var errorData = Data()
    let errorReader = Thread { errorData = error.fileHandleForReading.readDataToEndOfFile() }
    errorReader.start()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorReader.isFinished { usleep(1000) }
    return CLIResult(
        status: process.terminationStatus, standardOutputData: outputData,
        standardError: String(decoding: errorData, as: UTF8.self))
}
