/// One problem ``GradientFlow`` found in a graph: where it is, what shows it, and what
/// to try.
///
/// ```swift
/// for finding in GradientFlow(snapshot).findings {
///     print(finding.kind.title, finding.place, finding.evidence, finding.hint)
/// }
/// ```
public struct GradientFinding: Sendable, Equatable {
    /// The kinds of problem, in the order a report lists them (the most urgent first).
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        /// A value became NaN or infinite in the forward pass here, from finite inputs
        /// (or NaN from inputs that were not NaN).
        case nonFiniteForward = "non-finite-forward"
        /// A gradient became NaN or infinite here in the backward pass, although the values
        /// using this one have finite values and gradients.
        case nonFiniteBackward = "non-finite-backward"
        /// Gradients grow from the output down, or are very large.
        case exploding
        /// Gradients shrink from the output down to almost nothing, or are exactly 0 for
        /// all of a module's parameters.
        case vanishing
        /// ReLU units whose output is 0 for every example, so no gradient passes.
        case deadReLU = "dead-relu"
        /// tanh or sigmoid outputs stuck in a flat tail, so little gradient passes.
        case saturated
        /// Inputs or parameters that the output is not computed from.
        case unused

        /// How a report names the kind: `NaN/inf (forward)`, `vanishing`, `dead ReLU`, …
        public var title: String {
            switch self {
            case .nonFiniteForward: "NaN/inf (forward)"
            case .nonFiniteBackward: "NaN/inf (backward)"
            case .exploding: "exploding"
            case .vanishing: "vanishing"
            case .deadReLU: "dead ReLU"
            case .saturated: "saturated"
            case .unused: "unused"
            }
        }

        private var rank: Int { Self.allCases.firstIndex(of: self)! }

        /// Orders kinds by urgency, as they are listed.
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }
    }

    /// What kind of problem.
    public let kind: Kind
    /// Where: a scope path (`mlp/layer1`), a node (`log (n7)`), or a leaf's name.
    public let place: String
    /// The ids of the snapshot's nodes that show the problem, ascending; empty when the
    /// problem is not in the graph (an unused parameter).
    public let nodes: [Int]
    /// The short tag drawn on those nodes: `dead`, `saturated 94%`, `NaN born here`.
    public let tag: String
    /// The numbers that show the problem, in one sentence.
    public let evidence: String
    /// One line on what usually causes it and what to try.
    public let hint: String

    /// Creates a finding.
    ///
    /// - Parameters:
    ///   - kind: What kind of problem.
    ///   - place: Where, as a reader would name it.
    ///   - nodes: The snapshot ids that show it.
    ///   - tag: A short tag for diagrams.
    ///   - evidence: The numbers that show it.
    ///   - hint: What to try.
    public init(kind: Kind, place: String, nodes: [Int], tag: String, evidence: String, hint: String) {
        self.kind = kind
        self.place = place
        self.nodes = nodes
        self.tag = tag
        self.evidence = evidence
        self.hint = hint
    }
}
