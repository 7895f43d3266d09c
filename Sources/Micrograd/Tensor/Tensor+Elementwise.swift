import Foundation

// Elementwise operations. As for `Value`, each states its forward value and its
// local derivative side by side; `backward()` multiplies the derivative by the
// upstream gradient elementwise. Binary operations broadcast like NumPy, and
// the gradient of an operand that was broadcast is summed back over the axes it
// was stretched along.

extension Tensor {
    /// Applies `f` to each pair of elements of two broadcast tensors.
    private static func broadcast(
        _ a: Tensor, _ b: Tensor, _ name: String, _ f: (Double, Double) -> Double
    ) -> (shape: [Int], scalars: [Double]) {
        let shape: [Int]
        do {
            shape = try Shape.broadcast(a.shape, b.shape, operation: name)
        } catch {
            preconditionFailure(error.message)
        }
        if a.shape == b.shape { return (shape, zip(a.scalars, b.scalars).map(f)) }
        var result = [Double](repeating: 0, count: Shape.count(shape))
        let stridesA = Shape.broadcastStrides(a.shape, to: shape)
        let stridesB = Shape.broadcastStrides(b.shape, to: shape)
        result.withUnsafeMutableBufferPointer { out in
            a.scalars.withUnsafeBufferPointer { x in
                b.scalars.withUnsafeBufferPointer { y in
                    Shape.forEachBroadcast(shape, stridesA, stridesB) { i, ia, ib in out[i] = f(x[ia], y[ib]) }
                }
            }
        }
        return (shape, result)
    }

    /// The elements of `a` read at the broadcast shape `shape`.
    private static func expand(_ a: Tensor, to shape: [Int]) -> [Double] {
        if a.shape == shape { return a.scalars }
        let strides = Shape.broadcastStrides(a.shape, to: shape)
        var result = [Double](repeating: 0, count: Shape.count(shape))
        result.withUnsafeMutableBufferPointer { out in
            a.scalars.withUnsafeBufferPointer { x in
                Shape.forEachBroadcast(shape, strides, strides) { i, ia, _ in out[i] = x[ia] }
            }
        }
        return result
    }

    /// `a + b`;  ∂/∂a = 1, ∂/∂b = 1.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcast(a, b, "add", +)
        return Tensor(.add, [a, b], shape: shape, scalars: out) { upstream, inputs, _ in
            [
                Shape.reduce(upstream, from: shape, to: inputs[0].shape),
                Shape.reduce(upstream, from: shape, to: inputs[1].shape),
            ]
        }
    }

    /// `a - b`;  ∂/∂a = 1, ∂/∂b = −1.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcast(a, b, "subtract", -)
        return Tensor(.subtract, [a, b], shape: shape, scalars: out) { upstream, inputs, _ in
            [
                Shape.reduce(upstream, from: shape, to: inputs[0].shape),
                Shape.reduce(upstream.map { -$0 }, from: shape, to: inputs[1].shape),
            ]
        }
    }

    /// `a * b` elementwise;  ∂/∂a = b, ∂/∂b = a.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcast(a, b, "multiply", *)
        return Tensor(.multiply, [a, b], shape: shape, scalars: out) { upstream, inputs, _ in
            let (x, y) = (expand(inputs[0], to: shape), expand(inputs[1], to: shape))
            return [
                Shape.reduce(zip(upstream, y).map(*), from: shape, to: inputs[0].shape),
                Shape.reduce(zip(upstream, x).map(*), from: shape, to: inputs[1].shape),
            ]
        }
    }

    /// `a / b` elementwise;  ∂/∂a = 1/b, ∂/∂b = −a/b².
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcast(a, b, "divide", /)
        return Tensor(.divide, [a, b], shape: shape, scalars: out) { upstream, inputs, _ in
            let (x, y) = (expand(inputs[0], to: shape), expand(inputs[1], to: shape))
            let da = zip(upstream, y).map { g, y in g / y }
            let db = zip(upstream, zip(x, y)).map { g, xy in -g * xy.0 / (xy.1 * xy.1) }
            return [
                Shape.reduce(da, from: shape, to: inputs[0].shape), Shape.reduce(db, from: shape, to: inputs[1].shape),
            ]
        }
    }

    /// Records an elementwise function of one tensor, given its value and its derivative.
    ///
    /// - Parameters:
    ///   - op: The operation.
    ///   - forward: y = f(x).
    ///   - derivative: dy/dx from x and y.
    private func unary(
        _ op: Op, _ forward: (Double) -> Double, derivative: @escaping (_ x: Double, _ y: Double) -> Double
    ) -> Tensor {
        let out = scalars.map(forward)
        return Tensor(op, [self], shape: shape, scalars: out) { upstream, inputs, output in
            [(0..<upstream.count).map { i in upstream[i] * derivative(inputs[0].scalars[i], output[i]) }]
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
