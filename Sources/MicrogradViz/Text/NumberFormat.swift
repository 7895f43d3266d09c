/// How diagrams write numbers: a fixed number of decimals, switching to
/// scientific notation for magnitudes that fixed notation would hide or bloat.
///
/// With the default precision of 4: `2.0` → `2.0000`, `-0.70710678` → `-0.7071`,
/// `0.00001234` → `1.2340e-05`, `12345678` → `1.2346e+07`, and `NaN`, `inf`, `-inf`
/// as such. Formatting never depends on the locale or the C library, so the
/// same number gives the same text on every machine.
public struct NumberFormat: Sendable, Equatable {
    /// Digits after the decimal point, from 0 to 12.
    public var precision: Int

    /// Creates a format.
    ///
    /// - Parameter precision: Digits after the decimal point, clamped to 0…12.
    public init(precision: Int = 4) {
        self.precision = min(max(precision, 0), 12)
    }

    /// Magnitudes from here up to ``largestFixed`` are written in fixed notation.
    static let smallestFixed = 1e-3
    /// Magnitudes below this (and at least ``smallestFixed``) are written in fixed notation.
    static let largestFixed = 1e6

    /// The text for `value`.
    public func format(_ value: Double) -> String {
        var buffer = TextBuffer(capacity: 16)
        append(value, to: &buffer)
        return buffer.string
    }

    /// Appends the text for `value`, writing fixed notation straight into the buffer.
    func append(_ value: Double, to buffer: inout TextBuffer) {
        if value.isNaN { return buffer.append("NaN") }
        if value.isInfinite { return buffer.append(value < 0 ? "-inf" : "inf") }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < Self.smallestFixed || magnitude >= Self.largestFixed) {
            return appendScientific(value, to: &buffer)
        }
        // Below 10¹⁸, so the scaled value is rounded exactly as an integer; IEEE
        // arithmetic makes the result the same on every machine.
        let scaled = UInt64((magnitude * Self.powersOfTen[precision]).rounded(.toNearestOrAwayFromZero))
        if value < 0 && scaled != 0 { buffer.append(UInt8(ascii: "-")) }  // never "-0.0000"
        let divisor = Self.integerPowersOfTen[precision]
        buffer.append(scaled / divisor)
        guard precision > 0 else { return }
        buffer.append(UInt8(ascii: "."))
        var fraction = scaled % divisor
        var place = divisor / 10
        while place > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(fraction / place))
            fraction %= place
            place /= 10
        }
    }

    /// Appends `d.dddde±XX`, made from the shortest decimal digits Swift prints
    /// for `value` (an exact, platform-independent algorithm), rounded half up.
    private func appendScientific(_ value: Double, to buffer: inout TextBuffer) {
        let text = value.magnitude.description  // e.g. "0.000123", "1.2345e-05", "12345678.0"
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            // The mantissa's digits D (integer part, then fraction), its integer part's
            // length, and the power after "e": the first significant digit, at index
            // k of D, stands for 10^(integerLength − 1 − k + power).
            var count = 0
            var digitsSeen = 0
            var leadingZeros = 0
            var integerLength = 0
            var seenPoint = false
            var power = 0
            var powerSign = 1
            var inPower = false
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9") where inPower:
                    power = power * 10 + Int(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if !seenPoint { integerLength += 1 }
                    if count == 0 && byte == UInt8(ascii: "0") {
                        leadingZeros += 1
                    } else if count < 40 {
                        digits[count] = byte - UInt8(ascii: "0")
                        count += 1
                    }
                    digitsSeen += 1
                case UInt8(ascii: "."): seenPoint = true
                case UInt8(ascii: "e"): inPower = true
                case UInt8(ascii: "-") where inPower: powerSign = -1
                default: break
                }
            }
            var exponent = integerLength - 1 - leadingZeros + powerSign * power
            // Round to precision + 1 significant digits, half up.
            let keep = precision + 1
            if count > keep {
                var carry = digits[keep] >= 5
                var index = keep - 1
                while carry && index >= 0 {
                    if digits[index] == 9 {
                        digits[index] = 0
                        index -= 1
                    } else {
                        digits[index] += 1
                        carry = false
                    }
                }
                if carry {  // 9.9999… rounded up to 10.000…
                    digits[0] = 1
                    exponent += 1
                }
            }
            if value < 0 { buffer.append(UInt8(ascii: "-")) }
            for index in 0..<keep {
                if index == 1 { buffer.append(UInt8(ascii: ".")) }
                buffer.append(UInt8(ascii: "0") + (index < count ? digits[index] : 0))
            }
            buffer.append(UInt8(ascii: "e"))
            buffer.append(UInt8(ascii: exponent < 0 ? "-" : "+"))
            if abs(exponent) < 10 { buffer.append(UInt8(ascii: "0")) }
            buffer.append(abs(exponent))
        }
    }

    private static let powersOfTen: [Double] = (0...12).map { power in
        (0..<power).reduce(1.0) { result, _ in result * 10 }
    }

    private static let integerPowersOfTen: [UInt64] = (0...12).map { power in
        (0..<power).reduce(1) { result, _ in result * 10 }
    }
}
