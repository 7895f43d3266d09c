import Foundation

// The package's own matrix-product kernel, used without BLAS. It follows the
// GotoBLAS design: B is copied ("packed") in blocks of 256 rows × 2048 columns,
// cut into panels 4 columns wide; A in blocks of 96 rows × 256, cut into panels
// 6 rows high; a micro-kernel then computes each 6×4 tile of C in registers
// from one panel of each, reading both contiguously. Packing is also where
// transposed operands are read, so the micro-kernel never sees them.

extension MatrixProduct {
    /// Rows of C one micro-kernel call computes.
    static let tileRows = 6
    /// Columns of C one micro-kernel call computes (one `SIMD4<Double>`).
    static let tileColumns = 4
    /// Depth of a packed block: a panel of B, 256 × 4 doubles, is 8 KiB and stays in L1.
    static let depthBlock = 256
    /// Rows of a packed block of A: 96 × 256 doubles, 192 KiB, stay in L2.
    static let rowBlock = 96
    /// Columns of a packed block of B: 256 × 2048 doubles, 4 MiB, stay in L3.
    static let columnBlock = 2048
    /// Products of fewer multiply-adds skip packing, which would cost more than it saves,
    /// and use plain loops that sum each element in order, as the textbook does.
    static let smallProduct = 16_384

    /// The product with the Swift kernel, on up to ``Tensor/maximumThreadCount`` threads.
    static func swiftProduct(_ o: Operands) {
        guard o.m * o.n * o.k >= smallProduct else { return smallSwiftProduct(o) }
        let threads = Swift.min(ThreadLimit.shared.threads(forMultiplyAdds: o.m * o.n * o.k), o.m / tileRows)
        // Each part is a band of whole tiles of rows of C, so parts never share a tile.
        let rowsPerPart = (o.m + Swift.max(threads, 1) - 1) / Swift.max(threads, 1)
        let bandRows = (rowsPerPart + tileRows - 1) / tileRows * tileRows
        let parts = (o.m + bandRows - 1) / bandRows
        let widest = Swift.min(columnBlock, roundedUp(o.n, to: tileColumns))
        let deepest = Swift.min(depthBlock, o.k)
        BufferPool.withScratch(deepest * widest) { packedB in
            for firstColumn in stride(from: 0, to: o.n, by: columnBlock) {
                let columns = Swift.min(columnBlock, o.n - firstColumn)
                for firstDepth in stride(from: 0, to: o.k, by: depthBlock) {
                    let depth = Swift.min(depthBlock, o.k - firstDepth)
                    packB(o, depth: firstDepth..<(firstDepth + depth), columns: firstColumn, columns, into: packedB)
                    let block = Block(
                        operands: o, packedB: packedB, firstColumn: firstColumn, columns: columns,
                        firstDepth: firstDepth, depth: depth, add: o.accumulate || firstDepth > 0)
                    if parts == 1 {
                        block.run(rows: 0..<o.m)
                    } else {
                        let m = o.m
                        DispatchQueue.concurrentPerform(iterations: parts) { part in
                            let first = part * bandRows
                            block.run(rows: first..<Swift.min(first + bandRows, m))
                        }
                    }
                }
            }
        }
    }

    /// One packed block of B and what to multiply it with: shared read-only between
    /// threads, each of which writes its own rows of C.
    private struct Block: @unchecked Sendable {
        let operands: Operands
        let packedB: UnsafeMutablePointer<Double>
        let firstColumn: Int
        let columns: Int
        let firstDepth: Int
        let depth: Int
        /// Add to C (a later depth block, or an accumulating product) rather than overwrite it.
        let add: Bool

