import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("Graphs a million operations deep")
struct DeepGraphTests {
    /// Python micrograd dies near depth 1,000 with RecursionError; a naive Swift design
    /// overflows the stack when such a graph is freed. Building, backpropagating and
    /// freeing must all work without recursion.
    @Test func millionDeepChainBuildsBackpropagatesAndFrees() {
        let depth = 1_000_000
        let factor = 1.000001
        let x = Value(1.0)
        var chain = x
        for _ in 0..<depth {
            chain = chain * factor
        }
        chain.backward()
        // d(x·f^n)/dx = f^n ≈ e.
        #expect(isClose(x.grad, pow(factor, Double(depth)), tolerance: 1e-9))
        #expect(isClose(chain.data, pow(factor, Double(depth)), tolerance: 1e-9))

        let chainTapes = chain.tape.withDependencies().filter { $0 !== x.tape }.map(WeakTape.init)
        #expect(chainTapes.count >= depth / Tape.capacity)
        chain = Value(0)  // drops the only handle to the chain's last node
        #expect(chainTapes.allSatisfy { $0.tape == nil }, "the chain's tapes are freed once nothing refers to them")
    }

    @Test func deepUnaryChainOfTanh() {
        let x = Value(0.5)
        var y = x
        for _ in 0..<200_000 { y = y.tanh() }
        y.backward()
        // Check against the chain rule evaluated directly.
        var value = 0.5
        var derivative = 1.0
        for _ in 0..<200_000 {
            value = tanh(value)
            derivative *= 1 - value * value
        }
        #expect(isClose(y.data, value, tolerance: 1e-12))
        #expect(isClose(x.grad, derivative, tolerance: 1e-9))
    }
}

@Suite("Recording across many tapes")
struct ManyTapeTests {
    /// `sum()` records its chain without a handle per intermediate; with 20,000 terms
    /// the chain spans several tapes, which must all stay alive and be ordered.
    @Test func sumSpanningSeveralTapes() {
        let terms = (0..<20_000).map { Value(Double($0 % 7) - 3, label: "t\($0)") }
        let squares = terms.map { $0 * $0 }
        let total = squares.sum()
        #expect(total.data == squares.reduce(0) { $0 + $1.data })
        #expect(total.tape.withDependencies().count >= 5)
        total.backward()
        for (i, term) in terms.enumerated() where i % 997 == 0 {
            #expect(term.grad == 2 * term.data)
        }
        #expect(total.snapshot().nodes.count == 20_000 * 2 + 19_999)
    }

    /// A neuron with 5,000 inputs fills more than one tape inside one forward pass.
    @Test func wideNeuronSpanningTapes() {
        var generator = SeededGenerator(seed: 1)
        let neuron = Neuron(5_000, nonlinearity: .tanh, using: &generator)
        let x = (0..<5_000).map { Value(Double($0 % 11) / 50 - 0.1) }
        let output = neuron(x)
        let expected = Foundation.tanh(zip(neuron.weights, x).reduce(neuron.bias.data) { $0 + $1.0.data * $1.1.data })
        #expect(isClose(output.data, expected, tolerance: 1e-12))
        output.backward()
        let slope = 1 - expected * expected
        #expect(isClose(neuron.weights[4_321].grad, slope * x[4_321].data, tolerance: 1e-12))
        #expect(isClose(x[17].grad, slope * neuron.weights[17].data, tolerance: 1e-12))
    }
}
