/// What a recorded value is to the network it belongs to.
///
/// Diagrams give each role its own colour, so a reader sees at a glance which
/// boxes are data, which are learned, and which were computed.
public enum Role: String, Hashable, Sendable, CaseIterable, Codable {
    /// Data fed into the computation, such as a training example. `Value(3.0)` is an input.
    case input
    /// A learned weight or bias that an optimizer updates.
    case parameter
    /// A fixed number written into the computation, such as the `2` in `x * 2`.
    case constant
    /// The result of an operation.
    case intermediate
}