        /// Computes `rows` of C for this block: packs A a block of rows at a time, and runs
        /// the micro-kernel over every tile, a panel of B at a time.
        func run(rows: Range<Int>) {
            let o = operands
            BufferPool.withScratch(rowBlock * depth) { packedA in
                for firstRow in stride(from: rows.lowerBound, to: rows.upperBound, by: rowBlock) {
                    let blockRows = Swift.min(rowBlock, rows.upperBound - firstRow)
                    packA(o, rows: firstRow, blockRows, depth: firstDepth..<(firstDepth + depth), into: packedA)
                    for tileColumn in stride(from: 0, to: columns, by: tileColumns) {
                        for tileRow in stride(from: 0, to: blockRows, by: tileRows) {
                            microKernel(
                                depth: depth, packedA + tileRow * depth, packedB + tileColumn * depth,
                                o.c + (firstRow + tileRow) * o.n + firstColumn + tileColumn, rowStride: o.n,
                                rows: Swift.min(tileRows, blockRows - tileRow),
                                columns: Swift.min(tileColumns, columns - tileColumn), add: add)
                        }
                    }
                }
            }
        }
    }

    private static func roundedUp(_ value: Int, to multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }

    /// Copies B(depth, firstColumn ..< firstColumn + columns) into panels 4 columns wide:
    /// panel t holds B(p, firstColumn + 4t + j) at `t·4·depth + 4p + j`, zeros past the edge.
    private static func packB(
        _ o: Operands, depth: Range<Int>, columns firstColumn: Int, _ columns: Int,
        into packed: UnsafeMutablePointer<Double>
    ) {
        var out = packed
        for panel in stride(from: 0, to: columns, by: tileColumns) {
            let width = Swift.min(tileColumns, columns - panel)
            let column = firstColumn + panel
            for p in depth {
                if !o.transposeB && width == tileColumns {
                    let row = o.b + p * o.n + column
                    out[0] = row[0]
                    out[1] = row[1]
                    out[2] = row[2]
                    out[3] = row[3]
                } else {
                    for j in 0..<tileColumns { out[j] = j < width ? o.b(p, column + j) : 0 }
                }
                out += tileColumns
            }
        }
    }

    /// Copies A(firstRow ..< firstRow + rows, depth) into panels 6 rows high: panel t holds
    /// A(firstRow + 6t + i, p) at `t·6·depth + 6p + i`, zeros past the edge.
    private static func packA(
        _ o: Operands, rows firstRow: Int, _ rows: Int, depth: Range<Int>, into packed: UnsafeMutablePointer<Double>
    ) {
        var out = packed
        for panel in stride(from: 0, to: rows, by: tileRows) {
            let height = Swift.min(tileRows, rows - panel)
            let row = firstRow + panel
            if o.transposeA && height == tileRows {
                // Stored k×m: the panel's six values at each depth are contiguous.
                for p in depth {
                    let source = o.a + p * o.m + row
                    for i in 0..<tileRows { out[i] = source[i] }
                    out += tileRows
                }
            } else if !o.transposeA && height == tileRows {
                for p in depth {
                    for i in 0..<tileRows { out[i] = o.a[(row + i) * o.k + p] }
                    out += tileRows
                }
            } else {
                for p in depth {
                    for i in 0..<tileRows { out[i] = i < height ? o.a(row + i, p) : 0 }
                    out += tileRows
                }
            }
        }
    }

    /// acc + b·a, as one fused multiply-add where every processor of the platform has it
    /// (arm64); baseline x86-64 has no FMA, and a fused call there would go to a slow library routine.
    @inline(__always)
    private static func multiplyAdd(_ accumulator: SIMD4<Double>, _ b: SIMD4<Double>, _ a: Double) -> SIMD4<Double> {
        #if arch(arm64)
            accumulator.addingProduct(b, a)
        #else
            accumulator + b * a
        #endif
    }

