import Micrograd

/// Graphs the exporter tests draw.
public enum SampleGraphs {
    /// micrograd's README expression.
    public static func readme() -> Value {
        let a = Value(-4.0, label: "a")
        let b = Value(2.0, label: "b")
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
        g.label = "g"
        return g
    }

    /// The tanh neuron of Karpathy's first "zero to hero" lecture.
    public static func neuron() -> Value {
        let x1 = Value(2.0, label: "x1")
        let x2 = Value(0.0, label: "x2")
        let w1 = Value(-3.0, label: "w1", role: .parameter)
        let w2 = Value(1.0, label: "w2", role: .parameter)
        let b = Value(6.8813735870195432, label: "b", role: .parameter)
        let x1w1 = x1 * w1
        x1w1.label = "x1*w1"
        let x2w2 = x2 * w2
        x2w2.label = "x2*w2"
        let sum = x1w1 + x2w2
        sum.label = "x1*w1 + x2*w2"
        let n = sum + b
        n.label = "n"
        let o = n.tanh()
        o.label = "o"
        return o
    }

    /// A small MLP on one point, with module scopes.
    public static func mlp() -> Value {
        let model = MLP(2, [2, 1], seed: 3)
        let output = model([Value(0.5, label: "x0"), Value(-1.0, label: "x1")])[0]
        output.label = "score"
        return output
    }
}

/// A tensor MLP scoring four points, with a hinge loss: small tensors list their
/// elements, bigger ones are summarised.
public enum TensorGraphs {
    public static func classifier() -> Tensor {
        let model = TensorMLP(2, [8, 1], seed: 5)
        let points = Tensor([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [0.0, 2.0]], label: "points")
        let labels = Tensor([[1.0], [-1.0], [1.0], [-1.0]], label: "labels", role: .constant)
        let loss = Loss.hinge(scores: model(points), labels: labels)
        loss.label = "loss"
        return loss
    }
}
