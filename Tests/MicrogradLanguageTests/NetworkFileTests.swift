import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradLanguage

@Suite("The .mg network file language")
struct NetworkFileTests {
    static func build(_ text: String) throws -> ScalarNetwork {
        ScalarNetwork(try NetworkProgram(text: text, source: "test.mg").build())
    }

    static func error(_ text: String) -> NetworkFileError? {
        do {
            _ = try build(text)
            return nil
        } catch let error as NetworkFileError {
            return error
        } catch {
            return nil
        }
    }

    @Test func lectureExampleBuildsAndNamesItsValues() throws {
        let network = try Self.build(
            """
            # nn-zero-to-hero, lecture 1
            a = 2.0
            b = -3.0
            c = 10.0
            e = a * b
            d = e + c
            f = -2.0
            L = d * f
            """)
        #expect(network.output.data == -8)
        #expect(network.outputName == "L")
        #expect(network.output.label == "L")
        #expect(network.leaves.map(\.name) == ["a", "b", "c", "f"])
        #expect(network.leaves.allSatisfy { $0.value.role == .input })
        network.output.backward()
        #expect(network.leaves.map(\.value.grad) == [6, -4, -2, 4])
        #expect(network.output.inputs[0].label == "d")
    }

    @Test func powerBindsTighterThanUnaryMinusAndGroupsFromTheRight() throws {
        #expect(try Self.build("x = 3\ny = -x^2").output.data == -9)
        #expect(try Self.build("x = 2\ny = x^3^2").output.data == 512)  // 2^9
        #expect(try Self.build("x = 2\ny = x**-1").output.data == 0.5)
        #expect(try Self.build("x = 4\ny = pow(x, 1/2)").output.data == 2)
        #expect(try Self.build("x = 2\ny = (-x)^2").output.data == 4)
        #expect(try Self.build("x = 2\ny = 1 - x * 3 + 8 / 4").output.data == -3)
        #expect(try Self.build("x = 2\ny = -(x + 1) * 2").output.data == -6)
    }

    @Test func parametersOutputsAndReassignment() throws {
        let network = try Self.build(
            """
            param w = 0.5   # a weight
            x = 3
            c = x * w
            c = c + 1       # binds c to a new node
            z = c * 2
            output c
            """)
        #expect(network.outputName == "c")
        #expect(network.output.data == 2.5)
        #expect(network.leaves.map(\.value.role) == [.parameter, .input])
        #expect(network.output.inputs[0].label == "c", "the first c is still in the graph, named c")
        #expect(network.output.inputs[1].role == .constant)
    }

    @Test func functions() throws {
        let network = try Self.build("x = 0.5\ny = relu(x) + tanh(x) + exp(x) + log(x) + sigmoid(x)")
        let x = 0.5
        #expect(
            isClose(
                network.output.data,
                x + Foundation.tanh(x) + Foundation.exp(x) + Foundation.log(x) + 1 / (1 + Foundation.exp(-x))))
    }

    @Test func errorsNameTheLineAndColumnAndShowACaret() throws {
        let error = try #require(Self.error("x1 = 2\nw1 = -3\nn = x1 * w2\n"))
        #expect(error.location == SourceLocation(line: 3, column: 10))
        #expect(
            error.description == """
                test.mg:3:10: error: undefined name 'w2' (did you mean 'w1'?); assign it first, like 'w2 = 1.0'
                  n = x1 * w2
                           ^
                """)
    }

    @Test(arguments: [
        ("x = 2\ny = tahn(x)", 2, 5, "unknown function 'tahn' (did you mean 'tanh'?)"),
        ("x = 2\ny = x +", 2, 8, "expected an expression after '+', found the end of the line"),
        ("x = 2\ny = x * * 3", 2, 9, "expected a number, a name or '(', found '*'"),
        ("x = 1.2.3", 1, 5, "bad number '1.2.3'"),
        ("x = 2x", 1, 5, "bad number '2x'"),
        ("x = 2 @ 3", 1, 7, "unexpected character '@'"),
        ("x = (2 + 3", 1, 11, "expected ')' to match the '(' at column 5"),
        ("x = 2\ny = relu(x, x)", 2, 5, "'relu' takes one argument"),
        ("x = 2\ny = x^x", 2, 7, "the exponent of '^' must be a number"),
        ("x = 2\nparam w = x + 1", 2, 7, "a parameter needs a plain number"),
        ("tanh = 3", 1, 1, "'tanh' is a function and cannot be assigned to"),
        ("x = 2\ny = tanh", 2, 5, "'tanh' is a function; call it like 'tanh(x)'"),
        ("x = 2 3", 1, 7, "expected the end of the line after the statement, found the number 3.0"),
        ("= 3", 1, 1, "expected a statement like 'name = expression', found '='"),
        ("x 3", 1, 3, "expected '=' after 'x', found the number 3.0"),
        ("# only a comment\n", 1, 1, "no statements"),
        ("x = 2\noutput y", 2, 8, "undefined name 'y'"),
    ])
    func errorCases(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(Self.error(text), "\(text.debugDescription) must not build")
        #expect(error.location == SourceLocation(line: line, column: column), "\(error)")
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    @Test func hostileFilesAreStoppedByLimits() throws {
        let deep = "x = " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        #expect(Self.error(deep)?.message.contains("nests more than") == true)
        let unaryChain = "x = " + String(repeating: "-", count: 100_000) + "1"
        #expect(Self.error(unaryChain)?.message.contains("nests more than") == true)
        let big = String(repeating: "# padding\n", count: 120_000) + "x = 1"
        #expect(Self.error(big)?.message.contains("larger than 1 MB") == true)
        var many = "x = 1\n"
        for i in 0..<12_000 { many += "y\(i) = x*x + x*x + x*x + x*x + x*x + x*x + x*x + x*x + x*x + x*x\n" }
        #expect(Self.error(many)?.message.contains("more than 200000 values") == true)
    }

    @Test func nonFiniteResultsBuild() throws {
        let network = try Self.build("x = -1\ny = log(x) / 0")
        #expect(network.output.data.isNaN)
        network.output.backward()
        #expect(network.leaves[0].value.grad == -.infinity, "(1/x) / 0 with x = -1")
    }

    @Test func expressionsForTheExprCommand() throws {
        let program = try NetworkProgram(
            expression: "tanh(x1*w1 + b)", inputs: [("x1", 2), ("w1", -3), ("b", 6.8813735870195432)])
        #expect(program.referencedNames == ["x1", "w1", "b"])
        let network = try program.build()
        #expect(isClose(network.output.scalar, 0.7071067811865477, tolerance: 1e-12))
        #expect(network.leaves.map(\.name) == ["x1", "w1", "b"])
        let error = Result { try NetworkProgram(expression: "x + y", inputs: [("x", 1)]).build() }
        guard case .failure(let failure) = error, let undefined = failure as? NetworkFileError else {
            Issue.record("y is undefined, so the expression must not build")
            return
        }
        #expect(undefined.description.hasPrefix("<expression>:1:5: error: undefined name 'y'"))
        #expect(undefined.message.hasSuffix("give it a value with --set y=..."))
    }

    @Test func suggestionsOnlyForLikelyTypos() {
        #expect(Suggestions.nearest(to: "tahn", in: ["tanh", "relu"]) == "tanh")
        #expect(Suggestions.nearest(to: "nueron", in: ["neuron", "mlp"]) == "neuron")
        #expect(Suggestions.nearest(to: "zzzz", in: ["neuron", "mlp"]) == nil)
        #expect(Suggestions.distance("kitten", "sitting") == 3)
    }
}
