import Foundation

// The loops behind the elementwise operations of Tensor+Elementwise.swift: the
// forward pass of the four arithmetic operations over broadcast operands, and
// the gradient each operand receives, summed back over the axes it was
// broadcast along. Each loop runs over whole runs of contiguous elements with
// the operation known at compile time, so that it is vectorised.

extension Tensor {
    /// The broadcast shape of two operands, or a stop naming the operation.
    private static func broadcastShape(_ a: Tensor, _ b: Tensor, _ name: String) -> [Int] {
        do {
            return try Shape.broadcast(a.shape, b.shape, operation: name)
        } catch {
            preconditionFailure(error.message)
        }
    }

    /// The four arithmetic operations, applied to runs of elements with the operator
    /// known at compile time, so that each loop is vectorised.
    enum Arithmetic {
        case add, subtract, multiply, divide

        /// out[i] = x[i·strideX] ∘ y[i·strideY] for i in 0..<count.
        @inline(__always)
        func apply(
            _ count: Int, _ x: UnsafePointer<Double>, _ strideX: Int, _ y: UnsafePointer<Double>, _ strideY: Int,
            _ out: UnsafeMutablePointer<Double>
        ) {
            switch self {
            case .add: Self.loop(count, x, strideX, y, strideY, out, +)
            case .subtract: Self.loop(count, x, strideX, y, strideY, out, -)
            case .multiply: Self.loop(count, x, strideX, y, strideY, out, *)
            case .divide: Self.loop(count, x, strideX, y, strideY, out, /)
            }
        }

        @inline(__always)
        private static func loop(
            _ count: Int, _ x: UnsafePointer<Double>, _ strideX: Int, _ y: UnsafePointer<Double>, _ strideY: Int,
            _ out: UnsafeMutablePointer<Double>, _ f: (Double, Double) -> Double
        ) {
            switch (strideX, strideY) {
            case (1, 1): for i in 0..<count { out[i] = f(x[i], y[i]) }
            case (1, 0): for i in 0..<count { out[i] = f(x[i], y[0]) }
            case (0, 1): for i in 0..<count { out[i] = f(x[0], y[i]) }
            default: for i in 0..<count { out[i] = f(x[i &* strideX], y[i &* strideY]) }
            }
        }
    }

    /// Applies `operation` to each pair of elements of two broadcast tensors.
    static func broadcast(
        _ a: Tensor, _ b: Tensor, _ name: String, _ operation: Arithmetic
    ) -> (shape: [Int], scalars: [Double]) {
        let shape = a.shape == b.shape ? a.shape : broadcastShape(a, b, name)
        let out = a.scalars.withUnsafeBufferPointer { x in
            b.scalars.withUnsafeBufferPointer { y in
                BufferPool.make(Shape.count(shape)) { out in
                    guard
                        let (x, y, out) = x.baseAddress.flatMap({ x in
                            y.baseAddress.flatMap { y in out.baseAddress.map { (x, y, $0) } }
                        })
                    else { return }
                    if a.shape == b.shape { return operation.apply(a.count, x, 1, y, 1, out) }
                    let stridesA = Shape.broadcastStrides(a.shape, to: shape)
                    let stridesB = Shape.broadcastStrides(b.shape, to: shape)
                    Shape.forEachRun(shape, stridesA, stridesB) { run in
                        operation.apply(
                            run.count, x + run.offsetA, run.strideA, y + run.offsetB, run.strideB, out + run.flat)
                    }
                }
            }
        }
        return (shape, out)
    }

    /// Hands `input` its share of an elementwise operation's gradient: the upstream
    /// gradient (of the broadcast `shape`) times `scale`, summed back to the input's shape.
    static func sendGradient(_ upstream: [Double], shape: [Int], scale: Double, to input: Tensor) {
        if input.shape == shape && scale == 1 { return input.receiveGradient(upstream) }
        input.receiveGradient { gradient, accumulate in
            upstream.withUnsafeBufferPointer { g in
                if input.shape == shape && accumulate {
                    for i in gradient.indices { gradient[i] += scale * g[i] }
                } else if input.shape == shape {
                    for i in gradient.indices { gradient[i] = scale * g[i] }
                } else {
                    storeOrAdd(into: gradient, accumulate: accumulate) { out in
                        Shape.reduce(g, from: shape, into: out, shape: input.shape, scale: scale)
                    }
                }
            }
        }
    }

