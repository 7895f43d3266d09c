/// An n-dimensional array of `Double`s that remembers how it was computed.
///
/// Operations on tensors record a graph like operations on ``Value``s do, but a
/// whole matrix is one node: an MLP layer is a matmul, an add and a ReLU. Call
/// ``backward()`` on a one-element result (a loss) and every tensor it was computed
/// from gets a ``grad`` of its own shape.
///
/// ```swift
/// var generator = SeededGenerator(seed: 1)
/// let x = Tensor([[1, 2], [3, 4]])
/// let w = Tensor.uniform([2, 3], role: .parameter, using: &generator)
/// let b = Tensor.zeros([3], role: .parameter)
/// let loss = (x.matmul(w) + b).relu().sum()
/// loss.backward()
/// w.grad.shape   // [2, 3]
/// ```
///
/// Elements are stored row-major. Operations broadcast like NumPy. `Tensor` is a
/// class: a parameter updated through any reference is updated everywhere.
/// Operations given shapes that do not fit stop with a message naming the
/// operation and both shapes; check data from users first (``Tensor/init(shape:scalars:label:role:)``
/// throws). Tensors are not thread-safe, like ``Value``s.
public final class Tensor {
    /// The size of each axis; empty for a single number (rank 0).
    public let shape: [Int]

    /// The elements, row-major. Optimizers write it; its count must stay `shape`'s element count.
    public var scalars: [Double] {
        didSet {
            precondition(
                scalars.count == Shape.count(shape),
                "Tensor.scalars: \(scalars.count) elements do not fit shape \(Shape.text(shape))")
        }
    }

    /// The gradient, accumulated by ``backward()``; `nil` until then, which reads as zeros.
    var gradStorage: [Double]?

    /// A name to show in diagrams, such as `"W1"`.
    public var label: String?

    /// The operation that produced this tensor, or `nil` for a leaf.
    public let op: Op?

    /// What the tensor is to the network.
    public let role: Role

    /// The interned module scope the tensor was created in.
    let scopeID: ScopeID

    /// The operation's inputs, in operand order. A `var` only so that `deinit` can release them without recursion.
    private(set) var inputs: [Tensor]

    /// Turns the gradient arriving at this tensor into the gradients of its inputs (in
    /// their shapes), given the inputs and this tensor's own elements. It captures no
    /// tensors, so freeing a graph never recurses through it.
    typealias Backward = (_ upstream: [Double], _ inputs: [Tensor], _ output: [Double]) -> [[Double]]
    let backwardRule: Backward?

    /// For a `gather`, the element chosen in each row; `nil` otherwise. Snapshots keep it,
    /// so that an analysis can replay the operation.
    var chosenIndices: [Int]?

    /// Scratch space for ``backward()``: ∂root/∂self gathered in the current call.
    var pendingGradient: [Double]?

    /// Creates a leaf tensor from its shape and elements.
    ///
    /// - Parameters:
    ///   - shape: The size of each axis.
    ///   - scalars: The elements, row-major; as many as the shape holds.
    ///   - label: A name for diagrams.
    ///   - role: `.input` (the default), `.parameter` or `.constant`.
    /// - Throws: ``ShapeError`` when the count does not fit the shape, or a size is negative.
    public convenience init(
        shape: [Int], scalars: [Double], label: String? = nil, role: Role = .input
    ) throws(ShapeError) {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw ShapeError("Tensor: shape \(Shape.text(shape)) has a negative size")
        }
        guard scalars.count == Shape.count(shape) else {
            throw ShapeError(
                "Tensor: \(scalars.count) elements do not fit shape \(Shape.text(shape)), which holds \(Shape.count(shape))"
            )
        }
        self.init(leaf: shape, scalars, label: label, role: role)
    }

    /// A leaf whose shape and elements are known to fit.
    init(leaf shape: [Int], _ scalars: [Double], label: String? = nil, role: Role) {
        precondition(role != .intermediate, "A leaf Tensor cannot have the role .intermediate")
        self.shape = shape
        self.scalars = scalars
        self.label = label
        self.op = nil
        self.role = role
        self.scopeID = ThreadState.current.pointee.scope
        self.inputs = []
        self.backwardRule = nil
    }

    /// Records the result of an operation.
    init(_ op: Op, _ inputs: [Tensor], shape: [Int], scalars: [Double], backward: @escaping Backward) {
        self.shape = shape
        self.scalars = scalars
        self.label = nil
        self.op = op
        self.role = .intermediate
        self.scopeID = ThreadState.current.pointee.scope
        self.inputs = inputs
        self.backwardRule = backward
    }

    deinit {
        DeferredRelease.release(&inputs)
    }

    /// A single number (rank 0).
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - label: A name for diagrams.
    ///   - role: What it is to the network.
    public convenience init(_ value: Double, label: String? = nil, role: Role = .input) {
        self.init(leaf: [], [value], label: label, role: role)
    }

    /// A vector (rank 1).
    public convenience init(_ values: [Double], label: String? = nil, role: Role = .input) {
        self.init(leaf: [values.count], values, label: label, role: role)
    }

    /// A matrix (rank 2) from its rows, as in `Tensor([[1, 2], [3, 4]])`. The rows must have equal lengths.
    public convenience init(_ rows: [[Double]], label: String? = nil, role: Role = .input) {
        let columns = rows.first?.count ?? 0
        precondition(
            rows.allSatisfy { $0.count == columns }, "Tensor: the rows have different lengths \(rows.map(\.count))")
        self.init(leaf: [rows.count, columns], rows.flatMap { $0 }, label: label, role: role)
    }

    /// A rank-3 tensor from nested arrays. The arrays must be rectangular.
    public convenience init(_ planes: [[[Double]]], label: String? = nil, role: Role = .input) {
        let rows = planes.first?.count ?? 0
        let columns = planes.first?.first?.count ?? 0
        precondition(
            planes.allSatisfy { $0.count == rows && $0.allSatisfy { $0.count == columns } },
            "Tensor: the nested arrays are not rectangular")
        self.init(leaf: [planes.count, rows, columns], planes.flatMap { $0.flatMap { $0 } }, label: label, role: role)
    }

    /// How many elements there are.
    public var count: Int { scalars.count }

    /// How many axes there are.
    public var rank: Int { shape.count }

    /// The gradient: a tensor of the same shape, zeros until ``backward()`` has run.
    /// It is a plain copy, not part of any graph.
    public var grad: Tensor {
        Tensor(leaf: shape, gradStorage ?? [Double](repeating: 0, count: count), role: .constant)
    }

    /// The gradient's elements, row-major (zeros until ``backward()``).
    public var gradScalars: [Double] {
        gradStorage ?? [Double](repeating: 0, count: count)
    }

    /// The operation's inputs, in operand order; an input used twice appears twice.
    public var operands: [Tensor] { inputs }

    /// The module scope the tensor was created in, such as `"mlp/layer0"`.
    public var scope: String { ScopeRegistry.shared.path(of: scopeID) }

    /// The only element of a one-element tensor, such as a loss.
    public func item() -> Double {
        precondition(count == 1, "item(): the tensor has shape \(Shape.text(shape)), not one element")
        return scalars[0]
    }
}

extension Tensor: CustomStringConvertible {
    /// `Tensor([2, 3], [1.0, 2.0, …])`, with at most 8 elements shown.
    public var description: String {
        let shown = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ") + (count > 8 ? ", …" : "")
        return "Tensor(\(label.map { $0 + ", " } ?? "")shape: \(Shape.text(shape)), [\(shown)])"
    }
}
