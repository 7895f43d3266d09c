import Foundation
import MicrogradTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--out -`: one file to standard output, byte for byte the file `--out DIR` writes, with nothing
/// else on standard output (issue 13).
@Suite("--out - (standard output)")
struct StandardOutputTests {
    /// What a run wrote to standard output, as bytes, and to standard error.
    struct Run {
        let status: Int32
        let output: Data
        let error: String
    }

    /// Runs `micrograd` in `directory` with standard output a pipe read as bytes.
    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        let result = try micrograd(arguments, in: directory)
        return Run(status: result.status, output: result.standardOutputData, error: result.standardError)
    }

    /// The names in `directory`, sorted.
    static func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// The file `arguments` write with `--out DIR`, and what they write to standard output with
    /// `--out -`, run in an empty directory that must stay empty.
    static func fileAndStandardOutput(_ arguments: [String], file: String) throws -> (file: Data, piped: Run) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = directory.appendingPathComponent("written")
        let toDirectory = try run(arguments + ["--out", written.path], in: directory)
        #expect(toDirectory.status == 0, "\(toDirectory.error)")
        let work = directory.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false)
        let piped = try run(arguments + ["--out", "-"], in: work)
        let left = try entries(work)
        #expect(left == [], "--out - wrote files: \(left)")
        return (try Data(contentsOf: written.appendingPathComponent(file)), piped)
    }

    @Test(arguments: ["dot", "json", "mermaid", "svg", "html"])
    func eachTextFormatIsTheFileOnStandardOutputAndNothingElse(format: String) throws {
        let fileExtension = format == "mermaid" ? "mmd" : format
        let (file, piped) = try Self.fileAndStandardOutput(
            ["snapshot", "neuron", "--stage", "after", "--format", format], file: "neuron-after.\(fileExtension)")
        #expect(piped.status == 0, "\(piped.error)")
        #expect(!file.isEmpty)
        #expect(piped.output == file, "standard output is not the \(format) file")
        // The table, which a run into a directory prints, goes to standard error instead.
        #expect(piped.error.contains("o     output      0.7071   1.0000"), "\(piped.error)")
        #expect(!piped.error.contains("wrote"))
    }

    @Test func theSnapshotBeforeBackwardAndExpressionsToo() throws {
        let (before, piped) = try Self.fileAndStandardOutput(
            ["snapshot", "neuron", "--stage", "before", "--format", "dot"], file: "neuron-before.dot")
        #expect(piped.status == 0, "\(piped.error)")
        #expect(piped.output == before)
        let (expression, pipedExpression) = try Self.fileAndStandardOutput(
            ["expr", "-x^2", "--set", "x=3", "--stage", "after", "--format", "json"], file: "expr-after.json")
        #expect(pipedExpression.status == 0, "\(pipedExpression.error)")
        #expect(pipedExpression.output == expression)
        let graph = try JSONSerialization.jsonObject(with: pipedExpression.output) as? [String: Any]
        #expect(graph?["format"] as? String == "micrograd-graph")
    }

    /// The example of the help: the DOT piped into Graphviz's `dot` makes the image.
    @Test func theDOTPipesIntoAnotherProgram() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let executable = productsDirectory.appendingPathComponent("micrograd").path
        // `wc -c` stands in for `dot`, which the test machine need not have: it reads the whole pipe.
        let shell = try Self.run(
            [
                "-c", "\"$0\" snapshot neuron --stage after --format dot --out - 2>/dev/null | wc -c",
                executable,
            ], in: directory, executable: "/bin/sh")
        let (file, _) = try Self.fileAndStandardOutput(
            ["snapshot", "neuron", "--stage", "after", "--format", "dot"], file: "neuron-after.dot")
        #expect(shell.status == 0)
        #expect(
            String(decoding: shell.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                == "\(file.count)")
    }

    /// Runs `executable` (not micrograd) with standard output a pipe.
    static func run(_ arguments: [String], in directory: URL, executable: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: data, error: "")
    }

    @Test func binaryFormatsGoToAPipe() throws {
        let (file, piped) = try Self.fileAndStandardOutput(
            ["snapshot", "neuron", "--stage", "after", "--format", "png"], file: "neuron-after.png")
        #expect(piped.status == 0, "\(piped.error)")
        #expect(piped.output.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(piped.output == file)
    }

    @Test func severalFilesAreABadCommandLineThatSaysWhatToAdd() throws {
        let cases: [(arguments: [String], says: [String])] = [
            (
                ["snapshot", "neuron"],
                [
                    "makes 4 (neuron-before.svg, neuron-before.dot, neuron-after.svg, neuron-after.dot)",
                    "add --stage after", "give one format, like --format dot",
                ]
            ),
            (["snapshot", "neuron", "--stage", "after"], ["makes 2 (neuron-after.svg, neuron-after.dot)"]),
            (
                ["snapshot", "neuron", "--format", "json"],
                ["makes 2 (neuron-before.json, neuron-after.json)", "add --stage after"]
            ),
            (["expr", "x*y", "--set", "x=1,y=2", "--format", "mermaid,json", "--stage", "before"], ["makes 2"]),
        ]
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (arguments, says) in cases {
            let result = try Self.run(arguments + ["--out", "-"], in: directory)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.output.isEmpty, "\(arguments)")
            #expect(result.error.hasPrefix("error: --out - writes one file to standard output"), "\(result.error)")
            for text in says { #expect(result.error.contains(text), "\(arguments): \(result.error)") }
        }
        #expect(try Self.entries(directory) == [])
    }

    /// A failure while drawing writes nothing to standard output: the file is made in memory first.
    @Test func aRunThatFailsWritesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.run(
            ["snapshot", "mlp", "--stage", "after", "--format", "svg", "--render-limit", "5", "--out", "-"],
            in: directory)
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("raise --render-limit"), "\(result.error)")
        #expect(try Self.entries(directory) == [])
    }

    /// Commands that write a directory of files refuse `-` rather than make a directory named `-`.
    @Test(arguments: [
        ["diagnose", "neuron"], ["steps", "neuron"], ["train", "xor", "--steps", "1"],
    ])
    func commandsThatWriteADirectoryRefuseIt(arguments: [String]) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.run(arguments + ["--out", "-"], in: directory)
        #expect(result.status == 64)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("error: --out - (standard output) takes one file"), "\(result.error)")
        #expect(try Self.entries(directory) == [])
    }

    @Test func renderWritesTheImageToStandardOutput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("digraph { a -> b [label=\"x\"] }\n".utf8).write(to: directory.appendingPathComponent("graph.dot"))
        for format in ["svg", "png"] {
            let toFile = try Self.run(["render", "graph.dot", "--format", format], in: directory)
            #expect(toFile.status == 0, "\(toFile.error)")
            let file = try Data(contentsOf: directory.appendingPathComponent("graph.\(format)"))
            try FileManager.default.removeItem(at: directory.appendingPathComponent("graph.\(format)"))
            let piped = try Self.run(["render", "graph.dot", "--format", format, "--out", "-"], in: directory)
            #expect(piped.status == 0, "\(piped.error)")
            #expect(piped.output == file, "render --format \(format) --out -")
            #expect(piped.error.isEmpty, "\(piped.error)")
        }
        #expect(try Self.entries(directory) == ["graph.dot"])
    }

    #if os(Linux)
        /// PNG and PDF to a terminal would show as garbage: refused, with nothing written to it. The
        /// terminal is a pseudo-terminal the test opens (with Linux's ioctls).
        @Test(arguments: [
            ["snapshot", "neuron", "--stage", "after", "--format", "png"],
            ["render", "graph.dot", "--format", "pdf"],
        ])
        func binaryFormatsAreRefusedOnATerminal(arguments: [String]) throws {
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            try Data("digraph { a -> b }\n".utf8).write(to: directory.appendingPathComponent("graph.dot"))
            let primary = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            try #require(primary >= 0, "no pseudo-terminal: \(String(cString: strerror(errno)))")
            defer { close(primary) }
            // grantpt and unlockpt, as the kernel's ioctls (Linux: TIOCSPTLCK, TIOCGPTN).
            var unlock: CInt = 0
            var number: CInt = 0
            try #require(ioctl(primary, 0x4004_5431, &unlock) == 0 && ioctl(primary, 0x8004_5430, &number) == 0)
            let secondary = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            try #require(secondary >= 0)
            let terminal = FileHandle(fileDescriptor: secondary, closeOnDealloc: true)
            #expect(isatty(secondary) == 1)

            // Whatever reaches the terminal is read as it comes, so a run that writes to it cannot block.
            nonisolated(unsafe) var shown = 0
            let reader = Thread {
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = read(primary, &buffer, buffer.count)
                    if count > 0 {
                        shown += count
                    } else if count == 0 || errno != EINTR {
                        break  // EIO once every copy of the terminal's other end is closed
                    }
                }
            }
            reader.start()
            let process = Process()
            process.executableURL = productsDirectory.appendingPathComponent("micrograd")
            process.arguments = arguments + ["--out", "-"]
            process.currentDirectoryURL = directory
            process.standardOutput = terminal
            let error = Pipe()
            process.standardError = error
            try process.run()
            let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            try terminal.close()
            while !reader.isFinished { usleep(1000) }

            #expect(process.terminationStatus == 64)
            #expect(message.contains("a binary format, to the terminal; redirect it to a file"), "\(message)")
            #expect(shown == 0, "the terminal got \(shown) bytes")
            #expect(try Self.entries(directory) == ["graph.dot"])
        }
    #endif
}