    /// Hands `input` its share of an elementwise operation's gradient, `share(g, own, other)`
    /// for each element of the broadcast `shape` (its upstream gradient, the input's own
    /// element and the other operand's), summed back to the input's shape.
    @inline(__always)
    static func sendGradient(
        _ upstream: [Double], shape: [Int], to input: Tensor, other: Tensor,
        _ share: @escaping (_ g: Double, _ own: Double, _ other: Double) -> Double
    ) {
        input.receiveGradient { gradient, accumulate in
            upstream.withUnsafeBufferPointer { g in
                input.scalars.withUnsafeBufferPointer { x in
                    other.scalars.withUnsafeBufferPointer { y in
                        guard let (g, x, y, out) = Self.bases(g, x, y, gradient) else { return }
                        if input.shape == shape && other.shape == shape {
                            if accumulate {
                                for i in 0..<input.count { out[i] += share(g[i], x[i], y[i]) }
                            } else {
                                for i in 0..<input.count { out[i] = share(g[i], x[i], y[i]) }
                            }
                            return
                        }
                        let ownStrides = Shape.broadcastStrides(input.shape, to: shape)
                        let otherStrides = Shape.broadcastStrides(other.shape, to: shape)
                        if input.shape == shape {
                            // Only the other operand is broadcast: one share per element.
                            Shape.forEachRun(shape, ownStrides, otherStrides) { run in
                                let (g, x, y, out) = (g + run.flat, x + run.offsetA, y + run.offsetB, out + run.offsetA)
                                for i in 0..<run.count {
                                    let value = share(g[i], x[i], y[i &* run.strideB])
                                    out[i] = accumulate ? out[i] + value : value
                                }
                            }
                            return
                        }
                        // Each element of the input adds up the shares of every place it was
                        // broadcast to, in row-major order; a second share is summed apart first.
                        storeOrAdd(into: gradient, accumulate: accumulate) { sum in
                            guard let sum = sum.baseAddress else { return }
                            sum.update(repeating: 0, count: input.count)
                            Shape.forEachRun(shape, ownStrides, otherStrides) { run in
                                let (g, x, y, out) = (g + run.flat, x + run.offsetA, y + run.offsetB, sum + run.offsetA)
                                let (ownStride, otherStride) = (run.strideA, run.strideB)
                                if ownStride == 1 && otherStride == 1 {
                                    for i in 0..<run.count { out[i] += share(g[i], x[i], y[i]) }
                                } else {
                                    for i in 0..<run.count {
                                        out[i &* ownStride] += share(g[i], x[i &* ownStride], y[i &* otherStride])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Runs `body` on `gradient` itself when storing a share, or, when adding one, on
    /// scratch memory whose result is then added: a share summed over broadcast axes is
    /// summed from zero before it joins the others, so that each share rounds the same
    /// way whatever came before it.
    @inline(__always)
    private static func storeOrAdd(
        into gradient: UnsafeMutableBufferPointer<Double>, accumulate: Bool,
        _ body: (UnsafeMutableBufferPointer<Double>) -> Void
    ) {
        guard accumulate else { return body(gradient) }
        BufferPool.withScratch(gradient.count) { scratch in
            let share = UnsafeMutableBufferPointer(start: scratch, count: gradient.count)
            body(share)
            for i in gradient.indices { gradient[i] += share[i] }
        }
    }

    /// The base addresses of four buffers, or nil if any is empty.
    @inline(__always)
    private static func bases(
        _ g: UnsafeBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>,
        _ out: UnsafeMutableBufferPointer<Double>
    ) -> (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>)? {
        guard let g = g.baseAddress, let x = x.baseAddress, let y = y.baseAddress, let out = out.baseAddress else {
            return nil
        }
        return (g, x, y, out)
    }
}
