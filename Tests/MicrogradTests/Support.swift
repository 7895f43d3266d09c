import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

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
