import Foundation
import MicrogradTestSupport
import Testing

/// Issue 9, items 1, 12, 13, 19 and 20 through the command line: `.mg` files and
/// expressions a hostile or new user feeds `micrograd`, rebuilt from the words.
@Suite("Hostile and unusual network files")
struct HostileNetworkFileTests {
    /// Writes `files` into a fresh directory, runs `micrograd` there, and removes it.
    static func run(_ arguments: [String], files: [String: Data]) throws -> CLIResult {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, data) in files { try data.write(to: directory.appendingPathComponent(name)) }
        return try micrograd(arguments, in: directory)
    }

    static func chain(_ op: String, terms: Int) -> String {
        "a = 1\nb = " + Array(repeating: "a", count: terms).joined(separator: op) + "\n"
    }

    /// Item 1: `b = a+a+…` with 15,400 terms (a 30 KB file) crashed the evaluator, and so did `- * /`.
    @Test(arguments: ["+", "-", "*", "/"])
    func flatChainsOfFifteenThousandTerms(op: String) throws {
        let result = try Self.run(
            ["snapshot", "chain.mg", "--format", "dot", "--out", "out"],
            files: ["chain.mg": Data(Self.chain(op, terms: 15_400).utf8)])
        #expect(result.status == 0, "\(result.standardError.prefix(500))")
        #expect(result.standardOutput.contains("wrote out/chain-after.dot"))
    }

    /// Item 1: a parse error at the end of a 100,000-term chain crashed while freeing the tree.
    @Test func parseErrorInAHundredThousandTermChain() throws {
        let text = String(Self.chain("+", terms: 100_000).dropLast()) + " +\n"
        let result = try Self.run(["snapshot", "chain.mg"], files: ["chain.mg": Data(text.utf8)])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("chain.mg:2:200006: error: expected an expression after '+'"))
        #expect(result.standardError.count < 600, "a window of the line, not all of it")
        #expect(result.standardOutput.isEmpty)
    }

    /// Item 1: `micrograd expr "a+a+…(16,000 terms)" --set a=1`.
    @Test func expressionOfSixteenThousandTerms() throws {
        let expression = Array(repeating: "a", count: 16_000).joined(separator: "+")
        let result = try Self.run(["expr", expression, "--set", "a=1", "--format", "dot", "--out", "out"], files: [:])
        #expect(result.status == 0, "\(result.standardError.prefix(500))")
        #expect(result.standardOutput.contains("a     input       1.0000  16000.0000"), "\(result.standardOutput)")
    }

    /// Item 12: a 40 KB file with a long undefined name next to a long defined one took 23 s
    /// and 3.1 GB; with 400,000-character names it aborted on allocation.
    @Test(arguments: [20_000, 400_000])
    func longUndefinedNameNextToALongDefinedOne(length: Int) throws {
        let defined = String(repeating: "a", count: length)
        let typed = String(repeating: "a", count: length - 1) + "b"
        let result = try Self.run(
            ["snapshot", "long.mg"], files: ["long.mg": Data("\(defined) = 1\ny = \(typed)\n".utf8)])
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: undefined name 'aaaa"))
        #expect(result.standardError.contains("(\(length) characters); assign it first, like 'NAME = 1.0'"))
        #expect(result.standardError.count < 1_000)
    }

    /// Item 13: the table padded every row to the longest name (a 212 KB file wrote 200 MB).
    @Test func resultsTableCutsLongNames() throws {
        let long = String(repeating: "L", count: 100_000)
        var lines = ["\(long) = 1"] + (0..<2_000).map { "x\($0) = \($0)" }
        lines.append("y = \(long) + " + (0..<2_000).map { "x\($0)" }.joined(separator: " + "))
        let result = try Self.run(
            ["snapshot", "table.mg", "--format", "json", "--out", "out"],
            files: ["table.mg": Data(lines.joined(separator: "\n").utf8)])
        #expect(result.status == 0, "\(result.standardError.prefix(500))")
        let table = result.standardOutput.split(separator: "\n").dropFirst(2)
        #expect(table.count == 2_003, "header, output, 2,001 leaves")
        #expect(table.allSatisfy { $0.count <= 80 }, "\(table.map(\.count).max() ?? 0) characters")
        #expect(table.contains { $0.hasPrefix(String(repeating: "L", count: 39) + "…  input") })
        #expect(result.standardOutput.utf8.count < 200_000)
    }

    /// Item 19: CR LF files failed with "unexpected character '\r\n'", a raw CR LF in the message.
    @Test func crlfFileWithByteOrderMarkDrawsLikeTheLFOne() throws {
        let lines = ["# a neuron", "x = 2.0", "param w = -3.0", "n = tanh(x * w + 1)"]
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(lines.joined(separator: "\n").utf8).write(to: directory.appendingPathComponent("lf.mg"))
        try Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8).write(
            to: directory.appendingPathComponent("crlf.mg"))
        for name in ["lf", "crlf"] {
            let result = try micrograd(["snapshot", name + ".mg", "--format", "dot", "--out", "out"], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardError.isEmpty)
        }
        let lf = try String(contentsOf: directory.appendingPathComponent("out/lf-after.dot"), encoding: .utf8)
        let crlf = try String(contentsOf: directory.appendingPathComponent("out/crlf-after.dot"), encoding: .utf8)
        #expect(lf == crlf)
    }

    @Test func controlCharactersInFilesAndNamesAreEscaped() throws {
        try CLIErrorTests.expectFailure(
            ["snapshot", "bad.mg"], status: 1,
            message:
                "bad.mg:2:8: error: expected an expression after '+', found the end of the line\n  y = x +\n         ^",
            setUp: { try Data("x = 2\r\ny = x +\r\n".utf8).write(to: $0.appendingPathComponent("bad.mg")) })
        try CLIErrorTests.expectFailure(
            ["snapshot", "ctl.mg"], status: 1,
            message: "ctl.mg:1:7: error: unexpected character '\\u{1B}'\n  x = 2 \\u{1B}[2J\n        ^",
            setUp: { try Data("x = 2 \u{1B}[2J\n".utf8).write(to: $0.appendingPathComponent("ctl.mg")) })
        try CLIErrorTests.expectFailure(
            ["snapshot", "no\u{1B}[2Jsuch"], status: 64, message: "error: unknown sample 'no\\u{1B}[2Jsuch'")
        try CLIErrorTests.expectFailure(
            ["snapshot", "missing\u{7}.mg"], status: 1, message: "error: cannot read 'missing\\u{7}.mg': no such file")
        try CLIErrorTests.expectFailure(
            ["expr", "x", "--set", "x=\u{1B}1"], status: 64, message: "'\\u{1B}1' in --set x=\\u{1B}1 is not a number")
        let result = try micrograd(["snapshot", "no\u{1B}[2Jsuch\r\n"])
        #expect(!result.standardError.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    /// Item 20: a name assigned and never used is a warning with its location; the run succeeds.
    @Test func unusedNameIsAWarningOnStandardError() throws {
        let result = try Self.run(
            ["snapshot", "w.mg", "--format", "dot", "--out", "out"],
            files: ["w.mg": Data("x = 2\nparam w3 = 0.5\nconst k = 3\ny = x * k\n".utf8)])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError == "w.mg:2:7: warning: 'w3' is assigned but never used\n  param w3 = 0.5\n        ^\n")
        let rows = result.standardOutput.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["y", "output", "6.0000", "1.0000"]), "\(result.standardOutput)")
        #expect(rows.contains(["w3", "parameter", "0.5000", "0.0000"]), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("\nk "), "a constant is not listed with the inputs and parameters")
    }

    /// A file of many unused names prints the first 20 warnings and counts the rest.
    @Test func manyWarningsAreCounted() throws {
        let text = (0..<30).map { "unused\($0) = \($0)" }.joined(separator: "\n") + "\ny = 1\n"
        let result = try Self.run(
            ["snapshot", "many.mg", "--format", "dot", "--out", "out"], files: ["many.mg": Data(text.utf8)])
        #expect(result.status == 0, "\(result.standardError)")
        let warnings = result.standardError.split(separator: "\n").filter { $0.contains("warning: ") }
        #expect(warnings.count == 21)
        #expect(warnings.last == "warning: 10 more warnings not shown")
    }

    /// Item 20: a misspelt keyword and `**` are named in errors.
    @Test func misspeltKeywordAndDoubleStar() throws {
        try CLIErrorTests.expectFailure(
            ["snapshot", "k.mg"], status: 1, message: "k.mg:1:1: error: unknown keyword 'parm' (did you mean 'param'?)",
            setUp: { try Data("parm w = 1\n".utf8).write(to: $0.appendingPathComponent("k.mg")) })
        try CLIErrorTests.expectFailure(
            ["expr", "x ** x", "--set", "x=2"], status: 64,
            message: "<expression>:1:6: error: the exponent of '**' must be a number, like 'x**2'")
    }
}
