import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("Value arithmetic and backward")
struct ValueTests {
    /// micrograd's README example, in the spelling the issue requires. The README prints
    /// 24.7041, 138.8338 and 645.5773; PyTorch gives the full-precision values below.
    @Test func readmeExampleMatchesPublishedValues() {
        let a = Value(-4.0)
        let b = Value(2.0)
        var c = a + b
        var d = a * b + b.pow(3)
        c += c + 1
        c += 1 + c + (-a)
        d += d * 2 + (b + a).relu()
        d += 3 * d + (b - a).relu()
        let e = c - d
        let f = e.pow(2)
        var g = f / 2.0
        g += 10.0 / f
        g.backward()
        #expect(String(format: "%.4f %.4f %.4f", g.data, a.grad, b.grad) == "24.7041 138.8338 645.5773")
        #expect(isClose(g.data, 24.70408163265306, tolerance: 1e-12))
        #expect(isClose(a.grad, 138.83381924198252, tolerance: 1e-12))
        #expect(isClose(b.grad, 645.5772594752186, tolerance: 1e-12))
    }

    /// micrograd's test_engine.py `test_sanity_check`, whose reference values come from PyTorch.
    @Test func peerSanityCheck() {
        let x = Value(-4.0)
        let z = 2 * x + 2 + x
        let q = z.relu() + z * x
        let h = (z * z).relu()
        let y = h + q + q * x
        y.backward()
        #expect(y.data == -20)
        #expect(x.grad == 46)
    }

    /// The same expression written with `**`, which binds tighter than `*`.
    @Test func exponentOperatorMatchesPow() {
        let b = Value(2.0)
        let viaOperator = 3 * b ** 3
        let viaMethod = 3 * b.pow(3)
        #expect(viaOperator.data == 24)
        #expect(viaOperator.data == viaMethod.data)
        // Swift applies prefix minus first: -b ** 2 is (-b) ** 2.
        #expect((-b ** 2).data == 4)
        #expect((-(b ** 2)).data == -4)
    }

    @Test func literalsBecomeConstantsAndValuesAreInputs() {
        let three = 3.0
        let x = Value(three)
        #expect(Value(3.0, label: "x").role == .input)
        #expect(Value(3.0, role: .input).role == .input)
        #expect(Value(3.0).role == .constant, "Swift turns Value(literal) into the literal itself")
        let one: Value = 1
        let half: Value = 0.5
        let y = x + 1
        let z = x * 2.5
        #expect(x.role == .input)
        #expect(one.role == .constant && half.role == .constant)
        #expect(y.role == .intermediate)
        #expect(y.inputs.map(\.role) == [.input, .constant])
        #expect(z.inputs[1].data == 2.5)
        let someDouble = 4.0
        #expect((someDouble - x).inputs.map(\.role) == [.constant, .input])
    }

    @Test func operationSymbols() {
        let x = Value(2.0)
        #expect((x + x).op?.symbol == "+")
        #expect((x - x).op?.symbol == "-")
        #expect((x * x).op?.symbol == "*")
        #expect((x / x).op?.symbol == "/")
        #expect((-x).op?.symbol == "neg")
        #expect(x.pow(2).op?.symbol == "**2")
        #expect(x.pow(-1).op?.symbol == "**-1")
        #expect(x.pow(0.5).op?.symbol == "**0.5")
        #expect(x.relu().op?.symbol == "ReLU")
        #expect(x.tanh().op?.symbol == "tanh")
        #expect(x.exp().op?.symbol == "exp")
        #expect(x.log().op?.symbol == "log")
        #expect(x.sigmoid().op?.symbol == "sigmoid")
        #expect(x.op == nil)
    }

    /// A node used twice keeps both edges and receives both contributions.
    @Test func inputUsedTwiceCountsTwice() {
        let a = Value(3.0)
        let square = a * a
        square.backward()
        #expect(a.grad == 6)
        #expect(square.inputs.count == 2)
        #expect(square.inputs[0].isSameValue(as: a) && square.inputs[1].isSameValue(as: a))

        let c = Value(5.0)
        let doubled = c + c
        doubled.backward()
        #expect(c.grad == 2)
        #expect(doubled.snapshot().root.inputs == [0, 0])
    }

    @Test func backwardAccumulatesAndZeroGradResets() {
        let x = Value(2.0)
        let w = Value(-3.0, role: .parameter)
        let y = (x * w).tanh()
        y.backward()
        let first = w.grad
        y.backward()
        #expect(isClose(w.grad, 2 * first))
        #expect(y.grad == 2)
        [w].zeroGrad()
        #expect(w.grad == 0 && x.grad != 0)
        y.zeroGraphGrads()
        #expect(x.grad == 0 && y.grad == 0)
        y.backward()
        #expect(isClose(w.grad, first))
    }

    @Test func dataIsSharedByEveryHandle() {
        let w = Value(1.0, role: .parameter)
        let copy = w
        copy.data = 5
        #expect(w.data == 5)
        var optimizer = SGD(learningRate: 0.1)
        optimizer.step([w])  // grad 0: unchanged
        #expect(w.data == 5)
        let y = w * 2
        y.backward()
        optimizer.learningRate = 0.5
        optimizer.step([copy])
        #expect(w.data == 4)
    }

    @Test func labelsAreStoredAndChangeable() {
        let a = Value(1.0, label: "a")
        #expect(a.label == "a")
        let b = a * 2
        #expect(b.label == nil)
        b.label = "b"
        #expect(b.label == "b")
        #expect(b.snapshot().root.label == "b")
        #expect(b.description == "Value(b, data: 2.0, grad: 0.0)")
        #expect(Value(1.5).description == "Value(data: 1.5, grad: 0.0)")
    }

    @Test func sumOfValues() {
        let xs = [Value(1), Value(2), Value(3)]
        let total = xs.sum()
        #expect(total.data == 6)
        total.backward()
        #expect(xs.map(\.grad) == [1, 1, 1])
        #expect([Value]().sum().data == 0)
    }
}
