import Foundation

/// A small, fast, seedable random number generator: the same seed gives the same
/// numbers on every run and every machine.
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded, so models and
/// datasets use this instead. The algorithm is **xoshiro256\*\*** (Blackman and
/// Vigna, 2018), with its 256-bit state filled from the seed by **SplitMix64**,
/// exactly as the algorithm's authors recommend. The outputs match their
/// reference C implementation.
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// let x = generator.uniform(in: -1...1)
/// let n = Int.random(in: 0..<10, using: &generator)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose sequence is fixed by `seed`.
    ///
    /// - Parameter seed: Any number; different seeds give unrelated sequences.
    public init(seed: UInt64) {
        var splitMix = seed
        state = (
            Self.splitMix64(&splitMix), Self.splitMix64(&splitMix),
            Self.splitMix64(&splitMix), Self.splitMix64(&splitMix)
        )
    }

    /// The next 64 random bits (xoshiro256\*\*).
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = Self.rotateLeft(state.3, by: 45)
        return result
    }

    /// A uniformly distributed number in `0 ..< 1`, from the top 53 bits of ``next()``.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniformly distributed number in `range`.
    ///
    /// - Parameter range: The interval to draw from, such as `-1...1`.
    public mutating func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }

    /// A normally distributed number (Box–Muller transform).
    ///
    /// - Parameters:
    ///   - mean: The centre of the distribution.
    ///   - standardDeviation: Its spread.
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let u1 = 1 - nextUnit()  // in (0, 1], so the logarithm is finite
        let u2 = nextUnit()
        return mean + standardDeviation * (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
