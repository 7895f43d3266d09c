import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradLanguage

/// Issue 9, item 1: flat chains (`b = a+a+…+a`) are read, evaluated and freed by loops, so
/// any program within the documented limits runs without exhausting the stack.
@Suite("Long flat chains in .mg programs")
struct LongChainTests {
    /// `b = a <op> a <op> … a` with `terms` terms.
    static func chain(_ op: String, terms: Int, value: Double = 1) -> String {
        "a = \(value)\nb = " + Array(repeating: "a", count: terms).joined(separator: op) + "\n"
    }

    /// With a = 1, each chain's derivative by a follows from its term count n:
    /// n·a for a sum, 1 - (n - 1) for a difference, n·aⁿ⁻¹ for a product, (2 - n)·a¹⁻ⁿ for a quotient.
    @Test(arguments: [
        ("+", 15_400.0, 15_400.0), ("-", -15_398.0, -15_398.0), ("*", 1.0, 15_400.0), ("/", 1.0, -15_398.0),
    ])
    func chainsOfFifteenThousandTermsBuildAndDifferentiate(op: String, data: Double, grad: Double) throws {
        let network = ScalarNetwork(try NetworkProgram(text: Self.chain(op, terms: 15_400), source: "chain.mg").build())
        #expect(network.output.data == data)
        network.output.backward()
        #expect(network.leaves.map(\.name) == ["a"])
        #expect(isClose(network.leaves[0].value.grad, grad, tolerance: 1e-9))
        let snapshot = network.output.snapshot()
        #expect(snapshot.nodes.count == 15_400, "one leaf and 15,399 operations")
    }

    /// The largest chain the value limit allows builds; one more term is refused with a message.
    @Test func chainsUpToTheValueLimit() throws {
        let terms = NetworkProgram.maximumValues - 10
        let network = ScalarNetwork(try NetworkProgram(text: Self.chain("+", terms: terms), source: "big.mg").build())
        network.output.backward()
        #expect(network.leaves[0].value.grad == Double(terms))
        let tooMany = Self.chain("+", terms: NetworkProgram.maximumValues + 100)
        let error = try #require(throws: NetworkFileError.self) {
            try NetworkProgram(text: tooMany, source: "big.mg").build()
        }
        #expect(error.message.contains("more than \(NetworkProgram.maximumValues) values"))
    }

    /// Leaves count against the value limit too: 200,001 one-line assignments are refused.
    @Test func leavesCountAgainstTheValueLimit() throws {
        let text = String(repeating: "a=1\n", count: NetworkProgram.maximumValues + 1)
        let program = try NetworkProgram(text: text, source: "leaves.mg")
        let error = try #require(throws: NetworkFileError.self) { try program.build() }
        #expect(error.location == SourceLocation(line: NetworkProgram.maximumValues + 1, column: 1))
        #expect(error.message.contains("more than \(NetworkProgram.maximumValues) values"))
    }

    /// A parse error at the end of a 100,000-term chain is reported, and the partial chain freed.
    @Test func parseErrorAtTheEndOfAHundredThousandTermChain() throws {
        let text = String(Self.chain("+", terms: 100_000).dropLast()) + " +\n"
        let lineLength = text.split(separator: "\n")[1].count
        let error = try #require(throws: NetworkFileError.self) { try NetworkProgram(text: text, source: "err.mg") }
        #expect(error.location == SourceLocation(line: 2, column: lineLength + 1))
        #expect(error.message == "expected an expression after '+', found the end of the line")
        // The message shows a window of the line, not 200,000 characters.
        #expect(error.description.count < 500, "\(error.description.count) characters")
        #expect(error.description.hasSuffix("a +\n" + String(repeating: " ", count: 2 + 121) + "^"))
    }

    /// `micrograd expr` builds its program the same way.
    @Test func expressionOfSixteenThousandTerms() throws {
        let expression = Array(repeating: "a", count: 16_000).joined(separator: "+")
        let network = try NetworkProgram(expression: expression, inputs: [("a", 1)]).build()
        #expect(network.output.scalar == 16_000)
        network.output.backward()
        #expect(network.leaves[0].value.gradElements == [16_000])
    }

    /// Chains inside parentheses, calls and exponents, mixed with operators of both precedences.
    @Test func chainsInsideNestedExpressions() throws {
        let sum = Array(repeating: "a", count: 5_000).joined(separator: "+")
        let text =
            "a = 1\nb = tanh((\(sum)) * 0.0001) + pow(a, (\(Array(repeating: "1", count: 3_000).joined(separator: "+"))) / 1000)\n"
        let network = ScalarNetwork(try NetworkProgram(text: text, source: "mixed.mg").build())
        #expect(isClose(network.output.data, Foundation.tanh(0.5) + 1, tolerance: 1e-12))
        network.output.backward()
        // d/da [tanh(5000a/10^4) + a^3] = 0.5·(1 - tanh²(0.5)) + 3
        let t = Foundation.tanh(0.5)
        #expect(isClose(network.leaves[0].value.grad, 0.5 * (1 - t * t) + 3, tolerance: 1e-9))
        // The 3,000 terms of the exponent are arithmetic, not values in the graph.
        #expect(network.output.snapshot().nodes.count < 5_020)
    }

    /// The flat evaluator records values in the order the nested definition does and
    /// reports the same first error: left to right, a call checked before its arguments.
    @Test(arguments: [
        ("x = 2\ny = q + tahn(x)", 2, 5, "undefined name 'q'"),
        ("x = 2\ny = tahn(q)", 2, 5, "unknown function 'tahn'"),
        ("x = 2\ny = relu(q, x)", 2, 5, "'relu' takes one argument"),
        ("x = 2\ny = relu(tanh(q, x))", 2, 10, "'tanh' takes one argument"),
        ("x = 2\ny = x^relu(q)", 2, 7, "the exponent of '^' must be a number"),
        ("x = 2\ny = x^(1 + tahn(q))", 2, 12, "the exponent of '^' must be a number"),
        ("x = 2\ny = pow(x, x)", 2, 12, "the exponent of 'pow' must be a number"),
        ("x = 2\ny = pow(q, x)", 2, 9, "undefined name 'q'"),
    ])
    func firstErrorIsTheOneReadingFromTheLeftFinds(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(throws: NetworkFileError.self) {
            try NetworkProgram(text: text, source: "t.mg").build()
        }
        #expect(error.location == SourceLocation(line: line, column: column), "\(error)")
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    /// Exponents are folded to numbers and record nothing; everything else records one value per operation.
    @Test func graphShapeOfPowers() throws {
        let network = ScalarNetwork(
            try NetworkProgram(text: "x = 2\ny = x^(2 * 3 - 4) + pow(x, -(1))", source: "t.mg").build())
        #expect(network.output.data == 4.5)
        let snapshot = network.output.snapshot()
        // x, x^2, x^-1, and their sum: the exponents' numbers are not nodes.
        #expect(snapshot.nodes.count == 4)
    }
}
