import Foundation

// Elementwise operations. As for `Value`, each states its forward value and its
// local derivative side by side; `backward()` multiplies the derivative by the
// upstream gradient elementwise. Binary operations broadcast like NumPy, and
// the gradient of an operand that was broadcast is summed back over the axes it
// was stretched along.

extension Tensor {
    /// `a + b`;  ∂/∂a = 1, ∂/∂b = 1.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcast(a, b, "add", .add)
        return Tensor(.add, [a, b], shape: shape, scalars: out) { upstream, inputs, _ in
            sendGradient(upstream, shape: shape, scale: 1, to: inputs[0])
            sendGradient(upstream, shape: shape, scale: 1, to: inputs[1])
        }
    }

    /// `a - b`;  ∂/∂a = 1, ∂/∂b = −1.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcast(a, b, "subtract", .subtract)
        return Tensor(.subtract, [a, b], shape: shape, scalars: out) { upstream, inputs, _ in
            sendGradient(upstream, shape: shape, scale: 1, to: inputs[0])
            sendGradient(upstream, shape: shape, scale: -1, to: inputs[1])
        }
    }

    /// `a * b` elementwise;  ∂/∂a = b, ∂/∂b = a.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcast(a, b, "multiply", .multiply)
        return Tensor(.multiply, [a, b], shape: shape, scalars: out) { upstream, inputs, _ in
            sendGradient(upstream, shape: shape, to: inputs[0], other: inputs[1]) { g, _, b in g * b }
            sendGradient(upstream, shape: shape, to: inputs[1], other: inputs[0]) { g, _, a in g * a }
        }
    }

    /// `a / b` elementwise;  ∂/∂a = 1/b, ∂/∂b = −a/b².
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcast(a, b, "divide", .divide)
        return Tensor(.divide, [a, b], shape: shape, scalars: out) { upstream, inputs, _ in
            sendGradient(upstream, shape: shape, to: inputs[0], other: inputs[1]) { g, _, b in g / b }
            sendGradient(upstream, shape: shape, to: inputs[1], other: inputs[0]) { g, b, a in -g * a / (b * b) }
        }
    }

    /// Records an elementwise function of one tensor, given its value and its derivative.
    ///
    /// - Parameters:
    ///   - op: The operation.
    ///   - forward: y = f(x).
    ///   - derivative: dy/dx from x and y.
    @inline(__always)
    private func unary(
        _ op: Op, _ forward: (Double) -> Double, derivative: @escaping (_ x: Double, _ y: Double) -> Double
    ) -> Tensor {
        let out = scalars.withUnsafeBufferPointer { x in
            BufferPool.make(count) { out in
                for i in out.indices { out[i] = forward(x[i]) }
            }
        }
        return Tensor(op, [self], shape: shape, scalars: out) { upstream, inputs, output in
            let input = inputs[0]
            input.receiveGradient { gradient, accumulate in
                upstream.withUnsafeBufferPointer { g in
                    input.scalars.withUnsafeBufferPointer { x in
                        output.withUnsafeBufferPointer { y in
                            if accumulate {
                                for i in gradient.indices { gradient[i] += g[i] * derivative(x[i], y[i]) }
                            } else {
                                for i in gradient.indices { gradient[i] = g[i] * derivative(x[i], y[i]) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `-a`;  d/dx = −1.
    public static prefix func - (a: Tensor) -> Tensor {
        a.unary(.negate, { -$0 }, derivative: { _, _ in -1 })
    }

    /// Each element to a constant power;  d/dx xᵖ = p·xᵖ⁻¹.
    ///
    /// - Parameter exponent: The constant `p`.
    public func pow(_ exponent: Double) -> Tensor {
        unary(
            .power(exponent), { Foundation.pow($0, exponent) },
            derivative: { x, _ in exponent * Foundation.pow(x, exponent - 1) })
    }

    /// `max(x, 0)`;  d/dx = 1 where x > 0, else 0 (NaN stays NaN).
    public func relu() -> Tensor {
        unary(.relu, { $0.isNaN ? $0 : Swift.max($0, 0) }, derivative: { x, _ in x.isNaN ? x : (x > 0 ? 1 : 0) })
    }

    /// The logistic function 1/(1 + e⁻ˣ);  d/dx = σ(x)·(1 − σ(x)), written with the output.
    public func sigmoid() -> Tensor {
        unary(.sigmoid, { 1 / (1 + Foundation.exp(-$0)) }, derivative: { _, s in s * (1 - s) })
    }

    /// The hyperbolic tangent;  d/dx = 1 − tanh²(x), written with the output.
    public func tanh() -> Tensor {
        unary(.tanh, Foundation.tanh, derivative: { _, t in 1 - t * t })
    }

    /// eˣ;  d/dx = eˣ, the output itself.
    public func exp() -> Tensor {
        unary(.exp, Foundation.exp, derivative: { _, e in e })
    }

    /// The natural logarithm;  d/dx = 1/x.
    public func log() -> Tensor {
        unary(.log, Foundation.log, derivative: { x, _ in 1 / x })
    }

    /// log(1 + eˣ), computed as max(x, 0) + log(1 + e^(−|x|)) so it never overflows;
    /// d/dx = σ(x), smooth everywhere (also at 0).
    public func softplus() -> Tensor {
        unary(
            .softplus, { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) },
            derivative: { x, _ in 1 / (1 + Foundation.exp(-x)) })
    }

    /// |x|;  d/dx = sign(x) (0 at 0).
    public func abs() -> Tensor {
        unary(.abs, Swift.abs, derivative: { x, _ in x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0)) })
    }
}

// MARK: - Numbers on either side

extension Tensor {
    /// A number used in an expression, recorded as a constant.
    private static func constant(_ value: Double) -> Tensor {
        Tensor(leaf: [], [value], role: .constant)
    }

    /// `a + b` with `b` recorded as a constant.
    public static func + (a: Tensor, b: Double) -> Tensor { a + constant(b) }
    /// `a + b` with `a` recorded as a constant.
    public static func + (a: Double, b: Tensor) -> Tensor { constant(a) + b }
    /// `a - b` with `b` recorded as a constant.
    public static func - (a: Tensor, b: Double) -> Tensor { a - constant(b) }
    /// `a - b` with `a` recorded as a constant.
    public static func - (a: Double, b: Tensor) -> Tensor { constant(a) - b }
    /// `a * b` with `b` recorded as a constant.
    public static func * (a: Tensor, b: Double) -> Tensor { a * constant(b) }
    /// `a * b` with `a` recorded as a constant.
    public static func * (a: Double, b: Tensor) -> Tensor { constant(a) * b }
    /// `a / b` with `b` recorded as a constant.
    public static func / (a: Tensor, b: Double) -> Tensor { a / constant(b) }
    /// `a / b` with `a` recorded as a constant.
    public static func / (a: Double, b: Tensor) -> Tensor { constant(a) / b }

    /// `base ** exponent`, the same as `base.pow(exponent)`.
    public static func ** (base: Tensor, exponent: Double) -> Tensor { base.pow(exponent) }
}
