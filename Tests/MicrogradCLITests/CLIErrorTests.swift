import Foundation
import MicrogradTestSupport
import Testing

/// Bad input gets one line of cause and what to do, a non-zero exit code, and no partial output.
@Suite("Command-line errors")
struct CLIErrorTests {
    /// Runs the CLI in a fresh directory and checks it failed cleanly: the exit code,
    /// a message on standard error, nothing on standard output, no file written.
    static func expectFailure(
        _ arguments: [String], status: Int32, message: String, setUp: (URL) throws -> Void = { _ in },
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try setUp(directory)
        let before = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
        let result = try micrograd(arguments, in: directory)
        #expect(result.status == status, "exit status for \(arguments)", sourceLocation: sourceLocation)
        #expect(result.standardError.contains(message), "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)", sourceLocation: sourceLocation)
        let after = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
        #expect(Set(after) == Set(before), "no output files", sourceLocation: sourceLocation)
    }

    @Test func unknownSampleListsTheRealOnesAndSuggestsTheNearest() throws {
        try Self.expectFailure(
            ["snapshot", "nueron"], status: 64,
            message:
                "error: unknown sample 'nueron' (did you mean 'neuron'?); the samples are linear-regression, "
                + "linear-regression-tensor, mlp, mlp-tensor, neuron")
    }

    @Test func missingFile() throws {
        try Self.expectFailure(
            ["snapshot", "missing.mg"], status: 1, message: "error: cannot read 'missing.mg': no such file")
        try Self.expectFailure(
            ["render", "missing.dot"], status: 1, message: "error: cannot read 'missing.dot': no such file")
    }

    @Test func directoryThatCannotBeWritten() throws {
        try Self.expectFailure(
            ["snapshot", "neuron", "--out", "taken"], status: 1, message: "'taken' is a file, not a directory",
            setUp: { directory in try Data("x".utf8).write(to: directory.appendingPathComponent("taken")) })
        try Self.expectFailure(
            ["snapshot", "neuron", "--out", "taken/inner"], status: 1, message: "choose another --out",
            setUp: { directory in try Data("x".utf8).write(to: directory.appendingPathComponent("taken")) })
        // Permission bits do not stop root, who may run these tests; /proc stops everyone.
        try Self.expectFailure(
            ["snapshot", "neuron", "--out", "/proc/micrograd"], status: 1, message: "choose another --out")
    }

    @Test func unknownFormatThemeAndValues() throws {
        try Self.expectFailure(
            ["snapshot", "neuron", "--format", "svg,jpg"], status: 64, message: "unknown format 'jpg'")
        try Self.expectFailure(["snapshot", "neuron", "--format", "pnf"], status: 64, message: "(did you mean 'pdf'?)")
        try Self.expectFailure(
            ["snapshot", "neuron", "--theme", "neon"], status: 64,
            message: "'light', 'dark', 'print', 'slide' or 'auto'")
        try Self.expectFailure(
            ["snapshot", "neuron", "--precision", "40"], status: 64, message: "--precision must be between 0 and 12")
        try Self.expectFailure(["snapshot", "neuron", "--rankdir", "up"], status: 64, message: "--rankdir")
        try Self.expectFailure(["render", "x.dot", "--format", "gif"], status: 64, message: "'svg', 'png' or 'pdf'")
        try Self.expectFailure(
            ["train", "moons", "--steps", "0"], status: 64, message: "--steps must be between 1 and 100000")
        try Self.expectFailure(
            ["train", "moons", "--model", "2,16,x,1"], status: 64, message: "is not a list of layer sizes")
        try Self.expectFailure(
            ["train", "spiral", "--model", "2,8,1"], status: 64, message: "spiral has 3 classes; end it with 3")
        try Self.expectFailure(
            ["train", "galaxy"], status: 64,
            message: "The value 'galaxy' is invalid for '<dataset>'. Please provide one of the following:\n  - moons")
        try Self.expectFailure(
            ["train", "moons", "--optimizer", "rmsprop"], status: 64, message: "'sgd', 'momentum', 'adam' or 'adamw'")
        try Self.expectFailure(
            ["train", "moons", "--schedule", "exponential"], status: 64,
            message: "'constant', 'linear', 'cosine' or 'step'")
        try Self.expectFailure(["train", "moons", "--lr=-1"], status: 64, message: "--lr must be a positive number")
        try Self.expectFailure(
            ["train", "moons", "--lr", "nan"], status: 64, message: "--lr must be a positive number")
        try Self.expectFailure(
            ["train", "linear-regression", "--model", "3,1"], status: 64,
            message: "--model does not apply to linear-regression")
        try Self.expectFailure(
            ["train", "moons", "--engine", "tensor", "--model", "2,5000,1", "--points", "10000"], status: 64,
            message: "makes activations of over 20 million numbers per layer")
        try Self.expectFailure(
            ["train", "linear-regression", "--engine", "scalar"], status: 64,
            message: "linear-regression runs on the tensor engine")
        try Self.expectFailure(
            ["snapshot", "mlp-tensor", "--json-summary-above=-2"], status: 64,
            message: "--json-summary-above must be zero or positive")
        try Self.expectFailure(["frobnicate"], status: 64, message: "Unexpected argument 'frobnicate'")
    }

