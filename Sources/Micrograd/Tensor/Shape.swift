/// Why tensors of these shapes cannot take part in an operation, with both
/// shapes and the operation named: `matmul: [2, 3] × [2, 1]: inner dimensions 3 and 2 differ`.
public struct ShapeError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The whole message.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameter message: What is wrong, naming the operation and the shapes.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Shape arithmetic: element counts, strides, broadcasting, axes.
enum Shape {
    /// `[2, 3]`.
    static func text(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// The number of elements; 1 for a scalar (rank 0).
    static func count(_ shape: [Int]) -> Int {
        shape.reduce(1, *)
    }

    /// Row-major strides: how far apart neighbours along each axis are.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            strides[axis] = stride
            stride *= shape[axis]
        }
        return strides
    }

    /// The shape NumPy broadcasting gives two shapes: aligned at the right, each
    /// pair of sizes equal or one of them 1.
    ///
    /// - Throws: ``ShapeError`` naming `operation` and both shapes.
    static func broadcast(_ a: [Int], _ b: [Int], operation: String) throws(ShapeError) -> [Int] {
        let rank = max(a.count, b.count)
        let paddedA = [Int](repeating: 1, count: rank - a.count) + a
        let paddedB = [Int](repeating: 1, count: rank - b.count) + b
        var result: [Int] = []
        for (x, y) in zip(paddedA, paddedB) {
            guard x == y || x == 1 || y == 1 else {
                throw ShapeError(
                    "\(operation): \(text(a)) and \(text(b)) cannot be broadcast: sizes \(x) and \(y) differ and neither is 1"
                )
            }
            result.append(max(x, y))
        }
        return result
    }

    /// Strides for reading a tensor of `shape` as if it had the larger shape `target`:
    /// 0 along the axes it is broadcast over.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
        let strides = self.strides(padded)
        return zip(padded, strides).map { size, stride in size == 1 ? 0 : stride }
    }

    /// Calls `body(outputIndex, offsetA, offsetB)` for every element of `target`, with
    /// the offsets of the elements of two broadcast operands.
    @inline(__always)
    static func forEachBroadcast(
        _ target: [Int], _ stridesA: [Int], _ stridesB: [Int], _ body: (Int, Int, Int) -> Void
    ) {
        let total = count(target)
        guard total > 0 else { return }
        let rank = target.count
        if rank == 0 {
            body(0, 0, 0)
            return
        }
        var index = [Int](repeating: 0, count: rank)
        var offsetA = 0
        var offsetB = 0
        for flat in 0..<total {
            body(flat, offsetA, offsetB)
            // Advance the index like an odometer, keeping the offsets in step.
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                offsetA += stridesA[axis]
                offsetB += stridesB[axis]
                if index[axis] < target[axis] { break }
                offsetA -= stridesA[axis] * target[axis]
                offsetB -= stridesB[axis] * target[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }

    /// Calls `body(run)` for every run of elements along the last axis of `target`: the
    /// flat index of the run's first element and, for two operands broadcast to `target`,
    /// where their elements start and how far apart they are (0 for a broadcast axis).
    /// Elementwise kernels loop over each run, so the odometer turns once per row, not per element.
    @inline(__always)
    static func forEachRun(_ target: [Int], _ stridesA: [Int], _ stridesB: [Int], _ body: (Run) -> Void) {
        let total = count(target)
        guard total > 0 else { return }
        let rank = target.count
        guard rank > 0 else { return body(Run(count: 1, flat: 0, offsetA: 0, strideA: 0, offsetB: 0, strideB: 0)) }
        let length = target[rank - 1]
        let (strideA, strideB) = (stridesA[rank - 1], stridesB[rank - 1])
        withUnsafeTemporaryAllocation(of: Int.self, capacity: rank) { index in
            index.initialize(repeating: 0)
            var offsetA = 0
            var offsetB = 0
            for flat in stride(from: 0, to: total, by: length) {
                body(
                    Run(
                        count: length, flat: flat, offsetA: offsetA, strideA: strideA, offsetB: offsetB,
                        strideB: strideB))
                // Advance the index over the axes before the last, like an odometer.
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] += 1
                    offsetA += stridesA[axis]
                    offsetB += stridesB[axis]
                    if index[axis] < target[axis] { break }
                    offsetA -= stridesA[axis] * target[axis]
                    offsetB -= stridesB[axis] * target[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }

    /// A run of elements along the last axis, for ``forEachRun(_:_:_:_:)``.
    struct Run {
        /// How many elements.
        var count: Int
        /// The flat index of the first, in the broadcast shape.
        var flat: Int
        /// Where operand A's elements start.
        var offsetA: Int
        /// How far apart A's elements are: 1, or 0 when A is broadcast along the axis.
        var strideA: Int
        /// Where operand B's elements start.
        var offsetB: Int
        /// How far apart B's elements are.
        var strideB: Int
    }

    /// Stores a gradient of the broadcast shape `target`, times `scale`, as a gradient of
    /// `shape`: summed over the axes `shape` was broadcast along, since each of its elements
    /// was used that many times. Elements are added in row-major order.
    static func reduce(
        _ gradient: UnsafeBufferPointer<Double>, from target: [Int], into out: UnsafeMutableBufferPointer<Double>,
        shape: [Int], scale: Double
    ) {
        out.update(repeating: 0)
        let strides = broadcastStrides(shape, to: target)
        guard let out = out.baseAddress, let gradient = gradient.baseAddress else { return }
        forEachRun(target, strides, strides) { run in
            let (out, gradient) = (out + run.offsetA, gradient + run.flat)
            if run.strideA == 1 {
                for i in 0..<run.count { out[i] += scale * gradient[i] }
            } else {
                for i in 0..<run.count { out[0] += scale * gradient[i] }
            }
        }
    }

    /// A gradient of the broadcast shape `target` summed back to `shape`, as a new array.
    static func reduce(_ gradient: [Double], from target: [Int], to shape: [Int]) -> [Double] {
        if target == shape { return gradient }
        var result = [Double](repeating: 0, count: count(shape))
        result.withUnsafeMutableBufferPointer { out in
            gradient.withUnsafeBufferPointer { reduce($0, from: target, into: out, shape: shape, scale: 1) }
        }
        return result
    }

    /// `axis` counted from the end when negative, checked against `rank`.
    static func normalize(axis: Int, rank: Int, operation: String, shape: [Int]) -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        precondition(
            (0..<max(rank, 1)).contains(normalized) && rank > 0,
            "\(operation): axis \(axis) is out of range for shape \(text(shape))")
        return normalized
    }

    /// For a reduction along `axis`: how many blocks before it, its size, and how many elements after it.
    static func split(_ shape: [Int], axis: Int) -> (outer: Int, size: Int, inner: Int) {
        (count(Array(shape[..<axis])), shape[axis], count(Array(shape[(axis + 1)...])))
    }
}
