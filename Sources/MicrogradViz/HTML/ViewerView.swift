import Foundation
import Micrograd

/// One diagram of a graph, laid out ahead by Graphviz, and what each of its boxes
/// stands for: a value of the snapshot, or a whole scope merged into one box.
///
/// The SVG must come from a DOT text whose value boxes have the ids `n<k>` for drawn
/// node `k` (as ``Micrograd/GraphSnapshot/dot(options:overlay:)`` and
/// ``Micrograd/GraphView/dot(options:overlay:)`` write them).
public struct ViewerView: Sendable {
    /// A short stable name, such as `every-value` or `depth-2`.
    public var id: String
    /// What the view menu says, such as `scopes at depth 2 as boxes`.
    public var title: String
    /// The diagram, as Graphviz wrote it.
    public var svg: String
    /// For each snapshot value, the drawn node that shows it (itself, or the box of its
    /// merged scope), or `nil` when it is not drawn; `nil` for a diagram of every value.
    public var drawnNodeOfValue: [Int?]?
    /// The merged scopes among the drawn nodes, by drawn node id.
    public var collapsedScopes: [Int: GraphView.CollapsedScope]

    /// A diagram of every value of the snapshot, node for node.
    ///
    /// - Parameters:
    ///   - id: A short stable name.
    ///   - title: What the view menu says.
    ///   - svg: The diagram of `snapshot.dot(…)`.
    public init(id: String, title: String, svg: String) {
        self.id = id
        self.title = title
        self.svg = svg
        self.drawnNodeOfValue = nil
        self.collapsedScopes = [:]
    }

    /// A diagram of a ``Micrograd/GraphView``: a part of the snapshot, or scopes merged into boxes.
    ///
    /// - Parameters:
    ///   - id: A short stable name.
    ///   - title: What the view menu says.
    ///   - svg: The diagram of `view.dot(…)`.
    ///   - view: The view it was drawn from.
    public init(id: String, title: String, svg: String, view: GraphView) {
        self.id = id
        self.title = title
        self.svg = svg
        self.drawnNodeOfValue = view.drawnNodeOfValue
        var scopes: [Int: GraphView.CollapsedScope] = [:]
        for (drawn, origin) in view.origins.enumerated() {
            if case .scope(let scope) = origin { scopes[drawn] = scope }
        }
        self.collapsedScopes = scopes
    }
}
