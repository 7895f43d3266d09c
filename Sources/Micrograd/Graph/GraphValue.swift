/// A ``Value`` or a ``Tensor``: a recorded node that can be read, drawn and
/// differentiated the same way whichever engine made it.
///
/// Code that works with both engines (the trainer, the `.mg` samples, the command
/// line) holds results as `any GraphValue`.
public protocol GraphValue {
    /// A name to show in diagrams.
    var label: String? { get }
    /// What the value is to the network.
    var role: Role { get }
    /// The module scope it was recorded in, such as `mlp/layer0`.
    var scope: String { get }
    /// A tensor's shape, or `nil` for a scalar ``Value``.
    var elementShape: [Int]? { get }
    /// The numbers it holds, row-major: one for a ``Value``.
    var dataElements: [Double] { get }
    /// Their gradients, laid out the same way.
    var gradElements: [Double] { get }
    /// Backpropagates from this value, which must hold one number (a loss), and adds
    /// ∂self/∂x to the gradient of everything it was computed from.
    func backward()
    /// The ids, in ``snapshot()``, of every node in the order ``backward()`` completes
    /// their gradients: the root first, each node after every node that uses it.
    func backwardOrder() -> [Int]
    /// An immutable copy of the graph this value was computed from, with it as the root.
    func snapshot() -> GraphSnapshot
}

extension GraphValue {
    /// The single number of a one-element value, such as a loss.
    public var scalar: Double {
        precondition(dataElements.count == 1, "scalar: the value holds \(dataElements.count) numbers, not one")
        return dataElements[0]
    }
}

extension Value: GraphValue {
    /// Always `nil`: a `Value` is one number.
    public var elementShape: [Int]? { nil }
    /// `[data]`.
    public var dataElements: [Double] { [data] }
    /// `[grad]`.
    public var gradElements: [Double] { [grad] }
}

extension Tensor: GraphValue {
    /// The tensor's ``shape``.
    public var elementShape: [Int]? { shape }
    /// The tensor's ``scalars``.
    public var dataElements: [Double] { scalars }
    /// The tensor's ``gradScalars``.
    public var gradElements: [Double] { gradScalars }
}
