import Foundation

// Every operation states its forward value and its local derivatives side by
// side. `backward()` multiplies each local derivative by the gradient flowing
// into the result (the "upstream" gradient) and adds it to the input's gradient:
//
//     out = a·b      ∂out/∂a = b      ∂out/∂b = a
//     a.grad += b · out.grad          b.grad += a · out.grad
//
// The arithmetic is written once, on the engine's internal `NodeRef`; each
// public `Value` operation below it wraps the recorded node in a `Value`.
//
// Domain errors follow IEEE 754: log(-1) is NaN, 1/0 is inf. Nothing traps, and
// NaN and inf flow through both passes.

extension NodeRef {
    /// out = a + b;  ∂out/∂a = 1, ∂out/∂b = 1
    static func + (a: NodeRef, b: NodeRef) -> NodeRef {
        binary(.add, a, b, data: a.data + b.data, localDerivatives: (1, 1))
    }

    /// out = a − b;  ∂out/∂a = 1, ∂out/∂b = −1
    static func - (a: NodeRef, b: NodeRef) -> NodeRef {
        binary(.subtract, a, b, data: a.data - b.data, localDerivatives: (1, -1))
    }

    /// out = a·b;  ∂out/∂a = b, ∂out/∂b = a
    static func * (a: NodeRef, b: NodeRef) -> NodeRef {
        binary(.multiply, a, b, data: a.data * b.data, localDerivatives: (b.data, a.data))
    }

    /// out = a/b;  ∂out/∂a = 1/b, ∂out/∂b = −a/b²
    static func / (a: NodeRef, b: NodeRef) -> NodeRef {
        let (x, y) = (a.data, b.data)
        return binary(.divide, a, b, data: x / y, localDerivatives: (1 / y, -x / (y * y)))
    }

    /// out = −a;  ∂out/∂a = −1
    static prefix func - (a: NodeRef) -> NodeRef {
        unary(.negate, a, data: -a.data, localDerivative: -1)
    }

    /// out = xᵖ;  ∂out/∂x = p·xᵖ⁻¹
    func pow(_ p: Double) -> NodeRef {
        .unary(.power(p), self, data: Foundation.pow(data, p), localDerivative: p * Foundation.pow(data, p - 1))
    }

    /// out = max(x, 0);  ∂out/∂x = 1 where x > 0, else 0 (NaN stays NaN)
    func relu() -> NodeRef {
        let x = data
        if x.isNaN { return .unary(.relu, self, data: x, localDerivative: x) }
        return .unary(.relu, self, data: x > 0 ? x : 0, localDerivative: x > 0 ? 1 : 0)
    }

    /// out = tanh x;  ∂out/∂x = 1 − tanh²x, the slope written with the output itself
    func tanh() -> NodeRef {
        let t = Foundation.tanh(data)
        return .unary(.tanh, self, data: t, localDerivative: 1 - t * t)
    }

    /// out = eˣ;  ∂out/∂x = eˣ, the output itself
    func exp() -> NodeRef {
        let e = Foundation.exp(data)
        return .unary(.exp, self, data: e, localDerivative: e)
    }

    /// out = ln x;  ∂out/∂x = 1/x
    func log() -> NodeRef {
        .unary(.log, self, data: Foundation.log(data), localDerivative: 1 / data)
    }

    /// out = σ(x) = 1/(1 + e⁻ˣ);  ∂out/∂x = σ(x)·(1 − σ(x))
    func sigmoid() -> NodeRef {
        let s = 1 / (1 + Foundation.exp(-data))
        return .unary(.sigmoid, self, data: s, localDerivative: s * (1 - s))
    }

    /// out = |x|;  ∂out/∂x = sign(x), 0 at 0 (NaN stays NaN)
    func abs() -> NodeRef {
        let x = data
        return .unary(.abs, self, data: Swift.abs(x), localDerivative: x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0)))
    }

    /// out = log(1 + eˣ), computed as max(x, 0) + log(1 + e^−|x|) so it never overflows;
    /// ∂out/∂x = σ(x)
    func softplus() -> NodeRef {
        let x = data
        return .unary(
            .softplus, self, data: Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x))),
            localDerivative: 1 / (1 + Foundation.exp(-x)))
    }
}

extension Value {
    /// `a + b`. Local derivatives: 1 and 1.
    public static func + (a: Value, b: Value) -> Value { Value(a.node + b.node) }

    /// `a - b`. Local derivatives: 1 and −1.
    public static func - (a: Value, b: Value) -> Value { Value(a.node - b.node) }

    /// `a * b`. Local derivatives: b and a.
    public static func * (a: Value, b: Value) -> Value { Value(a.node * b.node) }

    /// `a / b`. Local derivatives: 1/b and −a/b².
    public static func / (a: Value, b: Value) -> Value { Value(a.node / b.node) }

    /// `-a`. Local derivative: −1.
    public static prefix func - (a: Value) -> Value { Value(-a.node) }

    /// This value raised to a constant power. Local derivative: p·xᵖ⁻¹.
    ///
    /// - Parameter exponent: The constant power `p`; it is not a node of the graph.
    /// - Returns: `self` to the power `exponent`, recorded as the operation `**p`.
    public func pow(_ exponent: Double) -> Value { Value(node.pow(exponent)) }

    /// `max(x, 0)`. Local derivative: 1 where x > 0, else 0 (NaN stays NaN).
    public func relu() -> Value { Value(node.relu()) }

    /// The hyperbolic tangent. Local derivative: 1 − tanh²(x).
    public func tanh() -> Value { Value(node.tanh()) }

    /// eˣ. Local derivative: eˣ, the result itself.
    public func exp() -> Value { Value(node.exp()) }

    /// The natural logarithm. Local derivative: 1/x. Negative inputs give NaN, zero gives −inf.
    public func log() -> Value { Value(node.log()) }

    /// The logistic function 1/(1 + e⁻ˣ). Local derivative: σ(x)·(1 − σ(x)).
    public func sigmoid() -> Value { Value(node.sigmoid()) }

    /// |x|. Local derivative: sign(x), 0 at 0.
    public func abs() -> Value { Value(node.abs()) }

    /// log(1 + eˣ), a smooth ReLU. Local derivative: σ(x).
    public func softplus() -> Value { Value(node.softplus()) }

    /// Records `operation` applied to `operands`: the same as calling its operator or
    /// method, for code that chooses operations at run time (such as the `.mg` language).
    ///
    /// - Parameters:
    ///   - operation: A scalar operation (``Op/appliesToScalars``).
    ///   - operands: As many values as the operation's ``Op/arity``.
    /// - Returns: The recorded result.
    public static func apply(_ operation: Op, to operands: [Value]) -> Value {
        precondition(operation.appliesToScalars, "\(operation.name) is not an operation on scalar Values")
        precondition(operands.count == operation.arity, "\(operation.name) takes \(operation.arity) operand(s)")
        let a = operands[0]
        switch operation {
        case .add: return a + operands[1]
        case .subtract: return a - operands[1]
        case .multiply: return a * operands[1]
        case .divide: return a / operands[1]
        case .negate: return -a
        case .power(let exponent): return a.pow(exponent)
        case .relu: return a.relu()
        case .tanh: return a.tanh()
        case .exp: return a.exp()
        case .log: return a.log()
        case .sigmoid: return a.sigmoid()
        case .abs: return a.abs()
        case .softplus: return a.softplus()
        case .matmul, .transpose, .reshape, .sum, .mean, .max, .softmax, .logSoftmax, .gather:
            preconditionFailure("\(operation.name) is not an operation on scalar Values")
        }
    }
}