    /// The 6×4 tile of C from a panel of A (6 × depth) and a panel of B (depth × 4),
    /// kept in registers until the end; stores (or adds) its `rows` × `columns` corner.
    @inline(__always)
    private static func microKernel(
        depth: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
        rowStride: Int, rows: Int, columns: Int, add: Bool
    ) {
        var c0 = SIMD4<Double>()
        var c1 = SIMD4<Double>()
        var c2 = SIMD4<Double>()
        var c3 = SIMD4<Double>()
        var c4 = SIMD4<Double>()
        var c5 = SIMD4<Double>()
        var a = a
        var b = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let row = b.loadUnaligned(as: SIMD4<Double>.self)
            c0 = multiplyAdd(c0, row, a[0])
            c1 = multiplyAdd(c1, row, a[1])
            c2 = multiplyAdd(c2, row, a[2])
            c3 = multiplyAdd(c3, row, a[3])
            c4 = multiplyAdd(c4, row, a[4])
            c5 = multiplyAdd(c5, row, a[5])
            a += tileRows
            b += MemoryLayout<SIMD4<Double>>.stride
        }
        if rows == tileRows && columns == tileColumns {
            @inline(__always) func store(_ value: SIMD4<Double>, row: Int) {
                let target = UnsafeMutableRawPointer(c + row * rowStride)
                let old = add ? target.loadUnaligned(as: SIMD4<Double>.self) : SIMD4<Double>()
                target.storeBytes(of: old + value, as: SIMD4<Double>.self)
            }
            store(c0, row: 0)
            store(c1, row: 1)
            store(c2, row: 2)
            store(c3, row: 3)
            store(c4, row: 4)
            store(c5, row: 5)
        } else {
            var tile = (c0, c1, c2, c3, c4, c5)
            withUnsafeBytes(of: &tile) { raw in
                let values = raw.bindMemory(to: Double.self)
                for i in 0..<rows {
                    for j in 0..<columns {
                        let value = values[i * tileColumns + j]
                        c[i * rowStride + j] = add ? c[i * rowStride + j] + value : value
                    }
                }
            }
        }
    }

    /// Whether a product is thin: so few rows of A or so shallow (m or k at most 8) that
    /// packing for a micro-kernel, in BLAS or here, costs more than the arithmetic, while
    /// C's rows are long enough (n of 16 or more) for vectorised row updates.
    static func isThin(_ o: Operands) -> Bool {
        (o.m <= 8 || o.k <= 8) && o.n >= 16
    }

    /// Thin products: each row of C is built as Σₚ A(i, p)·B(p, ·), one contiguous row of B
    /// at a time (B is first copied transposed when it is stored transposed), so every
    /// element of C is written once per p and summed in order of p, as the textbook does.
    static func thinProduct(_ o: Operands) {
        func run(_ b: UnsafePointer<Double>) {
            // Few rows: read each row of B once, for all rows of C. Shallow: finish one row of C at a time.
            let (outer, inner) = o.m <= 8 ? (o.k, o.m) : (o.m, o.k)
            for first in 0..<outer {
                for second in 0..<inner {
                    let (i, p) = o.m <= 8 ? (second, first) : (first, second)
                    let (row, bRow, scale) = (o.c + i * o.n, b + p * o.n, o.a(i, p))
                    if p == 0 && !o.accumulate {
                        for j in 0..<o.n { row[j] = scale * bRow[j] }
                    } else {
                        for j in 0..<o.n { row[j] += scale * bRow[j] }
                    }
                }
            }
        }
        guard o.transposeB else { return run(o.b) }
        BufferPool.withScratch(o.k * o.n) { b in
            for p in 0..<o.k {
                for j in 0..<o.n { b[p * o.n + j] = o.b[j * o.k + p] }
            }
            run(b)
        }
    }

    /// Small products: plain loops, with no packing. Each element is summed from zero in
    /// order of p and then stored or added, exactly as the textbook loop and an addition
    /// of the finished product would.
    private static func smallSwiftProduct(_ o: Operands) {
        for i in 0..<o.m {
            let row = o.c + i * o.n
            for j in 0..<o.n {
                var total = 0.0
                for p in 0..<o.k { total += o.a(i, p) * o.b(p, j) }
                row[j] = o.accumulate ? row[j] + total : total
            }
        }
    }
}
