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

    /// Sums a gradient of the broadcast shape `target` back to `shape`: over the axes
    /// `shape` was broadcast along, since each of its elements was used that many times.
    static func reduce(_ gradient: [Double], from target: [Int], to shape: [Int]) -> [Double] {
        if target == shape { return gradient }
        var result = [Double](repeating: 0, count: count(shape))
        let strides = broadcastStrides(shape, to: target)
        result.withUnsafeMutableBufferPointer { out in
            gradient.withUnsafeBufferPointer { grad in
                forEachBroadcast(target, strides, strides) { flat, offset, _ in out[offset] += grad[flat] }
            }
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
