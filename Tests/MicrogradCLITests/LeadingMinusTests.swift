import Foundation
import MicrogradTestSupport
import Testing

@testable import MicrogradCLI

/// Issue 9, item 17: an expression or a number that starts with `-` works as users type it.
@Suite("Arguments that start with a minus")
struct LeadingMinusTests {
    /// Runs `micrograd expr` in a fresh directory and returns the output row of its table.
    static func outputRow(_ arguments: [String]) throws -> (result: CLIResult, row: [String]) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["expr"] + arguments + ["--format", "json", "--out", directory.path])
        let row = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("out ") }
        return (result, row.map { $0.split(separator: " ").map(String.init) } ?? [])
    }

    @Test(
        arguments: [
            (["-x^2", "--set", "x=3"], "-9.0000"),
            (["--set", "x=3", "-x^2"], "-9.0000"),
            (["-3*x", "--set", "x=2"], "-6.0000"),
            (["-tanh(x)", "--set", "x=0"], "0.0000"),  // "-tanh" holds an h, the short name of --help
            (["-o", "-x", "--set", "x=2"], nil),  // -o takes "-x" as the directory: no expression
            (["---x", "--set", "x=2"], "-2.0000"),
            (["--", "-x*4", "--set", "x=2"], nil),  // after a typed --, --set is an argument too
        ] as [([String], String?)])
    func expressionsThatStartWithAMinus(arguments: [String], data: String?) throws {
        let (result, row) = try Self.outputRow(arguments)
        if let data {
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            #expect(row.count == 4 && row[2] == data, "\(arguments): \(result.standardOutput)")
        } else {
            #expect(result.status == 64, "\(arguments): \(result.standardError)")
        }
    }

    @Test func aTypedTerminatorStillWorks() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["expr", "--set", "x=2", "--format", "dot", "--out", directory.path, "--", "-x*4"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("\nout   output  -8.0000"), "\(result.standardOutput)")
    }

    /// Negative numbers reach validation, which refuses them with its own message.
    @Test(arguments: [
        (["train", "moons", "--lr", "-1"], "--lr must be a positive number, like 0.05, not -1.0"),
        (["train", "moons", "--lr", "-0.5", "--steps", "1"], "--lr must be a positive number"),
        (["train", "moons", "--steps", "-5"], "--steps must be between 1 and 100000"),
        (["train", "moons", "--l2", "-1e-3"], "--l2 must be zero or a positive number, not -0.001"),
        (["train", "moons", "--points", "-3"], "--points must be between 2 and 100000"),
        (["train", "moons", "--snapshot-every", "-1"], "--snapshot-every must be zero or positive"),
        (["train", "moons", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
        (["snapshot", "neuron", "--precision", "-2"], "--precision must be between 0 and 12, not -2"),
        (["snapshot", "neuron", "--render-limit", "-1"], "--render-limit must be positive, not -1"),
        (["snapshot", "mlp-tensor", "--json-summary-above", "-2"], "--json-summary-above must be zero or positive"),
        (["expr", "x", "--set", "x=1", "--precision", "-3"], "--precision must be between 0 and 12, not -3"),
        (["expr", "--precision", "-3", "-x", "--set", "x=1"], "--precision must be between 0 and 12, not -3"),
        (["snapshot", "neuron", "--max-nodes", "-5"], "--max-nodes must be at least 1 (or none), not -5"),
        (["snapshot", "neuron", "--max-nodes", "0"], "--max-nodes must be at least 1 (or none), not 0"),
        (["snapshot", "neuron", "--depth", "-1"], "--depth must be 0 or more (or all), not -1"),
        (["snapshot", "neuron", "--focus", "w1", "--radius", "-2"], "--radius must be 0 or more (or all), not -2"),
        (["snapshot", "neuron", "--scale", "-2"], "--scale must be between 0.1 and 20, not -2.0"),
        (["snapshot", "neuron", "--font-size", "-3"], "--font-size must be between 4 and 96 points, not -3.0"),
        (["snapshot", "neuron", "--dpi", "-3"], "--dpi must be between 10 and 2400, not -3"),
        (["snapshot", "neuron", "--gradcheck", "--tolerance", "-1"], "--tolerance must be a positive number"),
        (["steps", "neuron", "--precision", "-1"], "--precision must be between 0 and 12, not -1"),
    ])
    func negativeNumbersAreRefusedByValidation(arguments: [String], message: String) throws {
        try CLIErrorTests.expectFailure(arguments, status: 64, message: message)
        let result = try micrograd(arguments)
        #expect(!result.standardError.contains("Missing value"), "\(result.standardError)")
    }

    /// The command's own list of options that take a value is the one the parser has:
    /// with a missing one, its value would be taken for an expression.
    @Test func optionsTakingValuesMatchTheParser() throws {
        let help = try micrograd(["expr", "--experimental-dump-help"])
        let root = try #require(JSONSerialization.jsonObject(with: Data(help.standardOutput.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        var options: Set<String> = []
        var shortFlags: Set<String> = []
        for argument in arguments {
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let kind = name["kind"] as? String, let text = name["name"] as? String else { return nil }
                return (kind == "short" ? "-" : "--") + text
            }
            switch argument["kind"] as? String {
            case "option": options.formUnion(names)
            case "flag": shortFlags.formUnion(names.filter { !$0.hasPrefix("--") })
            default: break
            }
        }
        #expect(options == ExprCommand.optionsTakingValues)
        #expect(shortFlags.isSubset(of: ExprCommand.flags))
    }

    @Test func argumentsOfOtherCommandsAreLeftAlone() {
        let arguments = ["snapshot", "-x", "--theme", "dark"]
        #expect(ExprCommand.movingExpressionsBehindTerminator(arguments) == arguments)
        #expect(
            ExprCommand.movingExpressionsBehindTerminator(["expr", "--name", "-n", "-x", "--set", "x=1"])
                == ["expr", "--name", "-n", "--set", "x=1", "--", "-x"])
        #expect(
            ExprCommand.movingExpressionsBehindTerminator(["expr", "--sett", "x=1", "-y", "--", "z"])
                == ["expr", "--sett", "x=1", "--", "-y", "z"])
    }
}
