import Testing

@testable import Micrograd
@testable import MicrogradLanguage

/// Issue 9, item 20: what a new user writing a `.mg` file first runs into.
@Suite("The .mg language for a new user")
struct UsabilityTests {
    static func error(_ text: String) throws -> NetworkFileError {
        try #require(throws: NetworkFileError.self) { try NetworkProgram(text: text, source: "t.mg").build() }
    }

    static func warnings(_ text: String) throws -> [NetworkFileWarning] {
        try NetworkProgram(text: text, source: "t.mg").warnings
    }

    @Test(arguments: [
        ("parm w = 1", "param"), ("cnst k = 1", "const"), ("outptu y", "output"), ("Param w = 1", "param"),
    ])
    func misspeltKeywordsAreNamed(text: String, keyword: String) throws {
        let error = try Self.error("y = 1\n" + text)
        #expect(error.location == SourceLocation(line: 2, column: 1))
        #expect(error.message.hasPrefix("unknown keyword '\(text.prefix { $0 != " " })' (did you mean '\(keyword)'?)"))
    }

    @Test func twoNamesThatAreNoKeywordGetTheUsualMessage() throws {
        #expect(try Self.error("x y = 1").message == "expected '=' after 'x', found 'y'")
    }

    @Test func operatorsAreNamedAsWritten() throws {
        #expect(
            try Self.error("x = 2\ny = x ** x").message.hasPrefix("the exponent of '**' must be a number, like 'x**2'"))
        #expect(
            try Self.error("x = 2\ny = x ^ x").message.hasPrefix("the exponent of '^' must be a number, like 'x^2'"))
        #expect(
            try Self.error("x = 2\ny = x **").message == "expected an expression after '**', found the end of the line")
        #expect(try Self.error("x = 2\ny = x * ** 2").message == "expected a number, a name or '(', found '**'")
        #expect(try Self.error("x = 2\ny = x ** * 2").message == "expected a number, a name or '(', found '*'")
    }

    @Test func constNamesAConstant() throws {
        let network = ScalarNetwork(
            try NetworkProgram(
                text: "const target = 0.8\nparam w = 0.5\nx = 2\nloss = (x * w - target)^2", source: "t.mg"
            ).build())
        #expect(isCloseEnough(network.output.data, 0.04))
        // Inputs and parameters are the leaves; the constant is not one.
        #expect(network.leaves.map(\.name) == ["w", "x"])
        let snapshot = network.output.snapshot()
        let target = try #require(snapshot.nodes.first { $0.label == "target" })
        #expect(target.role == .constant)
        #expect(target.op == nil)
        let error = try Self.error("x = 1\nconst k = x + 1")
        #expect(error.message == "a constant needs a plain number, like 'const k = 0.8'")
        #expect(
            ScalarNetwork(try NetworkProgram(text: "const k = -2\ny = k * 3", source: "t.mg").build()).output.data == -6
        )
        // `const` and `param` stay usable as names where no name follows them.
        #expect(
            ScalarNetwork(try NetworkProgram(text: "const = 2\nparam = const * 3", source: "t.mg").build()).output.data
                == 6)
    }

    @Test func unusedNamesAreWarningsWithTheirLocation() throws {
        let warnings = try Self.warnings(
            """
            x = 2
              param w = 0.5
            unused = 3
            c = x * w
            c = c + 1
            d = x
            d = 4
            out = c * d
            """)
        #expect(
            warnings.map(\.location) == [SourceLocation(line: 3, column: 1), SourceLocation(line: 6, column: 1)])
        #expect(
            warnings.map(\.message) == [
                "'unused' is assigned but never used",
                "the value assigned to 'd' is never used: line 7 assigns it again first",
            ])
        #expect(
            warnings[0].description == "t.mg:3:1: warning: 'unused' is assigned but never used\n  unused = 3\n  ^")
        // A warning is no error: the program builds.
        #expect(throws: Never.self) {
            try NetworkProgram(text: "x = 2\nunused = 3\ny = x * x", source: "t.mg").build()
        }
    }

    @Test func theOutputCountsAsUsed() throws {
        #expect(try Self.warnings("a = 1\nb = a * 2").isEmpty)
        #expect(
            try Self.warnings("a = 1\nb = a * 2\nc = b + 1\noutput b").map(\.message) == [
                "'c' is assigned but never used"
            ])
        // `output NAME` means the name's last value.
        #expect(try Self.warnings("a = 1\nb = a\noutput b\nb = a * 2").map(\.location.line) == [2])
    }

    @Test func theSamplesHaveNoWarnings() throws {
        for file in EmbeddedSamples.files {
            let program = try NetworkProgram(text: file.text, source: file.name + ".mg")
            #expect(program.warnings.isEmpty, "\(file.name): \(program.warnings.map(\.description))")
        }
    }

    @Test func expressionsHaveNoWarnings() throws {
        #expect(try NetworkProgram(expression: "x * 2", inputs: [("x", 1)]).warnings.isEmpty)
    }

    private func isCloseEnough(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }
}
