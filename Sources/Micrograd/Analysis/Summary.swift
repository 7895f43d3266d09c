/// The statistics a diagram or a table shows for many numbers (a tensor's elements,
/// a layer's gradients): count, mean, range, L2 norm and largest magnitude.
///
/// NaN anywhere makes every statistic NaN, so a summary never hides one. With no
/// numbers at all, every statistic is 0.
///
/// ```swift
/// let gradient = Summary(weight.gradScalars)
/// print(gradient.norm, gradient.largestMagnitude)
/// ```
public struct Summary: Sendable, Equatable {
    /// How many numbers were summarised.
    public let count: Int
    /// Their mean.
    public let mean: Double
    /// The smallest.
    public let minimum: Double
    /// The largest.
    public let maximum: Double
    /// The L2 norm, √Σx².
    public let norm: Double
    /// The largest absolute value, 0 when there are none.
    public let largestMagnitude: Double

    /// Summarises `values`.
    ///
    /// - Complexity: O(n).
    public init(_ values: some Collection<Double>) {
        var total = 0.0
        var squares = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var largest = 0.0
        var sawNaN = false
        for value in values {
            if value.isNaN { sawNaN = true }
            total += value
            squares += value * value
            minimum = Swift.min(minimum, value)
            maximum = Swift.max(maximum, value)
            largest = Swift.max(largest, Swift.abs(value))
        }
        let nan = Double.nan
        let empty = values.isEmpty
        self.count = values.count
        self.mean = sawNaN ? nan : (empty ? 0 : total / Double(values.count))
        self.minimum = sawNaN ? nan : (empty ? 0 : minimum)
        self.maximum = sawNaN ? nan : (empty ? 0 : maximum)
        self.norm = sawNaN ? nan : squares.squareRoot()
        self.largestMagnitude = sawNaN ? nan : largest
    }
}
