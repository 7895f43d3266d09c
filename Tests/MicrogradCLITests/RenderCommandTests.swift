import Foundation
import MicrogradTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `micrograd render` on DOT files a user (or an attacker) wrote (issue 9, items 2, 4, 6, 7, 10,
/// 14, 16, and the enumerated --layout).
@Suite("micrograd render")
struct RenderCommandTests {
    /// A temporary directory holding `graph.dot` with `dot`.
    static func directory(with dot: String, name: String = "graph.dot") throws -> URL {
        let directory = try temporaryDirectory()
        try Data(dot.utf8).write(to: directory.appendingPathComponent(name))
        return directory
    }

    static func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// The DOT of issue 9's heap corruption: three nodes in two clusters with labelled edges between them.
    static let clustered = """
        digraph {
          subgraph cluster_s { y; out; }
          subgraph cluster_t { x; }
          y -> z [label="a"];
          x -> z [label="b"];
          z -> out [label="a"];
          x -> out [label="b"];
        }
        """

    @Test func rendersTheClusteredGraphThatCorruptedTheHeap() throws {
        let directory = try Self.directory(with: Self.clustered)
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in ["svg", "png", "pdf"] {
            let result = try micrograd(["render", "graph.dot", "--format", format], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput == "wrote graph.\(format)\n")
        }
        let svg = try Data(contentsOf: directory.appendingPathComponent("graph.svg"))
        #expect(SVGTexts(svg).isWellFormed)
    }

    @Test func junkAfterTheGraphOrASecondGraphIsAnErrorAndWritesNothing() throws {
        for dot in ["digraph { a -> b }\njunk\n", "digraph { a }\ndigraph { b }\n"] {
            let directory = try Self.directory(with: dot)
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try micrograd(["render", "graph.dot"], in: directory)
            #expect(result.status == 1)
            #expect(result.standardError.hasPrefix("error: graph.dot: Graphviz could not read the DOT text"))
            #expect(try Self.entries(directory) == ["graph.dot"])
        }
    }

    /// `render -` reads the DOT from standard input: into a file, to standard output (the
    /// same bytes as from a file), with the same checks; without --out it says what to do.
    @Test func readsTheDOTFromStandardInput() throws {
        let directory = try Self.directory(with: Self.clustered)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dot = Data(Self.clustered.utf8)
        let written = try micrograd(["render", "-", "--out", "piped.svg"], in: directory, input: dot)
        #expect(written.status == 0, "\(written.standardError)")
        #expect(written.standardOutput == "wrote piped.svg\n")
        let fromFile = try micrograd(["render", "graph.dot", "--out", "-"], in: directory)
        let piped = try micrograd(["render", "-", "--out", "-"], in: directory, input: dot)
        #expect(piped.status == 0 && !piped.standardOutputData.isEmpty)
        #expect(piped.standardOutputData == fromFile.standardOutputData)
        #expect(try Data(contentsOf: directory.appendingPathComponent("piped.svg")) == fromFile.standardOutputData)

        let unnamed = try micrograd(["render", "-"], in: directory, input: dot)
        #expect(unnamed.status == 64)
        #expect(unnamed.standardError.contains("give one with --out"), "\(unnamed.standardError)")
        let unsafe = try micrograd(
            ["render", "-", "--out", "unsafe.svg"], in: directory,
            input: Data("digraph { a [image=\"/etc/passwd\"] }".utf8))
        #expect(unsafe.status == 1)
        #expect(unsafe.standardError.hasPrefix("error: standard input: "), "\(unsafe.standardError)")
        #expect(unsafe.standardError.contains("--allow-unsafe-dot"))
        let junk = try micrograd(["render", "-", "--out", "junk.svg"], in: directory, input: Data([0xFF, 0xFE, 0x00]))
        #expect(junk.status == 1)
        #expect(junk.standardError.contains("UTF-8"), "\(junk.standardError)")
        #expect(try Self.entries(directory) == ["graph.dot", "piped.svg"], "no file from the refused runs")
    }

    @Test func standardInputOverTheLimitIsRefusedWhileReading() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 17 MiB of comment: over the 16 MiB limit for DOT that is not trusted.
        let big = Data("digraph { a }\n".utf8) + Data(repeating: UInt8(ascii: "#"), count: 17 << 20)
        let result = try micrograd(["render", "-", "--out", "big.svg"], in: directory, input: big)
        #expect(result.status == 1)
        #expect(result.standardError.contains("over the limit"), "\(result.standardError)")
        #expect(try Self.entries(directory).isEmpty)
    }

    /// Graphviz counts lines in a global that the warmed-up render process had moved on:
    /// a syntax error names its own line, in a file and on standard input.
    @Test func aSyntaxErrorNamesItsLine() throws {
        let bad = "digraph {\n  a -> b\n  c -> -> d\n}\n"
        let directory = try Self.directory(with: bad)
        defer { try? FileManager.default.removeItem(at: directory) }
        for arguments in [["render", "graph.dot"], ["render", "-", "--out", "piped.svg"]] {
            let result = try micrograd(arguments, in: directory, input: Data(bad.utf8))
            #expect(result.status == 1)
            #expect(result.standardError.contains("syntax error in line 3 near '->'"), "\(result.standardError)")
        }
    }

    @Test func refusesToOverwriteItsInput() throws {
        let directory = try Self.directory(with: "digraph { a -> b }\n", name: "graph.svg")
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try Data(contentsOf: directory.appendingPathComponent("graph.svg"))
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("link.svg").path, withDestinationPath: "graph.svg")
        #expect(
            link(directory.appendingPathComponent("graph.svg").path, directory.appendingPathComponent("hard.svg").path)
                == 0)
        for arguments in [
            ["render", "graph.svg"], ["render", "graph.svg", "--out", "graph.svg"],
            ["render", "graph.svg", "-o", "./graph.svg"],
            ["render", "graph.svg", "-o", "link.svg"], ["render", "graph.svg", "-o", "hard.svg"],
            ["render", "link.svg", "-o", "graph.svg"],
        ] {
            let result = try micrograd(arguments, in: directory)
            #expect(result.status == 64, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("overwrite its own input"), "\(result.standardError)")
        }
        #expect(try Data(contentsOf: directory.appendingPathComponent("graph.svg")) == original)
        let other = try micrograd(["render", "graph.svg", "-o", "image.svg"], in: directory)
        #expect(other.status == 0, "\(other.standardError)")
    }

    @Test func layoutIsAnEnumeratedOption() throws {
        let directory = try Self.directory(with: "graph { a -- b -- c -- a }\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try micrograd(["render", "graph.dot", "--layout", "nosuch"], in: directory)
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("nosuch"))
        #expect(try Self.entries(directory) == ["graph.dot"])
        for layout in ["dot", "sfdp", "neato"] {
            let result = try micrograd(
                ["render", "graph.dot", "--layout", layout, "-o", "\(layout).svg"], in: directory)
            #expect(result.status == 0, "\(layout): \(result.standardError)")
        }
        #expect(try Self.entries(directory) == ["dot.svg", "graph.dot", "neato.svg", "sfdp.svg"])
    }

    @Test func unsafeDOTNeedsTheOptIn() throws {
        let directory = try Self.directory(
            with: #"digraph { a [URL="javascript:alert(1)"]; b [image="/etc/hostname"]; }"#)
        defer { try? FileManager.default.removeItem(at: directory) }
        let refused = try micrograd(["render", "graph.dot"], in: directory)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("--allow-unsafe-dot"), "\(refused.standardError)")
        #expect(try Self.entries(directory) == ["graph.dot"])
        let allowed = try micrograd(["render", "graph.dot", "--allow-unsafe-dot"], in: directory)
        #expect(allowed.status == 0, "\(allowed.standardError)")
    }

    @Test func limitsAreErrorsWithTheOptInNamed() throws {
        let long = "digraph { a [label=\"" + String(repeating: "x", count: 20_000) + "\"]; }\n"
        let huge = "digraph { graph [size=\"100000,100000!\"]; a -> b }\n"
        for dot in [long, huge] {
            let directory = try Self.directory(with: dot)
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try micrograd(["render", "graph.dot", "--format", "png"], in: directory)
            #expect(result.status == 1)
            #expect(result.standardError.contains("limit") && result.standardError.contains("--allow-unsafe-dot"))
            #expect(try Self.entries(directory) == ["graph.dot"])
        }
        // Over 16 MiB: refused before it is read.
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.dot")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 17 << 20)
        try handle.close()
        let result = try micrograd(["render", "big.dot"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("over the limit of 16777216 bytes"), "\(result.standardError)")
    }

    /// cairo's assertion (a signal in `dot`) and cairo running out of memory (`dot` writes a blank
    /// page and exits 0): both are errors, and no file is written.
    @Test func cairoFailuresAreErrorsWithNoFile() throws {
        for spec in [#"size="1000,1000!", dpi=30000"#, #"size="1000,1000!", dpi=2000"#] {
            let directory = try Self.directory(
                with: "digraph { graph [\(spec)]; a [shape=box]; a -> b [label=\"b\"] }\n")
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try micrograd(["render", "graph.dot", "--format", "pdf", "--allow-unsafe-dot"], in: directory)
            #expect(result.status == 1, "\(spec): \(result.standardOutput)")
            #expect(result.standardError.hasPrefix("error: graph.dot: "), "\(result.standardError)")
            #expect(!result.standardOutput.contains("wrote"))
            #expect(try Self.entries(directory) == ["graph.dot"])
        }
    }
}
