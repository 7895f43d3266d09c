import Foundation
import MicrogradTestSupport
import Testing

@testable import MicrogradCLI

/// `micrograd diagrams`: every .mg file of a folder drawn next to it, with options from the file's header
/// and its folder's micrograd-diagrams.conf, and nothing written when nothing changed.
@Suite("micrograd diagrams")
struct DiagramsCommandTests {
    /// A folder with two network files and a configuration in a subfolder; the caller removes it.
    static func makeFolder() throws -> URL {
        let folder = try temporaryDirectory()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("dark"), withIntermediateDirectories: true)
        try write(
            "# The product.\n# micrograd-diagrams: --stage after --rankdir TB\na = 2.0\nb = -3.0\np = a * b\n",
            to: folder.appendingPathComponent("product.mg"))
        try write("x = 0.5\ny = tanh(x)\n", to: folder.appendingPathComponent("dark/tanh.mg"))
        try write(
            "--theme dark --stage before   # every file here\nsnapshot neuron --stage after\n",
            to: folder.appendingPathComponent("dark/micrograd-diagrams.conf"))
        return folder
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    /// The bytes `micrograd snapshot` writes for `arguments`, drawn into a folder of their own.
    static func snapshotBytes(_ arguments: [String], file: String) throws -> Data {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try micrograd(["snapshot"] + arguments + ["--out", out.path])
        #expect(result.status == 0, "\(result.standardError)")
        return try Data(contentsOf: out.appendingPathComponent(file))
    }

