import Foundation
import MicrogradTestSupport
import Testing

/// Details a new user meets on the command line: repeated options, file names that say a
/// format, inputs that are folders, empty names, counts in messages.
@Suite("Command-line details")
struct CommandLineDetailsTests {
    @Test func repeatedSetOptionsAddUp() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(
            ["expr", "x*w + b", "--set", "x=2", "--set", "w=3,b=1", "--format", "dot", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("\nout   output  7.0000"), "\(result.standardOutput)")
        try CLIErrorTests.expectFailure(
            ["expr", "x", "--set", "x=1", "--set", "x=2"], status: 64, message: "--set gives 'x' twice")
    }

    @Test func aValueTooLargeForANumberIsRefused() throws {
        try CLIErrorTests.expectFailure(
            ["expr", "x*w", "--set", "x=1,w=1e400"], status: 64,
            message: "'1e400' in --set w=1e400 is too large for a number")
    }

    @Test func renderTakesItsFormatFromTheOutputName() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("digraph { a -> b }\n".utf8).write(to: directory.appendingPathComponent("g.dot"))
        for (name, magic) in [
            ("g.pdf", Data("%PDF".utf8)), ("g.png", Data([0x89, 0x50, 0x4E, 0x47])), ("g.svg", Data("<?xml".utf8)),
        ] {
            let result = try micrograd(["render", "g.dot", "--out", name], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            let image = try Data(contentsOf: directory.appendingPathComponent(name))
            #expect(image.prefix(magic.count) == magic, "\(name) holds its own format")
        }
        try CLIErrorTests.expectFailure(
            ["render", "g.dot", "--format", "png", "--out", "o.svg"], status: 64,
            message: "--out o.svg ends in .svg but --format is png",
            setUp: { try Data("digraph { a }".utf8).write(to: $0.appendingPathComponent("g.dot")) })
    }

    @Test func aFolderWhereAFileBelongsIsNamedAsSuch() throws {
        try CLIErrorTests.expectFailure(
            ["snapshot", "net.mg"], status: 1, message: "cannot read 'net.mg': it is a directory",
            setUp: {
                try FileManager.default.createDirectory(
                    at: $0.appendingPathComponent("net.mg"), withIntermediateDirectories: false)
            })
        try CLIErrorTests.expectFailure(
            ["diff", "a.json", "a.json"], status: 1, message: "cannot read 'a.json': it is a directory",
            setUp: {
                try FileManager.default.createDirectory(
                    at: $0.appendingPathComponent("a.json"), withIntermediateDirectories: false)
            })
        try CLIErrorTests.expectFailure(
            ["diagrams", "notes.txt"], status: 1, message: "notes.txt is a file, not a folder",
            setUp: { try Data().write(to: $0.appendingPathComponent("notes.txt")) })
    }

    @Test func emptyNamesAreRefused() throws {
        try CLIErrorTests.expectFailure(["snapshot", "neuron", "--out", ""], status: 64, message: "--out is empty")
        try CLIErrorTests.expectFailure(["train", "xor", "--out", ""], status: 64, message: "--out is empty")
        try CLIErrorTests.expectFailure(
            ["expr", "x", "--set", "x=1", "--name", ""], status: 64, message: "not empty and without '/'")
    }

    @Test func diagnoseListsOnlyTheDiagramFormatsItWrites() throws {
        try CLIErrorTests.expectFailure(
            ["diagnose", "mlp", "--diagram", "gif"], status: 64, message: "formats are svg, png, pdf, dot, html")
    }

    @Test func oneStepIsOneStepAndHistogramsPastTheEndAreNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(
            ["train", "xor", "--steps", "1", "--diagnose", "--histogram-steps", "0,7", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("1 step of SGD"), "\(result.standardOutput)")
        #expect(result.standardError.contains("--histogram-steps 7: past the last step (0)"), "\(result.standardError)")
        let without = try micrograd(["train", "xor", "--steps", "1", "--histogram-steps", "0", "--out", directory.path])
        #expect(without.standardError.contains("--histogram-steps draws nothing without --diagnose"))
    }
}
