/// How ``Micrograd/GraphSnapshot/dot(options:overlay:)`` draws a graph.
///
/// ```swift
/// let dot = snapshot.dot(options: DOTOptions(style: .compact, rankDirection: .topToBottom, theme: .dark))
/// ```
public struct DOTOptions: Sendable, Equatable {
    /// How values and operations are drawn.
    public enum Style: String, Sendable, CaseIterable {
        /// Each value is a record box `label | data … | grad …`, and each operation a small
        /// separate node feeding its result, as in the lecture diagrams.
        case record
        /// Each value is one box that also names the operation that produced it.
        case compact
    }

    /// How values and operations are drawn.
    public var style: Style
    /// Which fields each value shows.
    public var fields: NodeFields
    /// How numbers are written.
    public var numberFormat: NumberFormat
    /// The direction the graph flows in.
    public var rankDirection: RankDirection
    /// The colours.
    public var theme: Theme
    /// A title drawn above the graph.
    public var title: String?
    /// Whether to draw a small key to the roles' colours.
    public var showsLegend: Bool
    /// How named values are titled: by their own name, or by their full path.
    public var names: Names
    /// Whether to draw each module scope as a box around its values (nested scopes nest).
    /// Graphviz lays boxes out slowly in big graphs: measured here, a 1,000-value MLP
    /// graph takes about 40 s with a box per neuron and 3 s without boxes.
    public var groupsScopes: Bool
    /// The size in points of the text in value boxes (operations, edge labels, the title
    /// and the key are sized in proportion); `nil` for the theme's own (11, or 16 for `.slide`).
    public var fontSize: Double?
    /// Whether the background is transparent instead of the theme's colour, so that a
    /// diagram sits on any slide.
    public var transparentBackground: Bool
    /// Whether a constant's gradient is shown. It is hidden by default: nothing can change a
    /// constant, so its gradient is noise on a slide (its tooltip still has it).
    public var showsConstantGradients: Bool
    /// Whether each value's fields are stacked one above the other whatever the direction
    /// of the graph, so that hiding a number leaves every line where it was (the frames
    /// of a backpropagation animation rely on it).
    public var stacksFields: Bool
    /// Graphviz settings for laying out big graphs faster; Graphviz's own by default.
    public var layoutTuning = LayoutTuning()

    /// Creates options; every parameter has the default the lecture diagrams use.
    ///
    /// - Parameters:
    ///   - style: `.record` (separate operation nodes) or `.compact`.
    ///   - fields: Which of label, data and grad to show.
    ///   - precision: Digits after the decimal point (default 4).
    ///   - rankDirection: `.leftToRight` (default) or `.topToBottom`.
    ///   - theme: `.light` (default), `.dark`, `.print`, `.slide` or `.auto`.
    ///   - title: A title drawn above the graph.
    ///   - showsLegend: Whether to draw a key to the roles' colours.
    ///   - groupsScopes: Whether to draw module scopes as boxes.
    ///   - fontSize: The size of the text in value boxes, in points; `nil` for the theme's.
    ///   - transparentBackground: Whether the background is transparent.
    ///   - showsConstantGradients: Whether constants show their gradients.
    ///   - stacksFields: Whether fields are stacked in every direction.
    ///   - names: `.short` (default) titles a value `weight`; `.full` titles it with its scope, `mlp/layer0/weight`.
    public init(
        style: Style = .record, fields: NodeFields = .all, precision: Int = 4,
        rankDirection: RankDirection = .leftToRight, theme: Theme = .light, title: String? = nil,
        showsLegend: Bool = true, groupsScopes: Bool = true, fontSize: Double? = nil,
        transparentBackground: Bool = false, showsConstantGradients: Bool = false, stacksFields: Bool = false,
        names: Names = .short
    ) {
        self.style = style
        self.fields = fields
        self.numberFormat = NumberFormat(precision: precision)
        self.rankDirection = rankDirection
        self.theme = theme
        self.title = title
        self.showsLegend = showsLegend
        self.groupsScopes = groupsScopes
        self.fontSize = fontSize
        self.transparentBackground = transparentBackground
        self.showsConstantGradients = showsConstantGradients
        self.stacksFields = stacksFields
        self.names = names
    }

    /// How a named value's box is titled.
    public enum Names: String, Sendable, CaseIterable {
        /// By its own name: `weight`, `w0`.
        case short
        /// By its scope and name: `mlp/layer0/weight`, `mlp/layer1/neuron2/w0`.
        case full
    }
}

/// Which fields a value's box shows.
public struct NodeFields: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    /// Creates a set of fields from its raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The value's label (or, without one, nothing).
    public static let label = NodeFields(rawValue: 1)
    /// The value's data.
    public static let data = NodeFields(rawValue: 2)
    /// The value's gradient.
    public static let grad = NodeFields(rawValue: 4)
    /// Label, data and gradient.
    public static let all: NodeFields = [.label, .data, .grad]
}

/// The direction a diagram flows in.
public enum RankDirection: String, Sendable, CaseIterable {
    /// Inputs on the left, the root on the right.
    case leftToRight = "LR"
    /// Inputs at the top, the root at the bottom.
    case topToBottom = "TB"
}
