import Foundation
import MicrogradTestSupport
import Testing

/// Issue 9, item 18: every bad value of an option with a fixed set of values is a bad
/// command line: exit code 64, a message listing the values, no output.
@Suite("Bad enumerated values")
struct EnumeratedValueTests {
    @Test(arguments: [
        (["snapshot", "neuron", "--theme", "neon"], "'light', 'dark', 'print', 'slide' or 'auto'"),
        (["snapshot", "neuron", "--style", "fancy"], "'record' and 'compact'"),
        (["snapshot", "neuron", "--stage", "during"], "'before', 'after' or 'both'"),
        (["snapshot", "neuron", "--rankdir", "up"], "'LR' and 'TB'"),
        (["snapshot", "neuron", "--scopes", "maybe"], "'auto', 'on' or 'off'"),
        (["snapshot", "neuron", "--format", "gif"], "formats are svg, png, pdf, dot, json, mermaid"),
        (["snapshot", "neuron", "--format", "svg,"], "unknown format ''"),
        (["snapshot", "nosuch"], "the samples are"),
        (["expr", "x", "--set", "x=1", "--theme", "neon"], "'light', 'dark', 'print', 'slide' or 'auto'"),
        (["expr", "x", "--set", "x=1", "--style", "fancy"], "'record' and 'compact'"),
        (["expr", "x", "--set", "x=1", "--stage", "during"], "'before', 'after' or 'both'"),
        (["expr", "x", "--set", "x=1", "--rankdir", "up"], "'LR' and 'TB'"),
        (["expr", "x", "--set", "x=1", "--scopes", "maybe"], "'auto', 'on' or 'off'"),
        (["expr", "x", "--set", "x=1", "--format", "jpg"], "unknown format 'jpg'"),
        (["train", "galaxy"], "- moons"),
        (["train", "moons", "--optimizer", "rmsprop"], "'sgd', 'momentum', 'adam' or 'adamw'"),
        (["train", "moons", "--schedule", "exponential"], "'constant', 'linear', 'cosine' or 'step'"),
        (["train", "moons", "--engine", "gpu"], "'scalar' and 'tensor'"),
        (["train", "moons", "--theme", "dark"], "Unknown option '--theme'"),
        (["samples", "--bogus"], "Unknown option '--bogus'"),
    ])
    func badValueExitsWith64(arguments: [String], message: String) throws {
        try CLIErrorTests.expectFailure(arguments, status: 64, message: message)
    }

    /// Messages from the argument parser quote what the user typed with control characters escaped.
    @Test func parserMessagesEscapeControlCharacters() throws {
        try CLIErrorTests.expectFailure(
            ["snapshot", "neuron", "--theme", "\u{1B}[31mred"], status: 64,
            message: "The value '\\u{1B}[31mred' is invalid")
        let result = try micrograd(["snapshot", "neuron", "--theme", "\u{1B}[31mred\r\n"])
        #expect(!result.standardError.contains("\u{1B}"))
        #expect(!result.standardError.contains("\r"))
    }
}
