/// How ``Micrograd/GraphSnapshot/json(options:)`` writes a graph.
public struct JSONOptions: Sendable, Equatable {
    /// Tensors with more elements than this are written as a summary (count, mean,
    /// min, max, L2 norm) instead of every element; `nil`, the default, writes them all.
    public var summarizingAbove: Int?

    /// Creates options.
    ///
    /// - Parameter summarizingAbove: Summarise tensors of more elements than this; `nil` to keep every element.
    public init(summarizingAbove: Int? = nil) {
        precondition(summarizingAbove.map { $0 >= 0 } ?? true, "JSONOptions: summarizingAbove must not be negative")
        self.summarizingAbove = summarizingAbove
    }
}
