import Foundation

extension Tensor {
    /// The matrix product, NumPy's `self @ other`: `[m, k] @ [k, n] → [m, n]`, or a
    /// matrix times a vector, `[m, k] @ [k] → [m]`.
    ///
    /// Gradients: ∂L/∂A = ∂L/∂C · Bᵀ and ∂L/∂B = Aᵀ · ∂L/∂C.
    ///
    /// - Parameter other: The right operand.
    /// - Complexity: O(m·k·n).
    public func matmul(_ other: Tensor) -> Tensor {
        let (m, k, n, outputShape): (Int, Int, Int, [Int])
        do {
            (m, k, n, outputShape) = try Tensor.matmulShapes(shape, other.shape)
        } catch {
            preconditionFailure(error.message)
        }
        let out = BufferPool.make(m * n) { c in
            MatrixProduct.compute(m: m, n: n, k: k, scalars, other.scalars, into: c, accumulate: false)
        }
        return Tensor(.matmul, [self, other], shape: outputShape, scalars: out) { upstream, inputs, _ in
            // upstream is [m, n]; A is [m, k]; B is [k, n]. BLAS reads the transposes in place.
            let (a, b) = (inputs[0], inputs[1])
            a.receiveGradient { dA, accumulate in
                MatrixProduct.compute(
                    m: m, n: k, k: n, upstream, b.scalars, transposeB: true, into: dA, accumulate: accumulate)
            }
            b.receiveGradient { dB, accumulate in
                MatrixProduct.compute(
                    m: k, n: n, k: m, a.scalars, transposeA: true, upstream, into: dB, accumulate: accumulate)
            }
        }
    }

    /// The sizes of a matrix product, or why the shapes do not fit.
    ///
    /// - Returns: m, k, n and the shape of the result.
    /// - Throws: ``ShapeError`` such as `matmul: [2, 3] × [2, 1]: inner dimensions 3 and 2 differ`.
    public static func matmulShapes(_ a: [Int], _ b: [Int]) throws(ShapeError) -> (Int, Int, Int, [Int]) {
        let described = "matmul: \(Shape.text(a)) × \(Shape.text(b))"
        guard a.count == 2, b.count == 2 || b.count == 1 else {
            throw ShapeError("\(described): needs a matrix on the left and a matrix or vector on the right")
        }
        guard a[1] == b[0] else {
            throw ShapeError("\(described): inner dimensions \(a[1]) and \(b[0]) differ")
        }
        let n = b.count == 2 ? b[1] : 1
        return (a[0], a[1], n, b.count == 2 ? [a[0], n] : [a[0]])
    }

    /// The transpose of a row-major [rows, columns] matrix.
    static func transpose(_ a: [Double], rows: Int, columns: Int) -> [Double] {
        a.withUnsafeBufferPointer { a in
            BufferPool.make(a.count) { t in
                for r in 0..<rows {
                    for c in 0..<columns { t[c * rows + r] = a[r * columns + c] }
                }
            }
        }
    }

    /// The tensor with its axes reversed: a matrix's transpose. The gradient is transposed back.
    public func transposed() -> Tensor {
        let permutation = Array(shape.indices.reversed())
        let outputShape = permutation.map { shape[$0] }
        let out = Tensor.permute(scalars, shape: shape, permutation: permutation)
        let inputShape = shape
        return Tensor(.transpose, [self], shape: outputShape, scalars: out) { upstream, inputs, _ in
            inputs[0].receiveGradient(
                Tensor.permute(upstream, shape: outputShape, permutation: Array(inputShape.indices.reversed())))
        }
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    /// The transpose, as in NumPy's `x.T`.
    public var T: Tensor { transposed() }

    /// The elements of a tensor of `shape` with axes reordered: axis i of the result is axis `permutation[i]`.
    static func permute(_ scalars: [Double], shape: [Int], permutation: [Int]) -> [Double] {
        if shape.count < 2 { return scalars }
        if shape.count == 2 { return transpose(scalars, rows: shape[0], columns: shape[1]) }
        let outputShape = permutation.map { shape[$0] }
        let inputStrides = Shape.strides(shape)
        let readStrides = permutation.map { inputStrides[$0] }
        return scalars.withUnsafeBufferPointer { x in
            BufferPool.make(x.count) { out in
                Shape.forEachBroadcast(outputShape, readStrides, readStrides) { i, offset, _ in out[i] = x[offset] }
            }
        }
    }

    /// The same elements in another shape (row-major order is kept). One size may be
    /// `-1`, meaning whatever fits.
    ///
    /// - Parameter newShape: The shape, with as many elements as this tensor.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        let outputShape: [Int]
        do {
            outputShape = try Tensor.reshapeTarget(shape, to: newShape)
        } catch {
            preconditionFailure(error.message)
        }
        // Row-major order is unchanged, so the gradient's elements pass straight back.
        return Tensor(.reshape, [self], shape: outputShape, scalars: scalars) { upstream, inputs, _ in
            inputs[0].receiveGradient(upstream)
        }
    }

    /// The shape `reshaped(_:)` gives, with any `-1` filled in, or why it cannot be.
    ///
    /// - Throws: ``ShapeError`` such as `reshape: [2, 3] (6 elements) cannot become [4] (4 elements)`.
    public static func reshapeTarget(_ shape: [Int], to newShape: [Int]) throws(ShapeError) -> [Int] {
        let count = Shape.count(shape)
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        let known = newShape.filter { $0 != -1 }
        guard unknown.count <= 1, known.allSatisfy({ $0 >= 0 }) else {
            throw ShapeError("reshape: \(Shape.text(newShape)) may have one -1 and no other negative size")
        }
        var result = newShape
        if let index = unknown.first {
            let rest = Shape.count(known)
            guard rest > 0, count % rest == 0 else {
                throw ShapeError(
                    "reshape: \(Shape.text(shape)) (\(count) elements) cannot become \(Shape.text(newShape))")
            }
            result[index] = count / rest
        }
        guard Shape.count(result) == count else {
            throw ShapeError(
                "reshape: \(Shape.text(shape)) (\(count) elements) cannot become \(Shape.text(result)) "
                    + "(\(Shape.count(result)) elements)")
        }
        return result
    }
}
