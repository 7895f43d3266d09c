import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("NaN and infinity follow IEEE 754 and never trap")
struct NonFiniteTests {
    @Test func domainErrorsGiveNaNAndInfinity() {
        #expect(Value(-1).log().data.isNaN)
        #expect(Value(0).log().data == -.infinity)
        #expect((Value(1) / Value(0)).data == .infinity)
        #expect((Value(-1) / 0).data == -.infinity)
        #expect(Value(1000).exp().data == .infinity)
        #expect(Value(-1).pow(0.5).data.isNaN)
        #expect(Value(.nan).relu().data.isNaN)
        #expect(Value(.infinity).tanh().data == 1)
        #expect(Value(-.infinity).sigmoid().data == 0)
    }

    @Test func nanPropagatesForwardAndBackward() {
        let x = Value(-1.0)
        let w = Value(2.0, role: .parameter)
        let loss = (x.log() * w + 1).relu()
        #expect(loss.data.isNaN)
        loss.backward()
        #expect(w.grad.isNaN)
        #expect(x.grad.isNaN)
        let snapshot = loss.snapshot()
        #expect(snapshot.nodes.filter { $0.id != snapshot.rootID }.allSatisfy { $0.grad[0].isNaN })
    }

    @Test func infinityPropagatesBackward() {
        let x = Value(0.0)
        let y = x.pow(0.5)  // slope 0.5·x^-0.5 = inf at 0
        y.backward()
        #expect(x.grad == .infinity)
        let z = Value(0.0)
        let reciprocal = 1 / z
        reciprocal.backward()
        #expect(reciprocal.data == .infinity)
        #expect(z.grad == -.infinity)
    }
}
