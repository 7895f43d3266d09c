import ArgumentParser
import MicrogradViz

/// What snapshot and expr add to a diagram for teaching: the chain rule on its edges,
/// and a check of its gradients.
struct TeachingOptions: ParsableArguments {
    @Option(
        help: """
            What edges say: plain; chain (each edge's local derivative, ∂o/∂n = 1 − o² = 0.5000, and the product \
            that flows back, × 1.0000 = 0.5000); or grad (arrows drawn backwards, labelled with the gradient that flows).
            """)
    var edges: EdgeLabels = .plain

    @Flag(
        help: """
            Check each input's and parameter's gradient against central finite differences; mismatches are marked \
            on the diagram and in a table (the exit status stays 0 unless --strict).
            """)
    var gradcheck = false

    @Flag(help: "With --gradcheck, exit with status 1 when a gradient disagrees.")
    var strict = false

    @Option(parsing: .unconditional, help: "The largest relative error --gradcheck accepts.")
    var tolerance: Double = 1e-5

    mutating func validate() throws {
        guard tolerance > 0 && tolerance.isFinite else {
            throw ValidationError("--tolerance must be a positive number, not \(tolerance)")
        }
        if strict && !gradcheck { throw ValidationError("--strict applies to --gradcheck; add --gradcheck") }
    }
}
