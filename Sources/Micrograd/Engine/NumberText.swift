/// Locale-independent text for numbers.
enum NumberText {
    /// The shortest text that reads back as `value`, without a trailing `.0`:
    /// `2.0` → `"2"`, `0.5` → `"0.5"`, `-1.0` → `"-1"`.
    static func shortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }

    /// The number `text` stands for, reading ``shortest(_:)``'s `inf`, `-inf` and `NaN` too.
    static func parse(_ text: String) -> Double? {
        switch text {
        case "inf": .infinity
        case "-inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }
}
