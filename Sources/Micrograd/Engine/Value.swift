/// A scalar that remembers how it was computed.
///
/// Every arithmetic operation on `Value`s records a new value holding the
/// operation, its ordered inputs, and the local derivative of its result with
/// respect to each input. Calling ``backward()`` on a result walks that recorded
/// graph in reverse and fills in ``grad`` for every value it was computed from.
///
/// ```swift
/// let a = Value(-4.0)
/// let b = Value(2.0)
/// let c = a * b + b.pow(3)
/// c.backward()
/// print(c.data, a.grad, b.grad)   // 0.0 2.0 8.0
/// ```
///
/// `Value` has reference semantics, like micrograd's `Value`: it is a handle to
/// a recorded node, so copies refer to the same node, and a parameter updated
/// through any copy is updated everywhere it is used.
///
/// ## Memory
/// Values are stored on tapes of 4096 records. A tape is freed when no
/// value on it, or computed from it, is alive; ``backward()`` starts a new tape,
/// so each training step's graph is freed as soon as its loss is dropped. In a
/// loop that never calls `backward()`, declare results inside the loop so each
/// iteration's values die before the next iteration's are recorded.
///
/// ## Roles of leaves
/// A literal used where a value is expected, as in `x + 1` or `let c: Value = 2`,
/// becomes a `.constant`. Swift treats `Value(2.0)` written with a literal the
/// same way (it is the literal `2.0` converted to a `Value`), so it is a constant
/// too. `Value(someDouble)`, `Value(2.0, label: "x")` and `Value(2.0, role: .input)`
/// make inputs; models make their weights `.parameter`s.
///
/// Values are not thread-safe: build, differentiate and read a graph (and any
/// values it shares with other graphs) from one thread at a time.
public struct Value {
    /// The tape holding the record; keeps it, and everything it was computed from, alive.
    let tape: Tape
    /// The node on `tape`.
    let record: UnsafeMutablePointer<NodeRecord>

    /// Wraps a record on a tape.
    init(tape: Tape, record: UnsafeMutablePointer<NodeRecord>) {
        self.tape = tape
        self.record = record
    }

    /// Creates a leaf value.
    ///
    /// - Parameters:
    ///   - data: The number the value holds.
    ///   - label: A name to show in diagrams.
    ///   - role: `.input` (the default), `.parameter` or `.constant`. A leaf is never `.intermediate`.
    public init(_ data: Double, label: String? = nil, role: Role = .input) {
        precondition(role != .intermediate, "A leaf Value cannot have the role .intermediate")
        self.init(NodeRef.leaf(data, role: role))
        if let label { self.label = label }
    }

    /// Wraps a freshly recorded node, taking a reference to its tape.
    init(_ node: NodeRef) {
        self.init(tape: node.tape.takeUnretainedValue(), record: node.record)
    }

    /// This value as an unretained node, for the engine's arithmetic.
    var node: NodeRef {
        NodeRef(tape: Unmanaged.passUnretained(tape), record: record)
    }

    /// The number this value holds. Optimizers write it when they update a parameter.
    public var data: Double {
        get { record.pointee.data }
        nonmutating set { record.pointee.data = newValue }
    }

    /// The derivative of the root of the last ``backward()`` call(s) with respect
    /// to this value. Starts at zero; ``backward()`` adds to it; ``zeroGrad()`` resets it.
    public var grad: Double {
        record.pointee.grad
    }

    /// A name to show in diagrams, such as `"w0"` or `"loss"`.
    public var label: String? {
        get { tape.label(of: record) }
        nonmutating set { tape.setLabel(newValue, of: record) }
    }

    /// The operation that produced this value, or `nil` for a leaf.
    public var op: Op? {
        record.pointee.op
    }

    /// What this value is to the network: an input, a parameter, a constant or an intermediate result.
    public var role: Role {
        record.pointee.role
    }

    /// The values this one was computed from, in operand order.
    ///
    /// An input used twice (as in `a * a`) appears twice.
    public var inputs: [Value] {
        [record.pointee.lhs, record.pointee.rhs].compactMap { input in
            input.map { Value(tape: tape.tape(holding: $0), record: $0) }
        }
    }

    /// The module scope this value was created in, as a path such as `"mlp/layer0/neuron3"`;
    /// empty outside any scope. See ``withScope(_:_:)``.
    public var scope: String {
        ScopeRegistry.shared.path(of: record.pointee.scope)
    }

    /// Whether two handles refer to the same recorded value.
    public func isSameValue(as other: Value) -> Bool {
        record == other.record
    }
}

// MARK: - Literals

extension Value: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// Creates a constant from a literal, as in `let c: Value = 2.5`.
    public init(floatLiteral value: Double) {
        self.init(value, role: .constant)
    }

    /// Creates a constant from an integer literal, as in `let c: Value = 2`.
    public init(integerLiteral value: Int) {
        self.init(Double(value), role: .constant)
    }
}

// MARK: - Printing

extension Value: CustomStringConvertible {
    /// `Value(data: 2.0, grad: 0.0)`, with the label first when there is one.
    public var description: String {
        if let label {
            return "Value(\(label), data: \(data), grad: \(grad))"
        }
        return "Value(data: \(data), grad: \(grad))"
    }
}
