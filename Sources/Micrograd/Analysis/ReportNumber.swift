/// Numbers in findings and reports: three significant digits, in fixed notation from
/// 0.001 to 10,000 and scientific otherwise (`0.0151`, `2.10e-05`, `1.50e+04`), the same
/// text on every machine.
public enum ReportNumber {
    /// The text for `value`.
    public static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        var exponent = Int((Swift.abs(value)).log10Floor)
        var mantissa = (Swift.abs(value) / power(exponent) * 100).rounded()
        if mantissa >= 1000 {
            exponent += 1
            mantissa = (Swift.abs(value) / power(exponent) * 100).rounded()
        }
        let digits = Int(mantissa)
        if exponent >= -3 && exponent < 4 {
            // Three significant digits in fixed notation: digits × 10^(exponent − 2).
            let scale = exponent - 2
            if scale >= 0 { return sign + String(digits * Int(power(scale))) }
            let text = String(digits)
            let decimals = -scale
            let padded = String(repeating: "0", count: Swift.max(0, decimals - text.count + 1)) + text
            let whole = padded.dropLast(decimals)
            var fraction = Substring(padded.suffix(decimals))
            while fraction.last == "0" { fraction = fraction.dropLast() }
            return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
        }
        let exponentText =
            (exponent < 0 ? "-" : "+") + (Swift.abs(exponent) < 10 ? "0" : "") + String(Swift.abs(exponent))
        return sign + "\(digits / 100).\(digits / 10 % 10)\(digits % 10)e" + exponentText
    }

    /// A percentage without decimals, `94%`, or with one below 10% (`2.5%`) so small
    /// fractions do not read as 0.
    public static func percent(_ fraction: Double) -> String {
        let percent = fraction * 100
        if percent > 0 && percent < 10 {
            let tenths = Int((percent * 10).rounded())
            return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
        }
        return "\(Int(percent.rounded()))%"
    }

    private static func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<Swift.abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}

extension Double {
    /// ⌊log₁₀ self⌋ for a positive finite number, exact at powers of ten.
    fileprivate var log10Floor: Double {
        var exponent = 0
        var scaled = self
        while scaled >= 10 {
            scaled /= 10
            exponent += 1
        }
        while scaled < 1 {
            scaled *= 10
            exponent -= 1
        }
        return Double(exponent)
    }
}
