/// How the numbers of one graph changed between two snapshots of it: two training
/// steps, or before and after an optimizer step.
///
/// Both snapshots must have the same structure: node for node the same operation,
/// inputs, shape, role, label and scope. Each value then has an old and a new data and
/// gradient, and two relative changes that say which values moved and where gradients
/// grew or shrank:
///
/// - ``Change/dataChange``: the change of the data, relative to its old size,
///   `(new − old) / |old|` for a scalar; for a tensor, the same for its mean,
///   `(mean new − mean old) / mean |old|`. Positive when the value went up.
/// - ``Change/gradChange``: the change of the gradient's size (its L2 norm, `|g|` for a
///   scalar), `(‖new‖ − ‖old‖) / ‖old‖`. Positive when the gradient grew.
///
/// A change from zero is `+infinity` or `-infinity` (`0` if nothing changed), and a
/// change involving a non-finite number is `NaN`.
///
/// ```swift
/// let comparison = try SnapshotComparison(from: stepOne, to: stepTwo)
/// comparison.changes[3].dataChange   // -0.4: value 3 went down by 40% of its size
/// ```
public struct SnapshotComparison: Sendable {
    /// How one value changed.
    public struct Change: Sendable, Equatable {
        /// The value's id, the same in both snapshots.
        public let id: Int
        /// The data in the first snapshot.
        public let oldData: [Double]
        /// The data in the second snapshot.
        public let newData: [Double]
        /// The gradient in the first snapshot.
        public let oldGrad: [Double]
        /// The gradient in the second snapshot.
        public let newGrad: [Double]
        /// The relative change of the data (of its mean, for a tensor); see ``SnapshotComparison``.
        public let dataChange: Double
        /// The relative change of the gradient's L2 norm; see ``SnapshotComparison``.
        public let gradChange: Double
    }

    /// The first snapshot.
    public let old: GraphSnapshot
    /// The second snapshot.
    public let new: GraphSnapshot
    /// One change per value, by id.
    public let changes: [Change]

    /// Compares two snapshots of the same graph.
    ///
    /// - Parameters:
    ///   - old: The earlier snapshot.
    ///   - new: The later snapshot, of the same structure.
    /// - Throws: ``StructureMismatch`` naming the first difference when the structures differ.
    /// - Complexity: O(n) in the number of numbers.
    public init(from old: GraphSnapshot, to new: GraphSnapshot) throws(StructureMismatch) {
        if let mismatch = StructureMismatch(old, new) { throw mismatch }
        self.old = old
        self.new = new
        changes = old.nodes.indices.map { id in
            let (before, after) = (old.nodes[id], new.nodes[id])
            return Change(
                id: id, oldData: before.data, newData: after.data, oldGrad: before.grad, newGrad: after.grad,
                dataChange: Self.relativeChange(of: before.data, to: after.data),
                gradChange: Self.relativeChange(ofNorm: before.grad, to: after.grad))
        }
    }

    /// `(mean new − mean old) / mean |old|`, ±infinity from zero, NaN when not finite.
    static func relativeChange(of old: [Double], to new: [Double]) -> Double {
        let count = Double(old.count)
        let oldMean = old.reduce(0, +) / count
        let newMean = new.reduce(0, +) / count
        let size = old.reduce(0) { $0 + abs($1) } / count
        return relative(newMean - oldMean, of: size, moved: old != new)
    }

    /// `(‖new‖ − ‖old‖) / ‖old‖` for the L2 norms, ±infinity from zero, NaN when not finite.
    static func relativeChange(ofNorm old: [Double], to new: [Double]) -> Double {
        let oldNorm = Summary(old).norm
        let newNorm = Summary(new).norm
        return relative(newNorm - oldNorm, of: oldNorm, moved: old != new && oldNorm != newNorm)
    }

    private static func relative(_ difference: Double, of size: Double, moved: Bool) -> Double {
        guard difference.isFinite && size.isFinite else { return .nan }
        if size == 0 { return moved ? (difference < 0 ? -.infinity : .infinity) : 0 }
        return difference / size
    }
}

/// Why two snapshots cannot be compared: their graphs differ, as the message says.
public struct StructureMismatch: Error, Sendable, Equatable, CustomStringConvertible {
    /// The first value that differs, or `nil` when the graphs differ in size or output.
    public let id: Int?
    /// What differs, such as `value 5 differs: the operation is + in the first graph and * in the second`.
    public let description: String

    /// The first difference between the structures of `old` and `new`, or `nil` if they are the same.
    init?(_ old: GraphSnapshot, _ new: GraphSnapshot) {
        guard old.nodes.count == new.nodes.count else {
            id = nil
            description =
                "the graphs differ in size: the first has \(old.nodes.count) values, the second \(new.nodes.count)"
            return
        }
        for id in old.nodes.indices {
            let (a, b) = (old.nodes[id], new.nodes[id])
            let differences: [(String, String, String)] = [
                ("operation", a.op?.symbol ?? "none (a leaf)", b.op?.symbol ?? "none (a leaf)"),
                ("inputs", Self.list(a.inputs), Self.list(b.inputs)),
                ("shape", a.shape.map(Self.list) ?? "scalar", b.shape.map(Self.list) ?? "scalar"),
                ("number of elements", String(a.data.count), String(b.data.count)),
                ("role", a.role.rawValue, b.role.rawValue),
                ("label", a.label.map { "'\($0)'" } ?? "none", b.label.map { "'\($0)'" } ?? "none"),
                (
                    "scope", a.scopePath.isEmpty ? "the top level" : a.scopePath,
                    b.scopePath.isEmpty ? "the top level" : b.scopePath
                ),
            ]
            if let (what, first, second) = differences.first(where: { $0.1 != $0.2 }) {
                self.id = id
                description =
                    "value \(id) differs: its \(what) is \(first) in the first graph and \(second) in the second"
                return
            }
        }
        guard old.rootID == new.rootID else {
            id = nil
            description =
                "the graphs differ in their output: value \(old.rootID) in the first, \(new.rootID) in the second"
            return
        }
        return nil
    }

    private static func list(_ numbers: [Int]) -> String {
        "[" + numbers.map(String.init).joined(separator: ", ") + "]"
    }
}
