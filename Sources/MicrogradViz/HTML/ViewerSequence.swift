/// Ordered steps through a graph that the page walks with a slider and a play button,
/// such as the backward pass: at step k, the values of step k are marked as current,
/// those of the earlier steps as done, and the step's caption is shown. A sequence may
/// also say when each value's data or gradient becomes known, and the page then dims the
/// boxes and hides the numbers not yet known at the step, as the frames of `steps` do.
public struct ViewerSequence: Sendable {
    /// Which number of a value a sequence fills in as it goes.
    public enum Field: String, Sendable, Equatable {
        /// The value's data, computed by the forward pass.
        case data
        /// The value's gradient, completed by the backward pass.
        case grad
    }

    /// When each value's number becomes known during a sequence.
    public struct Unknown: Sendable, Equatable {
        /// The number the sequence fills in.
        public var field: Field
        /// Per snapshot id, the first step (from 1) at which the value's number is known:
        /// 0 if it is known from the start, such as a leaf's data, and `steps.count + 1`
        /// if it is not known at any step.
        public var knownFrom: [Int]

        /// Creates the knowledge of a sequence.
        ///
        /// - Parameters:
        ///   - field: The number the sequence fills in.
        ///   - knownFrom: Per snapshot id, the first step at which it is known.
        public init(field: Field, knownFrom: [Int]) {
            self.field = field
            self.knownFrom = knownFrom
        }

        /// The snapshot ids whose number is not yet known at `step` (from 1); none at
        /// step 0, where the page shows the whole graph.
        public func unknownValues(at step: Int) -> [Int] {
            guard step > 0 else { return [] }
            return knownFrom.indices.filter { knownFrom[$0] > step }
        }
    }

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
    /// When each value's number becomes known, if the page should hide it until then.
    public var unknown: Unknown?

    /// Creates a sequence.
    ///
    /// - Parameters:
    ///   - id: A short stable name.
    ///   - title: What the slider is called.
    ///   - steps: The steps, in order.
    ///   - unknown: When each value's number becomes known; `nil` to show every number
    ///     at every step.
    public init(id: String, title: String, steps: [Step], unknown: Unknown? = nil) {
        self.id = id
        self.title = title
        self.steps = steps
        self.unknown = unknown
    }
}
