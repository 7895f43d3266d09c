import Foundation

/// The matrix products behind ``Tensor/matmul(_:)`` and its gradients:
/// C = op(A)·op(B), or C += op(A)·op(B), for row-major matrices, where op(X) is X or Xᵀ.
///
/// Two kernels compute it: the system's BLAS (`cblas_dgemm` from OpenBLAS or
/// Accelerate) when the package trait `BLAS` is on, which it is by default, and this
/// package's own Swift kernel (``swiftProduct(_:)``), which needs no C library. BLAS
/// is used where it pays: small products (plain loops) and thin ones (row updates)
/// stay in Swift. Tests check every path against a textbook triple loop.
enum MatrixProduct {
    /// Who computes a product.
    enum Kernel: Sendable, CaseIterable {
        /// `cblas_dgemm` from the system's BLAS.
        case blas
        /// This package's Swift kernel.
        case swift

        /// The kernels this build has: BLAS only with the trait `BLAS`.
        static var available: [Kernel] {
            #if BLAS
                [.blas, .swift]
            #else
                [.swift]
            #endif
        }
    }

    /// Products of at least this many multiply-adds (about 1 ms of one core's work) may
    /// use several threads; smaller ones stay on the calling thread.
    static let parallelProduct = 1 << 20

    /// The kernel big products use: BLAS when the build has it.
    static let preferred: Kernel = Kernel.available[0]

    /// The kernel for a product of `multiplyAdds` multiply-adds: below
    /// ``smallProduct``, the Swift kernel's plain loops, which cost less than a call into
    /// BLAS for so little work and give the same result on every machine (sample graphs
    /// and their golden files stay exact); above, ``preferred``.
    static func kernel(forMultiplyAdds multiplyAdds: Int) -> Kernel {
        multiplyAdds < smallProduct ? .swift : preferred
    }

    /// One product's sizes and memory. A is m×k (stored k×m when `transposeA`), B is
    /// k×n (stored n×k when `transposeB`), C is m×n; all row-major and contiguous.
    struct Operands {
        var m: Int
        var n: Int
        var k: Int
        var a: UnsafePointer<Double>
        var transposeA: Bool
        var b: UnsafePointer<Double>
        var transposeB: Bool
        var c: UnsafeMutablePointer<Double>
        /// Add to C instead of overwriting it; when false, C's old contents are never read.
        var accumulate: Bool

        /// A(i, p).
        @inline(__always) func a(_ i: Int, _ p: Int) -> Double { transposeA ? a[p * m + i] : a[i * k + p] }
        /// B(p, j).
        @inline(__always) func b(_ p: Int, _ j: Int) -> Double { transposeB ? b[j * k + p] : b[p * n + j] }
    }

    /// Computes the product with `kernel`; or, when `kernel` is nil, as the engine
    /// chooses by shape: thin products (see ``isThin(_:)``) with ``thinProduct(_:)``,
    /// others with the kernel ``kernel(forMultiplyAdds:)`` chooses.
    static func compute(_ operands: Operands, kernel: Kernel? = nil) {
        let o = operands
        guard o.m > 0, o.n > 0 else { return }
        guard o.k > 0 else {
            // An empty sum: C = 0, or C unchanged.
            if !o.accumulate { o.c.update(repeating: 0, count: o.m * o.n) }
            return
        }
        if kernel == nil && o.m * o.n * o.k >= smallProduct && isThin(o) { return thinProduct(o) }
        switch kernel ?? Self.kernel(forMultiplyAdds: o.m * o.n * o.k) {
        case .blas:
            #if BLAS
                blasProduct(o)
            #else
                preconditionFailure("MatrixProduct: this build has no BLAS (the package trait BLAS is off)")
            #endif
        case .swift:
            swiftProduct(o)
        }
    }

    /// C = op(A)·op(B) (or C +=) for arrays: the convenience the tensor operations use.
    ///
    /// - Parameters:
    ///   - a: A's elements, row-major.
    ///   - b: B's elements, row-major.
    ///   - c: C's m·n elements.
    static func compute(
        m: Int, n: Int, k: Int, _ a: [Double], transposeA: Bool = false, _ b: [Double], transposeB: Bool = false,
        into c: UnsafeMutableBufferPointer<Double>, accumulate: Bool, kernel: Kernel? = nil
    ) {
        precondition(
            a.count == m * k && b.count == k * n && c.count == m * n, "MatrixProduct: sizes do not fit the arrays")
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                guard let aBase = a.baseAddress, let bBase = b.baseAddress, let cBase = c.baseAddress else {
                    // An empty operand: C is m×n with k = 0 or has no elements.
                    if !accumulate { c.update(repeating: 0) }
                    return
                }
                compute(
                    Operands(
                        m: m, n: n, k: k, a: aBase, transposeA: transposeA, b: bBase, transposeB: transposeB,
                        c: cBase, accumulate: accumulate), kernel: kernel)
            }
        }
    }
}
