import Foundation

/// The loss axis: linear from 0 to a round number, or logarithmic (powers of ten) when
/// the loss falls by more than a factor of 100, as a regression's does.
public struct LossAxis {
    /// Whether values are placed by their logarithm.
    public let isLogarithmic: Bool
    /// The bottom of the axis: a value, or a power of ten when logarithmic.
    public let low: Double
    /// The top of the axis.
    public let high: Double

    /// The axis for these values.
    public init(_ losses: [Double]) {
        let finite = losses.filter(\.isFinite)
        let positive = finite.filter { $0 > 0 }
        if let smallest = positive.min(), let largest = positive.max(), positive.count == finite.count,
            largest / smallest > 100
        {
            isLogarithmic = true
            low = log10(smallest).rounded(.down)
            high = max(log10(largest).rounded(.up), low + 1)
        } else {
            isLogarithmic = false
            low = 0
            high = Self.roundUp(max(finite.max() ?? 1, 1e-12))
        }
    }

    /// Where `value` sits, from 0 (bottom) to 1 (top), clamped.
    public func fraction(_ value: Double) -> Double {
        let position = isLogarithmic ? log10(max(value, 1e-300)) : value
        return min(max((position - low) / (high - low), 0), 1)
    }

    /// The gridlines: each value and where it sits.
    public var ticks: [(value: Double, fraction: Double)] {
        if isLogarithmic {
            let powers = Int(high - low)
            let stride = max(1, (powers + 5) / 6)  // at most about six lines
            return Swift.stride(from: 0, through: powers, by: stride).map { power in
                (pow(10, low + Double(power)), Double(power) / Double(powers))
            }
        }
        return (0...4).map { tick in (high * Double(tick) / 4, Double(tick) / 4) }
    }

    /// `75`, `0.025`, `1e-05`: as few digits as the value needs.
    public static func label(_ value: Double) -> String {
        String(format: "%g", value)
    }

    /// The smallest of 1, 2, 4, 5 or 8 × 10ᵏ that is at least `value`, so that
    /// quarters of it are round too.
    public static func roundUp(_ value: Double) -> Double {
        let scale = pow(10, log10(value).rounded(.down))
        let step = [1.0, 2, 4, 5, 8, 10].first { $0 * scale >= value * (1 - 1e-12) } ?? 10
        return step * scale
    }
}
