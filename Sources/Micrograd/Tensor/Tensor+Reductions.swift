import Foundation

// Reductions, softmax and gather. A reduction along `axis` sees the tensor as
// [outer, size, inner] blocks (the axes before, the axis, the axes after), and its
// gradient spreads each output's gradient back over the elements it came from.

extension Tensor {
    /// The shape after reducing `axis` (nil: every axis).
    private func reducedShape(_ axis: Int?, keepDims: Bool) -> [Int] {
        guard let axis else { return keepDims ? shape.map { _ in 1 } : [] }
        var result = shape
        if keepDims { result[axis] = 1 } else { result.remove(at: axis) }
        return result
    }

    /// The sums along `axis` (nil: of every element), each divided by `divisor`.
    private func sums(along axis: Int?, dividedBy divisor: Double) -> [Double] {
        let (outer, size, inner) = axis.map { Shape.split(shape, axis: $0) } ?? (1, count, 1)
        var result = [Double](repeating: 0, count: outer * inner)
        result.withUnsafeMutableBufferPointer { result in
            scalars.withUnsafeBufferPointer { x in
                guard let x = x.baseAddress, let out = result.baseAddress else { return }
                for o in 0..<outer {
                    let block = x + o * size * inner
                    if inner == 1 {
                        out[o] = Tensor.total(block, size) / divisor
                    } else {
                        // Whole rows at a time: contiguous, so vectorised.
                        let row = out + o * inner
                        for s in 0..<size {
                            let source = block + s * inner
                            for i in 0..<inner { row[i] += source[i] }
                        }
                        if divisor != 1 { for i in 0..<inner { row[i] /= divisor } }
                    }
                }
            }
        }
        return result
    }

