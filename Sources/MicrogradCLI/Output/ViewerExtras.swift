import Micrograd
import MicrogradViz

/// What an html page of one snapshot shows beyond what the viewer computes from the
/// snapshot alone: the order the engine's `backward()` took, and layers other features
/// computed (the gradient view, the findings).
struct ViewerExtras {
    /// The ids in the order `backward()` completed their gradients, from the live value;
    /// `nil` before backward() or when unknown (the page then follows the reverse topological order).
    var backwardOrder: [Int]?
    /// Layers added after the viewer's own.
    var layers: [ViewerLayer] = []
    /// Lines shown above the diagram.
    var notes: [String] = []
}