    @Test func malformedSet() throws {
        try Self.expectFailure(
            ["expr", "x * 2", "--set", "x2"], status: 64, message: "malformed --set entry 'x2'; write name=value pairs")
        try Self.expectFailure(
            ["expr", "x * 2", "--set", "x=two"], status: 64, message: "'two' in --set x=two is not a number")
        try Self.expectFailure(["expr", "x * 2", "--set", "x=1,x=2"], status: 64, message: "--set gives 'x' twice")
        try Self.expectFailure(["expr", "x * 2", "--set", "2x=1"], status: 64, message: "'2x' in --set is not a name")
    }

    @Test func setNameTheExpressionDoesNotUse() throws {
        try Self.expectFailure(
            ["expr", "x * 2", "--set", "x=1,y=3"], status: 64,
            message: "--set gives 'y', which the expression does not use")
        try Self.expectFailure(
            ["expr", "x * w", "--set", "x=1"], status: 64,
            message: "<expression>:1:5: error: undefined name 'w'; give it a value with --set w=...")
    }

    @Test func malformedNetworkFileNamesLineAndColumn() throws {
        try Self.expectFailure(
            ["snapshot", "broken.mg"], status: 1,
            message:
                "broken.mg:3:8: error: expected an expression after '+', found the end of the line\n  y = x +\n         ^",
            setUp: { directory in
                try Data("# a broken file\nx = 2\ny = x +\n".utf8).write(
                    to: directory.appendingPathComponent("broken.mg"))
            })
    }

    @Test func brokenDOTLeavesNoImage() throws {
        try Self.expectFailure(
            ["render", "bad.dot", "--format", "png"], status: 1, message: "Graphviz could not read the DOT text",
            setUp: { directory in
                try Data("digraph { a -> ".utf8).write(to: directory.appendingPathComponent("bad.dot"))
            })
    }

    @Test func graphTooBigToDrawIsRefusedBeforeWriting() throws {
        try Self.expectFailure(
            ["snapshot", "readme", "--render-limit", "10"], status: 1,
            message: "the graph has 33 values; laying out more than 10 as an image is slow")
    }

    /// A NaN result is drawn as NaN, with a warning; it is not an error.
    @Test func nanResultIsRenderedNotACrash() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(
            ["expr", "log(x) * w", "--set", "x=-1,w=2", "--format", "svg,json", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("warning: out is NaN"))
        let svg = try String(contentsOf: directory.appendingPathComponent("expr-after.svg"), encoding: .utf8)
        #expect(svg.contains("data NaN"))
        #expect(
            try String(contentsOf: directory.appendingPathComponent("expr-after.json"), encoding: .utf8).contains(
                "\"NaN\""))
        let row = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("out ") }.map(String.init) ?? ""
        #expect(row.contains("output") && row.contains("NaN"), "\(result.standardOutput)")
    }
}
