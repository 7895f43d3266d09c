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

    /// Reads each [outer, size, inner] column and reduces it with `combine`.
    private func reduce(along axis: Int?, _ combine: (UnsafeBufferPointer<Double>, Int, Int) -> Double) -> [Double] {
        let (outer, size, inner) = axis.map { Shape.split(shape, axis: $0) } ?? (1, count, 1)
        var result = [Double](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { x in
            for o in 0..<outer {
                for i in 0..<inner {
                    result[o * inner + i] = combine(
                        UnsafeBufferPointer(rebasing: x[(o * size * inner + i)...]), size, inner)
                }
            }
        }
        return result
    }

    /// Spreads an upstream gradient of the reduced shape back over `axis`, weighting each element.
    private static func spread(
        _ upstream: [Double], shape: [Int], axis: Int?, weight: (_ flat: Int, _ reducedIndex: Int) -> Double
    ) -> [Double] {
        let (outer, size, inner) = axis.map { Shape.split(shape, axis: $0) } ?? (1, Shape.count(shape), 1)
        var result = [Double](repeating: 0, count: outer * size * inner)
        for o in 0..<outer {
            for s in 0..<size {
                for i in 0..<inner {
                    let flat = (o * size + s) * inner + i
                    let reduced = o * inner + i
                    result[flat] = upstream[reduced] * weight(flat, reduced)
                }
            }
        }
        return result
    }

    /// The sum of all elements, or along one axis;  ∂/∂x = 1 for every element summed.
    ///
    /// - Parameters:
    ///   - axis: The axis to sum along (negative counts from the end), or `nil` for all elements.
    ///   - keepDims: Whether the summed axis stays, with size 1.
    public func sum(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        let axis = axis.map { Shape.normalize(axis: $0, rank: rank, operation: "sum", shape: shape) }
        let out = reduce(along: axis) { column, size, stride in
            var total = 0.0
            for s in 0..<size { total += column[s * stride] }
            return total
        }
        let inputShape = shape
        return Tensor(
            .sum(axis: axis, keepDims: keepDims), [self], shape: reducedShape(axis, keepDims: keepDims), scalars: out
        ) {
            upstream, _, _ in [Tensor.spread(upstream, shape: inputShape, axis: axis) { _, _ in 1 }]
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
        let out = reduce(along: axis) { column, size, stride in
            var total = 0.0
            for s in 0..<size { total += column[s * stride] }
            return total / n
        }
        let inputShape = shape
        return Tensor(
            .mean(axis: axis, keepDims: keepDims), [self], shape: reducedShape(axis, keepDims: keepDims), scalars: out
        ) {
            upstream, _, _ in [Tensor.spread(upstream, shape: inputShape, axis: axis) { _, _ in 1 / n }]
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
        let inputShape = shape
        return Tensor(
            .max(axis: axis, keepDims: keepDims), [self], shape: reducedShape(axis, keepDims: keepDims), scalars: out
        ) {
            upstream, _, _ in
            [
                Tensor.spread(upstream, shape: inputShape, axis: axis) { flat, reduced in
                    winners[reduced] == flat ? 1 : 0
                }
            ]
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
        return Tensor(.softmax(axis: axis), [self], shape: shape, scalars: out) { upstream, _, y in
            let dot = Tensor.sumAlong(zip(upstream, y).map(*), shape: inputShape, axis: axis)
            let totals = Tensor.spread(dot, shape: inputShape, axis: axis) { _, _ in 1 }
            return [(0..<upstream.count).map { y[$0] * (upstream[$0] - totals[$0]) }]
        }
    }

    /// Log-softmax along an axis: x − log Σ eˣ, stable for large inputs.
    /// The gradient is g − softmax(x)·Σ g along the axis.
    ///
    /// - Parameter axis: The axis to normalise over (default: the last).
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let axis = Shape.normalize(axis: axis, rank: rank, operation: "logSoftmax", shape: shape)
        let probabilities = Tensor.softmax(scalars, shape: shape, axis: axis)
        let out = zip(scalars, Tensor.logSumExp(scalars, shape: shape, axis: axis)).map { $0 - $1 }
        let inputShape = shape
        return Tensor(.logSoftmax(axis: axis), [self], shape: shape, scalars: out) { upstream, _, _ in
            let totals = Tensor.sumAlong(upstream, shape: inputShape, axis: axis)
            let spreadTotals = Tensor.spread(totals, shape: inputShape, axis: axis) { _, _ in 1 }
            return [(0..<upstream.count).map { upstream[$0] - probabilities[$0] * spreadTotals[$0] }]
        }
    }

    /// Sums along `axis`, giving the reduced elements.
    static func sumAlong(_ values: [Double], shape: [Int], axis: Int) -> [Double] {
        let (outer, size, inner) = Shape.split(shape, axis: axis)
        var result = [Double](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for s in 0..<size {
                for i in 0..<inner { result[o * inner + i] += values[(o * size + s) * inner + i] }
            }
        }
        return result
    }

    /// log Σ eˣ along `axis`, spread back to every element of the axis.
    static func logSumExp(_ values: [Double], shape: [Int], axis: Int) -> [Double] {
        var result = [Double](repeating: 0, count: values.count)
        forEachLane(of: values, shape: shape, axis: axis) { lane, shift in
            var total = 0.0
            for index in lane { total += Foundation.exp(values[index] - shift) }
            let value = shift + Foundation.log(total)
            for index in lane { result[index] = value }
        }
        return result
    }

    /// Softmax of plain values along `axis`: e^(x − max) / Σ e^(x − max), which keeps
    /// full precision for large inputs (softmax([1000, 1000]) is exactly [0.5, 0.5]).
    static func softmax(_ values: [Double], shape: [Int], axis: Int) -> [Double] {
        var result = [Double](repeating: 0, count: values.count)
        forEachLane(of: values, shape: shape, axis: axis) { lane, shift in
            var total = 0.0
            for index in lane {
                result[index] = Foundation.exp(values[index] - shift)
                total += result[index]
            }
            for index in lane { result[index] /= total }
        }
        return result
    }

    /// Calls `body` for each line of elements along `axis` with the indices of its
    /// elements and its largest element (0 when that is not finite), the shift that
    /// keeps exponentials from overflowing.
    private static func forEachLane(
        of values: [Double], shape: [Int], axis: Int, _ body: (StrideTo<Int>, Double) -> Void
    ) {
        let (outer, size, inner) = Shape.split(shape, axis: axis)
        for o in 0..<outer {
            for i in 0..<inner {
                let first = o * size * inner + i
                let lane = stride(from: first, to: first + size * inner, by: inner)
                var largest = -Double.infinity
                for index in lane { largest = Swift.max(largest, values[index]) }
                body(lane, largest.isFinite ? largest : 0)
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
        let inputShape = shape
        let result = Tensor(.gather, [self], shape: [shape[0]], scalars: out) { upstream, _, _ in
            var gradient = [Double](repeating: 0, count: Shape.count(inputShape))
            for (row, column) in classes.enumerated() { gradient[row * columns + column] += upstream[row] }
            return [gradient]
        }
        result.chosenIndices = classes
        return result
    }
}
