import Micrograd

/// Marks a diagram carries besides each value's own numbers: colours, short tags and
/// extra lines on boxes, labels on edges, and entries in the key.
///
/// The teaching, debugging and comparing views each compute an overlay from their
/// analysis of a snapshot, and the writers draw any overlay the same way, so a new view
/// needs no change to the writers. Node and edge ids are those of the drawn graph (a
/// ``Micrograd/GraphView``'s `graph`, or the snapshot itself).
///
/// ```swift
/// var overlay = DiagramOverlay()
/// overlay.nodes[3] = .init(fill: "#fecaca", tag: "NaN born here")
/// overlay.edges[.init(node: 5, operand: 0)] = .init(label: "∂o/∂n = 0.5")
/// let dot = snapshot.dot(overlay: overlay)
/// ```
public struct DiagramOverlay: Sendable, Equatable {
    /// How one value's box is marked.
    public struct NodeMark: Sendable, Equatable {
        /// A fill colour replacing the role's (`#rrggbb` or a Graphviz colour name).
        public var fill: String?
        /// A border colour replacing the role's.
        public var border: String?
        /// A border width replacing the role's.
        public var penWidth: Double?
        /// A dashed border, for values shown as not yet computed or not reached.
        public var dashed: Bool
        /// A short tag drawn as the box's first line, such as `dead` or `saturated 94%`.
        public var tag: String?
        /// Lines added at the end of the box, such as `numeric grad 0.5000`.
        public var lines: [String]
        /// Lines added to the box's tooltip.
        public var tooltipLines: [String]
        /// Whether the box's data and grad are shown (a frame of the forward pass hides
        /// numbers not computed yet).
        public var hidesData: Bool
        /// Whether the gradient is hidden.
        public var hidesGrad: Bool
        /// A text colour replacing the role's, to stay readable on a dark `fill`.
        public var fontColor: String?

        /// Creates a mark; every part is optional.
        public init(
            fill: String? = nil, border: String? = nil, penWidth: Double? = nil, dashed: Bool = false,
            tag: String? = nil, lines: [String] = [], tooltipLines: [String] = [], hidesData: Bool = false,
            hidesGrad: Bool = false, fontColor: String? = nil
        ) {
            self.fontColor = fontColor
            self.fill = fill
            self.border = border
            self.penWidth = penWidth
            self.dashed = dashed
            self.tag = tag
            self.lines = lines
            self.tooltipLines = tooltipLines
            self.hidesData = hidesData
            self.hidesGrad = hidesGrad
        }
    }

    /// One drawn edge: the operand slot `operand` of node `node`.
    public struct EdgeID: Sendable, Hashable {
        /// The id of the node whose input the edge is.
        public var node: Int
        /// The operand slot, from 0.
        public var operand: Int

        /// Creates an edge id.
        public init(node: Int, operand: Int) {
            self.node = node
            self.operand = operand
        }
    }

    /// How one edge is marked.
    public struct EdgeMark: Sendable, Equatable {
        /// Text drawn on the edge, such as `∂o/∂n = 0.5000`.
        public var label: String?
        /// A colour replacing the theme's.
        public var color: String?
        /// A line width replacing the default.
        public var penWidth: Double?
        /// A dashed line.
        public var dashed: Bool
        /// The edge's tooltip.
        public var tooltip: String?

        /// Creates a mark; every part is optional.
        public init(
            label: String? = nil, color: String? = nil, penWidth: Double? = nil, dashed: Bool = false,
            tooltip: String? = nil
        ) {
            self.label = label
            self.color = color
            self.penWidth = penWidth
            self.dashed = dashed
            self.tooltip = tooltip
        }
    }

    /// A line of the key.
    public enum KeyEntry: Sendable, Equatable {
        /// A box of this fill and border, then text.
        case swatch(fill: String, border: String, text: String)
        /// A colour bar from the first colour to the last, with text at each end.
        case scale(colors: [String], low: String, high: String, title: String)
        /// Text alone, such as a finding.
        case text(String)
    }

    /// Marks on values, by drawn node id.
    public var nodes: [Int: NodeMark]
    /// Marks on edges.
    public var edges: [EdgeID: EdgeMark]
    /// Entries added to the key, after the roles.
    public var key: [KeyEntry]
    /// Whether edges point from each value to its inputs, the way gradients flow.
    public var reversesEdges: Bool

    /// An overlay; empty by default.
    public init(
        nodes: [Int: NodeMark] = [:], edges: [EdgeID: EdgeMark] = [:], key: [KeyEntry] = [],
        reversesEdges: Bool = false
    ) {
        self.nodes = nodes
        self.edges = edges
        self.key = key
        self.reversesEdges = reversesEdges
    }

    /// Whether the overlay marks nothing.
    public var isEmpty: Bool { nodes.isEmpty && edges.isEmpty && key.isEmpty && !reversesEdges }
}
