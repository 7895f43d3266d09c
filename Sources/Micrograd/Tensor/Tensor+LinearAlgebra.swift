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
        let out = Tensor.multiply(scalars, other.scalars, m: m, k: k, n: n)
        return Tensor(.matmul, [self, other], shape: outputShape, scalars: out) { upstream, inputs, _ in
            // upstream is [m, n]; A is [m, k]; B is [k, n].
            let dA = Tensor.multiply(
                upstream, Tensor.transpose(inputs[1].scalars, rows: k, columns: n), m: m, k: n, n: k)
            let dB = Tensor.multiply(
                Tensor.transpose(inputs[0].scalars, rows: m, columns: k), upstream, m: k, k: m, n: n)
            return [dA, dB]
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

    /// C = A·B for row-major A [m, k] and B [k, n]. Big products are split by rows
    /// over the processor's cores; each part runs ``multiplyRows(_:_:_:rows:k:n:)``.
    static func multiply(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        c.withUnsafeMutableBufferPointer { c in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    let (aBase, bBase, cBase) = (a.baseAddress!, b.baseAddress!, c.baseAddress!)
                    let parts = m * k * n >= 1 << 21 ? min(ProcessInfo.processInfo.activeProcessorCount, m / 8) : 1
                    guard parts > 1 else { return multiplyRows(aBase, bBase, cBase, rows: m, k: k, n: n) }
                    let pointers = RowPointers(a: aBase, b: bBase, c: cBase)
                    // Parts of whole blocks of 4 rows, so that each part uses the 4-row kernel.
                    let rowsPerPart = (m / parts + 3) / 4 * 4
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        let first = part * rowsPerPart
                        let rows = min(rowsPerPart, m - first)
                        guard rows > 0 else { return }
                        multiplyRows(
                            pointers.a + first * k, pointers.b, pointers.c + first * n, rows: rows, k: k, n: n)
                    }
                }
            }
        }
        return c
    }

    /// The operands of one product, shared read-only (A, B) or by disjoint rows (C) between threads.
    private struct RowPointers: @unchecked Sendable {
        let a: UnsafePointer<Double>
        let b: UnsafePointer<Double>
        let c: UnsafeMutablePointer<Double>
    }

    /// Adds A·B to C for `rows` rows of A and C. Four rows of C are updated together, so
    /// each element of B loaded is used four times, over blocks of B small enough to stay
    /// in cache (128 rows of B × 256 columns); the innermost loop runs along contiguous
    /// rows of B and C, which the compiler vectorises.
    private static func multiplyRows(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
        rows: Int, k: Int, n: Int
    ) {
        let columnBlock = 256
        let depthBlock = 128
        for p0 in stride(from: 0, to: k, by: depthBlock) {
            let pEnd = min(p0 + depthBlock, k)
            for j0 in stride(from: 0, to: n, by: columnBlock) {
                let width = min(columnBlock, n - j0)
                var i = 0
                while i + 4 <= rows {
                    let (c0, c1, c2, c3) = (
                        c + i * n + j0, c + (i + 1) * n + j0, c + (i + 2) * n + j0, c + (i + 3) * n + j0
                    )
                    for p in p0..<pEnd {
                        let (a0, a1, a2, a3) = (
                            a[i * k + p], a[(i + 1) * k + p], a[(i + 2) * k + p], a[(i + 3) * k + p]
                        )
                        let bRow = b + p * n + j0
                        for j in 0..<width {
                            let value = bRow[j]
                            c0[j] += a0 * value
                            c1[j] += a1 * value
                            c2[j] += a2 * value
                            c3[j] += a3 * value
                        }
                    }
                    i += 4
                }
                while i < rows {
                    let row = c + i * n + j0
                    for p in p0..<pEnd {
                        let scale = a[i * k + p]
                        let bRow = b + p * n + j0
                        for j in 0..<width { row[j] += scale * bRow[j] }
                    }
                    i += 1
                }
            }
        }
    }

    /// The transpose of a row-major [rows, columns] matrix.
    static func transpose(_ a: [Double], rows: Int, columns: Int) -> [Double] {
        var t = [Double](repeating: 0, count: a.count)
        t.withUnsafeMutableBufferPointer { t in
            a.withUnsafeBufferPointer { a in
                for r in 0..<rows {
                    for c in 0..<columns { t[c * rows + r] = a[r * columns + c] }
                }
            }
        }
        return t
    }

    /// The tensor with its axes reversed: a matrix's transpose. The gradient is transposed back.
    public func transposed() -> Tensor {
        let permutation = Array(shape.indices.reversed())
        let outputShape = permutation.map { shape[$0] }
        let out = Tensor.permute(scalars, shape: shape, permutation: permutation)
        let inputShape = shape
        return Tensor(.transpose, [self], shape: outputShape, scalars: out) { upstream, _, _ in
            [Tensor.permute(upstream, shape: outputShape, permutation: Array(inputShape.indices.reversed()))]
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
        var result = [Double](repeating: 0, count: scalars.count)
        result.withUnsafeMutableBufferPointer { out in
            scalars.withUnsafeBufferPointer { x in
                Shape.forEachBroadcast(outputShape, readStrides, readStrides) { i, offset, _ in out[i] = x[offset] }
            }
        }
        return result
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
        return Tensor(.reshape, [self], shape: outputShape, scalars: scalars) { upstream, _, _ in
            [upstream]
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
