import Foundation
import Testing

@testable import Micrograd

/// Whether `a` and `b` agree to `tolerance`, relative to their size once they exceed 1.
func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Central finite differences of `f` at `x`: (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h for each i.
func numericalGradient(of f: ([Double]) -> Double, at x: [Double], step h: Double = 1e-5) -> [Double] {
    x.indices.map { i in
        var plus = x
        var minus = x
        plus[i] += h
        minus[i] -= h
        return (f(plus) - f(minus)) / (2 * h)
    }
}

/// Checks analytic gradients against central finite differences, reporting each mismatch.
func expectGradientsMatch(
    analytic: [Double], numeric: [Double], tolerance: Double = 1e-5, _ context: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(analytic.count == numeric.count, sourceLocation: sourceLocation)
    for (i, (a, n)) in zip(analytic, numeric).enumerated() {
        #expect(
            isClose(a, n, tolerance: tolerance), "\(context) input \(i): backward \(a), finite differences \(n)",
            sourceLocation: sourceLocation)
    }
}

/// A weak reference to a tape, to check that it has been freed.
struct WeakTape {
    weak var tape: Tape?
    init(_ tape: Tape) { self.tape = tape }
}
