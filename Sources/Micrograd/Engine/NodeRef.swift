/// An unretained reference to a recorded value: its record and its tape.
///
/// The engine's arithmetic works on `NodeRef`s, and ``Value`` wraps them. A
/// `NodeRef` does not keep its tape alive, so it is only used right after it is
/// recorded (to make a `Value`) or inside ``Tape/withPinnedTapes(_:)``.
struct NodeRef {
    /// The tape holding the record.
    let tape: Unmanaged<Tape>
    /// The record.
    let record: UnsafeMutablePointer<NodeRecord>

    /// The value's number.
    var data: Double { record.pointee.data }

    /// The tape's sequence number.
    var sequence: UInt64 { tape._withUnsafeGuaranteedRef { $0.sequence } }

    /// Records a leaf on the calling thread's current tape.
    static func leaf(_ data: Double, role: Role) -> NodeRef {
        Tape.record(nil, nil, nil, data: data, localDerivatives: (0, 0), role: role)
    }

    /// Records the result of an operation with one input.
    static func unary(_ op: Op, _ input: NodeRef, data: Double, localDerivative: Double) -> NodeRef {
        Tape.record(op, input, nil, data: data, localDerivatives: (localDerivative, 0), role: .intermediate)
    }

    /// Records the result of an operation with two inputs.
    static func binary(
        _ op: Op, _ lhs: NodeRef, _ rhs: NodeRef, data: Double, localDerivatives: (Double, Double)
    ) -> NodeRef {
        Tape.record(op, lhs, rhs, data: data, localDerivatives: localDerivatives, role: .intermediate)
    }
}
