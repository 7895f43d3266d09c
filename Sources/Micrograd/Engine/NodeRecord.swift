/// One recorded value as it is stored on a ``Tape``: plain data, no references
/// that need counting, so a tape is a flat array that graph walks read quickly.
/// (Fields are ordered largest first so a record packs into 80 bytes.)
struct NodeRecord {
    /// The value's number.
    var data: Double
    /// The accumulated gradient.
    var grad: Double
    /// ∂data/∂lhs and ∂data/∂rhs, computed when the operation ran.
    var localDerivatives: (lhs: Double, rhs: Double)
    /// Scratch space for ``Value/backward()``: ∂root/∂self gathered so far from
    /// the records computed from it…
    var upstream: Double = 0
    /// The first (or only) input, or `nil` for a leaf. Its tape is this record's
    /// tape or one of that tape's dependencies, so it outlives this record.
    var lhs: UnsafeMutablePointer<NodeRecord>?
    /// The second input of a binary operation.
    var rhs: UnsafeMutablePointer<NodeRecord>?
    /// The interned module scope the value was created in.
    var scope: ScopeID
    /// Scratch space for depth-first walks: -1 when not being visited, else a position in the walk.
    var slot: Int32 = -1
    /// The operation, or `nil` for a leaf.
    var op: Op?
    /// What the value is to the network.
    var role: Role
    /// …and whether the backward sweep has reached this record.
    var reached = false
}
