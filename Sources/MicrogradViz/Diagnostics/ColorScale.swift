/// A sequential colour scale for numbers on a diagram: perceptually uniform (equal steps
/// in the number look like equal steps in colour) and readable by people with the common
/// forms of colour blindness.
///
/// ```swift
/// ColorScale.viridis.color(at: 0)     // "#440154", dark purple
/// ColorScale.viridis.color(at: 1)     // "#fde725", yellow
/// ```
public struct ColorScale: Sendable, Equatable {
    /// The scale's name, such as `viridis`.
    public let name: String
    /// Evenly spaced colours from the low end to the high end, as `(red, green, blue)` in 0…255.
    let anchors: [(Int, Int, Int)]

    /// matplotlib's default map (van der Walt and Smith): dark purple through blue and green to yellow.
    /// The anchors are matplotlib's colours at ninths of the way, interpolated linearly between them.
    public static let viridis = ColorScale(
        name: "viridis",
        anchors: [
            (0x44, 0x01, 0x54), (0x48, 0x28, 0x78), (0x3e, 0x49, 0x89), (0x31, 0x68, 0x8e), (0x26, 0x82, 0x8e),
            (0x1f, 0x9e, 0x89), (0x35, 0xb7, 0x79), (0x6e, 0xce, 0x58), (0xb5, 0xde, 0x2b), (0xfd, 0xe7, 0x25),
        ])

    /// Nuñez, Anderton and Renslow's map, made to look the same to people with red-green
    /// colour blindness: dark blue through grey to yellow.
    public static let cividis = ColorScale(
        name: "cividis",
        anchors: [
            (0x00, 0x22, 0x4e), (0x12, 0x35, 0x70), (0x3b, 0x49, 0x6c), (0x57, 0x5d, 0x6d), (0x70, 0x71, 0x73),
            (0x8a, 0x86, 0x78), (0xa5, 0x9c, 0x74), (0xc3, 0xb3, 0x69), (0xe1, 0xcc, 0x55), (0xfe, 0xe8, 0x38),
        ])

    /// Every scale, by name.
    public static let all = [viridis, cividis]

    /// The colour at `fraction` of the way from the low end (0) to the high end (1), as
    /// `#rrggbb`; fractions outside 0…1 are clamped.
    public func color(at fraction: Double) -> String {
        let (red, green, blue) = rgb(at: fraction)
        return Self.hex(red, green, blue)
    }

    /// A text colour readable on ``color(at:)``: black on the light part of the scale,
    /// white on the dark part.
    public func textColor(at fraction: Double) -> String {
        let (red, green, blue) = rgb(at: fraction)
        // Relative luminance with the sRGB weights, on the 0…255 values.
        let luminance = 0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)
        return luminance > 120 ? "#000000" : "#ffffff"
    }

    /// `count` colours from the low end to the high end, for a colour bar.
    public func steps(_ count: Int) -> [String] {
        guard count > 1 else { return [color(at: 1)] }
        return (0..<count).map { color(at: Double($0) / Double(count - 1)) }
    }

    private func rgb(at fraction: Double) -> (Int, Int, Int) {
        let clamped = fraction.isNaN ? 0 : Swift.min(Swift.max(fraction, 0), 1)
        let position = clamped * Double(anchors.count - 1)
        let lower = Swift.min(Int(position), anchors.count - 2)
        let t = position - Double(lower)
        let (a, b) = (anchors[lower], anchors[lower + 1])
        func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * t).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    private static func hex(_ red: Int, _ green: Int, _ blue: Int) -> String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { String([digits[$0 / 16], digits[$0 % 16]]) }.joined()
    }

    public static func == (lhs: ColorScale, rhs: ColorScale) -> Bool { lhs.name == rhs.name }
}
