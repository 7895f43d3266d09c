/// Which of a network's inputs and parameters its output is computed from.
///
/// A snapshot holds only what its root was computed from, so a parameter the
/// output never uses is not in it; this looks at the live graph instead, to find such
/// parameters for ``GradientFlow``'s *unused* findings.
///
/// ```swift
/// let unused = LeafReachability.unusedLeaves([w1, w2, w3], root: loss)   // [2] if w3 is not used
/// ```
public enum LeafReachability {
    /// The positions in `leaves` of the values `root` is not computed from.
    ///
    /// A ``Value`` cannot reach a ``Tensor`` root or the other way round, so those count
    /// as unused too.
    ///
    /// - Parameters:
    ///   - leaves: The values to look for, usually a network's inputs and parameters.
    ///   - root: The output.
    /// - Complexity: O(n + k) for n values reachable from `root` and k leaves.
    public static func unusedLeaves(_ leaves: [any GraphValue], root: any GraphValue) -> [Int] {
        if let root = root as? Value {
            let reached = root.withTopologicalOrder { order in Set(order) }
            return leaves.indices.filter { index in
                guard let leaf = leaves[index] as? Value else { return true }
                return !reached.contains(leaf.record)
            }
        }
        guard let root = root as? Tensor else { return Array(leaves.indices) }
        var reached: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var pending = [root]
        while let tensor = pending.popLast() {
            for input in tensor.inputs where reached.insert(ObjectIdentifier(input)).inserted {
                pending.append(input)
            }
        }
        return leaves.indices.filter { index in
            guard let leaf = leaves[index] as? Tensor else { return true }
            return !reached.contains(ObjectIdentifier(leaf))
        }
    }
}
