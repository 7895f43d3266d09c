import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Every matrix-product kernel of the build (BLAS and the Swift kernel, or the Swift
/// kernel alone without the trait BLAS), and the choice the engine makes by shape
/// (which adds plain loops for small products and row updates for thin ones), against
/// the textbook triple loop.
@Suite("Matrix product kernels against the textbook loop")
struct MatrixProductTests {
    /// Non-square shapes: single elements; sizes below the small-product cut; thin ones
    /// (few rows, or shallow); edges of the Swift kernel's 6×4 tiles and of its blocks
    /// (96 rows, 256 deep, 2048 columns), none of them a multiple of the block; and one big
    /// enough to be split over threads.
    static let shapes: [(m: Int, k: Int, n: Int)] = [
        (1, 1, 1), (2, 3, 5), (7, 1, 9), (13, 17, 11), (6, 256, 4), (97, 257, 31), (100, 3, 301), (3, 500, 40),
        (50, 600, 7), (3, 5, 2051), (203, 81, 89),
    ]

    /// Each kernel, and nil for the engine's own choice by shape.
    static let kernels: [MatrixProduct.Kernel?] = [nil] + MatrixProduct.Kernel.available

    /// op(A)·op(B) with a plain triple loop; A is m×k (stored k×m when transposed), B k×n.
    static func textbook(
        _ a: [Double], transposeA: Bool, _ b: [Double], transposeB: Bool, m: Int, k: Int, n: Int
    ) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    sum += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j])
                }
                c[i * n + j] = sum
            }
        }
        return c
    }

    @Test(arguments: kernels)
    func kernelMatchesTheTextbookLoop(kernel: MatrixProduct.Kernel?) {
        // More threads than cores, if need be, so that the split over threads runs everywhere.
        let threads = Tensor.maximumThreadCount
        Tensor.maximumThreadCount = Swift.max(threads, 2)
        defer { Tensor.maximumThreadCount = threads }
        var generator = SeededGenerator(seed: 14)
        for (m, k, n) in Self.shapes {
            let a = (0..<(m * k)).map { _ in generator.uniform(in: -1...1) }
            let b = (0..<(k * n)).map { _ in generator.uniform(in: -1...1) }
            let start = (0..<(m * n)).map { _ in generator.uniform(in: -1...1) }
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                let expected = Self.textbook(a, transposeA: transposeA, b, transposeB: transposeB, m: m, k: k, n: n)
                for accumulate in [false, true] {
                    // Without accumulate, C's old contents must never be read: NaN would show through.
                    var c = accumulate ? start : [Double](repeating: .nan, count: m * n)
                    c.withUnsafeMutableBufferPointer { c in
                        MatrixProduct.compute(
                            m: m, n: n, k: k, a, transposeA: transposeA, b, transposeB: transposeB, into: c,
                            accumulate: accumulate, kernel: kernel)
                    }
                    let wanted = accumulate ? zip(start, expected).map { $0 + $1 } : expected
                    let worst = zip(c, wanted).map { Swift.abs($0 - $1) }.max() ?? 0
                    #expect(
                        worst <= 1e-13 * Double(k + 1),
                        "\(kernel.map { "\($0)" } ?? "by shape") \(m)×\(k)·\(k)×\(n), transposed \(transposeA)/\(transposeB), accumulate \(accumulate): off by \(worst)"
                    )
                }
            }
        }
    }

    /// k = 0: an empty sum, so C becomes zeros (or stays as it was when accumulating).
    @Test(arguments: kernels)
    func emptyInnerDimension(kernel: MatrixProduct.Kernel?) {
        var c = [Double](repeating: .nan, count: 6)
        c.withUnsafeMutableBufferPointer { c in
            MatrixProduct.compute(m: 2, n: 3, k: 0, [], [], into: c, accumulate: false, kernel: kernel)
        }
        #expect(c == [0, 0, 0, 0, 0, 0])
        var d = [1.0, 2, 3]
        d.withUnsafeMutableBufferPointer { d in
            MatrixProduct.compute(m: 1, n: 3, k: 0, [], [], into: d, accumulate: true, kernel: kernel)
        }
        #expect(d == [1, 2, 3])
    }

    /// The tensor operation's gradients, through the build's kernel, against finite differences,
    /// for shapes that are neither square nor multiples of any block.
    @Test func matmulGradientsOnOddShapes() {
        TensorGradientTests.check("matmul [7,13] @ [13,5]", shapes: [[7, 13], [13, 5]]) { $0[0].matmul($0[1]) }
        TensorGradientTests.check("matmul [1,9] @ [9,1]", shapes: [[1, 9], [9, 1]]) { $0[0].matmul($0[1]) }
        TensorGradientTests.check("matmul [5,3] @ [3]", shapes: [[5, 3], [3]]) { $0[0].matmul($0[1]) }
        TensorGradientTests.check("transposed operand", shapes: [[6, 4], [6, 3]]) { $0[0].T.matmul($0[1]) }
    }
}
