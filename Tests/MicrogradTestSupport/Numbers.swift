/// Whether `a` and `b` agree to `tolerance`, relative to their size once they exceed 1.
/// NaN matches NaN, and infinities match only themselves.
public func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Central finite differences of `f` at `x`: (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h for each i.
public func numericalGradient(of f: ([Double]) -> Double, at x: [Double], step h: Double = 1e-5) -> [Double] {
    x.indices.map { i in
        var plus = x
        var minus = x
        plus[i] += h
        minus[i] -= h
        return (f(plus) - f(minus)) / (2 * h)
    }
}