    /// The sum of `count` contiguous elements: in order when there are few, in four
    /// interleaved partial sums when there are many (4,096 or more), which is faster
    /// (they vectorise) and loses less to rounding than one running sum.
    private static func total(_ x: UnsafePointer<Double>, _ count: Int) -> Double {
        if count < 4096 {
            var sum = 0.0
            for i in 0..<count { sum += x[i] }
            return sum
        }
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= count {
            s0 += x[i]
            s1 += x[i + 1]
            s2 += x[i + 2]
            s3 += x[i + 3]
            i += 4
        }
        while i < count {
            s0 += x[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// Hands `input` the gradient of a sum (or mean) along `axis`: each output's upstream
    /// gradient, times `scale`, goes back to every element it was reduced from.
    private static func spread(_ upstream: [Double], to input: Tensor, axis: Int?, scale: Double) {
        let (outer, size, inner) = axis.map { Shape.split(input.shape, axis: $0) } ?? (1, input.count, 1)
        input.receiveGradient { gradient, accumulate in
            upstream.withUnsafeBufferPointer { upstream in
                guard let out = gradient.baseAddress, let upstream = upstream.baseAddress else { return }
                for o in 0..<outer {
                    for s in 0..<size {
                        let (row, source) = (out + (o * size + s) * inner, upstream + o * inner)
                        if accumulate {
                            for i in 0..<inner { row[i] += source[i] * scale }
                        } else {
                            for i in 0..<inner { row[i] = source[i] * scale }
                        }
                    }
                }
            }
        }
    }

    /// The sum of all elements, or along one axis;  ∂/∂x = 1 for every element summed.
    ///
    /// - Parameters:
    ///   - axis: The axis to sum along (negative counts from the end), or `nil` for all elements.
    ///   - keepDims: Whether the summed axis stays, with size 1.
    public func sum(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        let axis = axis.map { Shape.normalize(axis: $0, rank: rank, operation: "sum", shape: shape) }
        let out = sums(along: axis, dividedBy: 1)
        return Tensor(
            .sum(axis: axis, keepDims: keepDims), [self], shape: reducedShape(axis, keepDims: keepDims), scalars: out
        ) {
            upstream, inputs, _ in Tensor.spread(upstream, to: inputs[0], axis: axis, scale: 1)
        }
    }

    /// The mean of all elements, or along one axis;  ∂/∂x = 1/n for each of the n elements averaged.
    ///
    /// - Parameters:
    ///   - axis: The axis to average along, or `nil` for all elements.
    ///   - keepDims: Whether the averaged axis stays, with size 1.
    public func mean(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        let axis = axis.map { Shape.normalize(axis: $0, rank: rank, operation: "mean", shape: shape) }
        let n = Double(axis.map { shape[$0] } ?? count)
        let out = sums(along: axis, dividedBy: n)
        return Tensor(
            .mean(axis: axis, keepDims: keepDims), [self], shape: reducedShape(axis, keepDims: keepDims), scalars: out
        ) {
            upstream, inputs, _ in Tensor.spread(upstream, to: inputs[0], axis: axis, scale: 1 / n)
        }
    }

    /// The largest element, or the largest along one axis;  ∂/∂x = 1 at the (first) maximum, 0 elsewhere.
    ///
    /// - Parameters:
    ///   - axis: The axis to take the maximum along, or `nil` for all elements.
    ///   - keepDims: Whether the axis stays, with size 1.
    public func max(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        let axis = axis.map { Shape.normalize(axis: $0, rank: rank, operation: "max", shape: shape) }
        precondition(count > 0, "max: the tensor has no elements")
        // Where each maximum is, as a flat index into this tensor.
        var winners: [Int] = []
        let (outer, size, inner) = axis.map { Shape.split(shape, axis: $0) } ?? (1, count, 1)
        var out = [Double](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                var best = (o * size) * inner + i
                for s in 1..<Swift.max(size, 1) {
                    let flat = (o * size + s) * inner + i
                    if scalars[flat] > scalars[best] || (scalars[flat].isNaN && !scalars[best].isNaN) { best = flat }
                }
                winners.append(best)
                out[o * inner + i] = scalars[best]
            }
        }
        return Tensor(
            .max(axis: axis, keepDims: keepDims), [self], shape: reducedShape(axis, keepDims: keepDims), scalars: out
        ) {
            upstream, inputs, _ in
            inputs[0].receiveGradient { gradient, accumulate in
                if !accumulate { gradient.update(repeating: 0) }
                for (reduced, flat) in winners.enumerated() { gradient[flat] += upstream[reduced] }
            }
        }
    }

    /// Softmax along an axis: eˣ / Σ eˣ, computed after subtracting the maximum so large
    /// inputs do not overflow.  The gradient is y·(g − Σ g·y) along the axis.
    ///
    /// - Parameter axis: The axis whose entries become probabilities (default: the last).
    public func softmax(axis: Int = -1) -> Tensor {
        let axis = Shape.normalize(axis: axis, rank: rank, operation: "softmax", shape: shape)
        let out = Tensor.softmax(scalars, shape: shape, axis: axis)
        let inputShape = shape
        return Tensor(.softmax(axis: axis), [self], shape: shape, scalars: out) { upstream, inputs, y in
            inputs[0].receiveGradient { gradient, accumulate in
                upstream.withUnsafeBufferPointer { g in
                    y.withUnsafeBufferPointer { y in
                        Tensor.forEachLane(shape: inputShape, axis: axis) { lane in
                            var dot = 0.0
                            for index in lane { dot += g[index] * y[index] }
                            for index in lane {
                                let value = y[index] * (g[index] - dot)
                                gradient[index] = accumulate ? gradient[index] + value : value
                            }
                        }
                    }
                }
            }
        }
    }

    /// Log-softmax along an axis: x − log Σ eˣ, stable for large inputs.
    /// The gradient is g − softmax(x)·Σ g along the axis.
    ///
    /// - Parameter axis: The axis to normalise over (default: the last).
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let axis = Shape.normalize(axis: axis, rank: rank, operation: "logSoftmax", shape: shape)
        let inputShape = shape
        let out = scalars.withUnsafeBufferPointer { x in
            BufferPool.make(count) { out in
                Tensor.forEachLane(shape: inputShape, axis: axis) { lane in
                    let shift = Tensor.largestFinite(x, lane)
                    var total = 0.0
                    for index in lane { total += Foundation.exp(x[index] - shift) }
                    let logSumExp = shift + Foundation.log(total)
                    for index in lane { out[index] = x[index] - logSumExp }
                }
            }
        }
        let size = shape[axis]
        return Tensor(.logSoftmax(axis: axis), [self], shape: shape, scalars: out) { upstream, inputs, _ in
            let input = inputs[0]
            input.receiveGradient { gradient, accumulate in
                upstream.withUnsafeBufferPointer { g in
                    input.scalars.withUnsafeBufferPointer { x in
                        // softmax(x) along each lane, computed again here rather than kept from the forward pass.
                        withUnsafeTemporaryAllocation(of: Double.self, capacity: size) { probabilities in
                            Tensor.forEachLane(shape: inputShape, axis: axis) { lane in
                                Tensor.softmax(x, lane, count: size, into: probabilities)
                                var total = 0.0
                                for index in lane { total += g[index] }
                                for (position, index) in lane.enumerated() {
                                    let value = g[index] - probabilities[position] * total
                                    gradient[index] = accumulate ? gradient[index] + value : value
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Softmax of plain values along `axis`: e^(x − max) / Σ e^(x − max), which keeps
    /// full precision for large inputs (softmax([1000, 1000]) is exactly [0.5, 0.5]).
    static func softmax(_ values: [Double], shape: [Int], axis: Int) -> [Double] {
        values.withUnsafeBufferPointer { x in
            BufferPool.make(x.count) { result in
                forEachLane(shape: shape, axis: axis) { lane in
                    let shift = largestFinite(x, lane)
                    var total = 0.0
                    for index in lane {
                        result[index] = Foundation.exp(x[index] - shift)
                        total += result[index]
                    }
                    for index in lane { result[index] /= total }
                }
            }
        }
    }

    /// The softmax of one lane of `values` (`count` elements), in lane order, into `result`.
    @inline(__always)
    private static func softmax(
        _ values: UnsafeBufferPointer<Double>, _ lane: StrideTo<Int>, count: Int,
        into result: UnsafeMutableBufferPointer<Double>
    ) {
        let shift = largestFinite(values, lane)
        var total = 0.0
        for (position, index) in lane.enumerated() {
            result[position] = Foundation.exp(values[index] - shift)
            total += result[position]
        }
        for position in 0..<count { result[position] /= total }
    }

    /// The largest element of a lane, or 0 when that is not finite: the shift that keeps
    /// exponentials from overflowing.
    @inline(__always)
    private static func largestFinite(_ values: UnsafeBufferPointer<Double>, _ lane: StrideTo<Int>) -> Double {
        var largest = -Double.infinity
        for index in lane { largest = Swift.max(largest, values[index]) }
        return largest.isFinite ? largest : 0
    }

    /// Calls `body` for each line of elements along `axis`, with the indices of its elements.
    @inline(__always)
    private static func forEachLane(shape: [Int], axis: Int, _ body: (StrideTo<Int>) -> Void) {
        let (outer, size, inner) = Shape.split(shape, axis: axis)
        for o in 0..<outer {
            for i in 0..<inner {
                let first = o * size * inner + i
                body(stride(from: first, to: first + size * inner, by: inner))
            }
        }
    }

    /// For a matrix of scores `[n, k]`, the score of each row's class: `[n]`.
    /// The gradient goes to the chosen entries only.
    ///
    /// - Parameter classes: One class index per row, each in `0 ..< k`.
    public func gather(classes: [Int]) -> Tensor {
        precondition(rank == 2, "gather: needs a matrix [rows, classes], not \(Shape.text(shape))")
        precondition(classes.count == shape[0], "gather: \(classes.count) class indices for \(shape[0]) rows")
        let columns = shape[1]
        precondition(
            classes.allSatisfy { (0..<columns).contains($0) }, "gather: a class index is outside 0..<\(columns)")
        let out = classes.enumerated().map { row, column in scalars[row * columns + column] }
        let result = Tensor(.gather, [self], shape: [shape[0]], scalars: out) { upstream, inputs, _ in
            inputs[0].receiveGradient { gradient, accumulate in
                if !accumulate { gradient.update(repeating: 0) }
                for (row, column) in classes.enumerated() { gradient[row * columns + column] += upstream[row] }
            }
        }
        result.chosenIndices = classes
        return result
    }
}
