/// The thresholds ``GradientFlow`` judges a graph by. The defaults flag the classic
/// failures (a deep sigmoid stack, a learning rate a hundred times too large, ReLUs
/// pushed below zero, a NaN) and leave healthy networks without findings.
///
/// ```swift
/// var options = GradientFlowOptions()
/// options.saturatedFraction = 0.2     // stricter than the default 0.5
/// let flow = GradientFlow(snapshot, options: options)
/// ```
public struct GradientFlowOptions: Sendable, Equatable {
    /// How close to a bound a tanh or sigmoid output must be to count as saturated:
    /// |tanh| > 1 − margin, sigmoid < margin or > 1 − margin. Default 0.03, where the
    /// local derivative is below about 0.06 (tanh) or 0.03 (sigmoid).
    public var saturationMargin = 0.03
    /// The fraction of a layer's (or a tensor's) tanh or sigmoid outputs that must be
    /// saturated for a finding. Default 0.5.
    public var saturatedFraction = 0.5
    /// The fraction of a layer's ReLU units that must be dead (output 0 for every example)
    /// for a finding. Default 0: any dead unit is reported.
    public var deadUnitFraction = 0.0
    /// A layer whose output gradient (RMS) is below this fraction of the output layer's has
    /// a vanishing gradient. Default 0.01: two orders of magnitude lost between the output
    /// and that layer (an 8-layer sigmoid MLP loses about that much; a healthy 3-layer ReLU
    /// MLP keeps within a factor of 10).
    public var vanishingRatio = 1e-2
    /// A layer whose output gradient (RMS) is above this multiple of the output layer's has
    /// an exploding gradient. Default 100.
    public var explodingRatio = 1e2
    /// A layer's parameter gradient norm (or, in a graph without layers, a parameter's)
    /// above this is exploding whatever the other layers do. Default 1e4.
    public var explodingNorm = 1e4

    /// The default thresholds.
    public init() {}
}
