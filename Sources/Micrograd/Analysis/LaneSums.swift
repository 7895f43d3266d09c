/// Running figures over a buffer of numbers, summed in four lanes so the loop runs at
/// the speed of memory: `train --diagnose` reads every activation of a batch each step.
///
/// The lanes are added in a fixed order, so a buffer always gives the same figures,
/// within rounding of a plain left-to-right sum.
enum LaneSums {
    /// Σx and Σx² of `values`.
    static func moments(_ values: UnsafeBufferPointer<Double>) -> (total: Double, squares: Double) {
        var total = SIMD4<Double>()
        var squares = SIMD4<Double>()
        let count = values.count
        var index = 0
        if let base = values.baseAddress {
            while index + 4 <= count {
                let lane = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD4<Double>.self)
                total += lane
                squares += lane * lane
                index += 4
            }
        }
        var sum = total.sum()
        var sumOfSquares = squares.sum()
        while index < count {
            sum += values[index]
            sumOfSquares += values[index] * values[index]
            index += 1
        }
        return (sum, sumOfSquares)
    }

    /// The figures of the magnitudes |x| of `values`: Σ|x|, Σx², the smallest and the
    /// largest (NaNs left out of both; `infinity` and 0 when there are none), and whether
    /// there was a NaN.
    static func magnitudes(_ values: UnsafeBufferPointer<Double>) -> Magnitudes {
        var total = SIMD4<Double>()
        var squares = SIMD4<Double>()
        var smallest = SIMD4<Double>(repeating: .infinity)
        var largest = SIMD4<Double>()
        let count = values.count
        var index = 0
        if let base = values.baseAddress {
            let signless = SIMD4<UInt64>(repeating: ~(1 << 63))
            while index + 4 <= count {
                let bits = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD4<UInt64>.self) & signless
                let lane = unsafeBitCast(bits, to: SIMD4<Double>.self)
                total += lane
                squares += lane * lane
                // A NaN compares false, so it never replaces a bound.
                smallest.replace(with: lane, where: lane .< smallest)
                largest.replace(with: lane, where: lane .> largest)
                index += 4
            }
        }
        var result = Magnitudes(
            total: total.sum(), squares: squares.sum(), smallest: smallest.min(), largest: largest.max())
        while index < count {
            let magnitude = Swift.abs(values[index])
            result.total += magnitude
            result.squares += magnitude * magnitude
            if magnitude < result.smallest { result.smallest = magnitude }
            if magnitude > result.largest { result.largest = magnitude }
            index += 1
        }
        return result
    }

    /// What ``magnitudes(_:)`` gives.
    struct Magnitudes {
        var total: Double
        var squares: Double
        var smallest: Double
        var largest: Double
        /// Whether a NaN was among the numbers: magnitudes are never negative, so only a
        /// NaN makes their total NaN.
        var sawNaN: Bool { total.isNaN }
    }
}