    /// The files of a folder and its subfolders, relative paths sorted.
    static func files(in folder: URL) -> [String] {
        (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { path in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            return exists && !isFolder.boolValue
        }.sorted()
    }

    @Test func drawsEachFileWithItsOptionsNextToIt() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try micrograd(["diagrams", folder.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            Self.files(in: folder) == [
                "dark/micrograd-diagrams.conf", "dark/neuron-after.svg", "dark/tanh-before.svg", "dark/tanh.mg",
                "product-after.svg", "product.mg",
            ])
        #expect(result.standardOutput.contains("3 diagrams from 3 sources: 3 written, 0 unchanged"))
        // Each diagram is what `micrograd snapshot` draws with the same options.
        let product = folder.appendingPathComponent("product.mg").path
        #expect(
            try Data(contentsOf: folder.appendingPathComponent("product-after.svg"))
                == Self.snapshotBytes(
                    [product, "--format", "svg", "--stage", "after", "--rankdir", "TB"], file: "product-after.svg"))
        let tanh = folder.appendingPathComponent("dark/tanh.mg").path
        #expect(
            try Data(contentsOf: folder.appendingPathComponent("dark/tanh-before.svg"))
                == Self.snapshotBytes(
                    [tanh, "--format", "svg", "--theme", "dark", "--stage", "before"], file: "tanh-before.svg"))
        #expect(
            try Data(contentsOf: folder.appendingPathComponent("dark/neuron-after.svg"))
                == Self.snapshotBytes(["neuron", "--format", "svg", "--stage", "after"], file: "neuron-after.svg"))
    }

    @Test func runningAgainWritesNothingAndRedrawsOnlyWhatChanged() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try micrograd(["diagrams", folder.path]).status == 0)
        // Date every diagram in the past: a file written again gets a new date.
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        let diagrams = Self.files(in: folder).filter { $0.hasSuffix(".svg") }
        for diagram in diagrams {
            try FileManager.default.setAttributes(
                [.modificationDate: past], ofItemAtPath: folder.appendingPathComponent(diagram).path)
        }
        func dates() throws -> [String: Date] {
            var dates: [String: Date] = [:]
            for diagram in diagrams {
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: folder.appendingPathComponent(diagram).path)
                dates[diagram] = attributes[.modificationDate] as? Date
            }
            return dates
        }
        let again = try micrograd(["diagrams", folder.path])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("0 written, 3 unchanged"))
        #expect(try dates().values.allSatisfy { $0 == past })
        #expect(try micrograd(["diagrams", folder.path, "--check"]).status == 0)

        try Self.write("a = 2.0\nb = 4.0\np = a * b\n", to: folder.appendingPathComponent("product.mg"))
        let check = try micrograd(["diagrams", folder.path, "--check"])
        #expect(check.status == 1)
        #expect(check.standardError.contains("product-before.svg"))
        #expect(try dates().values.allSatisfy { $0 == past }, "--check writes nothing")
        let redraw = try micrograd(["diagrams", folder.path])
        #expect(redraw.status == 0, "\(redraw.standardError)")
        // Without its header the file is drawn at both stages: two new diagrams, the rest untouched.
        #expect(redraw.standardOutput.contains("4 diagrams from 3 sources: 2 written, 2 unchanged"))
        let newDates = try dates()
        #expect(newDates["product-after.svg"] != past)
        #expect(newDates["dark/tanh-before.svg"] == past && newDates["dark/neuron-after.svg"] == past)
    }

    @Test func aFailingDiagramWritesNothing() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(
            "# micrograd-diagrams: --theme purple\nq = 1.0\nr = q * q\n", to: folder.appendingPathComponent("z.mg"))
        let before = Self.files(in: folder)
        let result = try micrograd(["diagrams", folder.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("z.mg"))
        #expect(result.standardError.contains("'purple' is invalid for '--theme"))
        #expect(Self.files(in: folder) == before, "no diagram is written when one fails")
    }

    @Test(arguments: [
        ("# micrograd-diagrams: --out elsewhere\nx = 1.0\ny = x * x\n", "--out is not allowed"),
        ("# micrograd-diagrams: --rankdir \"TB\nx = 1.0\ny = x * x\n", "line 1: the quote \" is not closed"),
        ("x = 1.0\ny = x * \n", "y = x *"),
    ])
    func malformedFilesAreNamed(text: String, message: String) throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(text, to: folder.appendingPathComponent("bad.mg"))
        let result = try micrograd(["diagrams", folder.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("bad.mg"), "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(Self.files(in: folder) == ["bad.mg"])
    }

    @Test func badCommandLines() throws {
        #expect(try micrograd(["diagrams"]).status == 64)
        let missing = try micrograd(["diagrams", "/nonexistent/folder"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no folder /nonexistent/folder"))
        let empty = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let nothing = try micrograd(["diagrams", empty.path])
        #expect(nothing.status == 1)
        #expect(nothing.standardError.contains("nothing to draw"))
    }

    @Test func headerLinesEndAtTheFirstStatement() throws {
        let text = """
            \u{FEFF}# A title
            #micrograd-diagrams: --stage after
              # micrograd-diagrams: --theme 'dark' --precision 2\r

            x = 1.0
            # micrograd-diagrams: --rankdir TB
            """
        #expect(try DiagramHeader.options(in: text) == ["--stage", "after", "--theme", "dark", "--precision", "2"])
    }

    @Test func optionWordsKeepQuotedSpaces() throws {
        #expect(try OptionWords.split("  --a 'b c'\t\"d\"e  ''") == ["--a", "b c", "de", ""])
        #expect(throws: OptionWords.Failure.self) { try OptionWords.split("--a 'b") }
    }

    @Test func configurationLines() throws {
        let text = "# comment\n--theme dark\n\ntrain moons --snapshot-every 0  # plots\n--stage after\r\n"
        let configuration = try DiagramsConfiguration.parse(text, path: "c.conf")
        #expect(configuration.options == ["--theme", "dark", "--stage", "after"])
        #expect(configuration.commandLines == [["train", "moons", "--snapshot-every", "0"]])
        #expect(throws: CLIError.self) { try DiagramsConfiguration.parse("render x.dot\n", path: "c.conf") }
        do {
            _ = try DiagramsConfiguration.parse("--a\nrm -rf /\n", path: "c.conf")
            Issue.record("an unknown command is accepted")
        } catch {
            #expect(error.message.hasPrefix("c.conf:2: 'rm'"))
        }
    }
}
