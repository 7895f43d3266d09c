/// Ordered steps through a graph that the page walks with a slider and a play button,
/// such as the backward pass: at step k, the values of step k are marked as current,
/// those of the earlier steps as done, and the step's caption is shown.
public struct ViewerSequence: Sendable {
    /// One step.
    public struct Step: Sendable, Equatable {
        /// What happens at this step, such as the chain rule at a value.
        public var caption: String
        /// The snapshot ids of the values the step is about.
        public var nodes: [Int]

        /// Creates a step.
        ///
        /// - Parameters:
        ///   - caption: What happens at the step.
        ///   - nodes: The snapshot ids it marks.
        public init(caption: String, nodes: [Int]) {
            self.caption = caption
            self.nodes = nodes
        }
    }

    /// A short stable name, such as `backward`.
    public var id: String
    /// What the slider is called, such as `Backward pass`.
    public var title: String
    /// The steps, in order.
    public var steps: [Step]

    /// Creates a sequence.
    ///
    /// - Parameters:
    ///   - id: A short stable name.
    ///   - title: What the slider is called.
    ///   - steps: The steps, in order.
    public init(id: String, title: String, steps: [Step]) {
        self.id = id
        self.title = title
        self.steps = steps
    }
}
