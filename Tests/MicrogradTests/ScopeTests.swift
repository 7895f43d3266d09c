import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("Module scopes")
struct ScopeTests {
    @Test func valuesRecordTheScopeTheyAreCreatedIn() {
        let outside = Value(1.0)
        let (inner, middle) = withScope("outer") {
            let middle = outside * 2
            let inner = withScope("inner") { middle + 1 }
            return (inner, middle)
        }
        let after = outside + 1
        #expect(outside.scope == "")
        #expect(middle.scope == "outer")
        #expect(inner.scope == "outer/inner")
        #expect(after.scope == "")
        #expect(inner.snapshot().root.scope == ["outer", "inner"])
    }

    @Test func scopeIsRestoredWhenTheBodyThrows() {
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try withScope("failing") { throw Failure() }
        }
        #expect(Value(1).scope == "")
    }

    @Test func modulesRecordTheirOwnScopes() {
        let model = MLP(3, [4, 2], seed: 11)
        #expect(model.layers.count == 2)
        let neuron = model.layers[1].neurons[1]
        #expect(neuron.weights.map(\.label) == ["w0", "w1", "w2", "w3"])
        #expect(neuron.bias.label == "b")
        #expect(neuron.weights.allSatisfy { $0.role == .parameter && $0.scope == "mlp/layer1/neuron1" })
        // A module records its forward pass in its own scope wherever it is called.
        let output = withScope("caller") { model([1, 2, 3].map { Value($0) }) }
        #expect(output[1].scope == "mlp/layer1/neuron1")
    }
}
