/// How labels that several values share (`c = a + b` and later `c = c + 1`) are told
/// apart in diagrams.
public enum DuplicateLabels: String, Sendable, CaseIterable {
    /// Labels as recorded: every `c` reads `c`.
    case keep
    /// Primes, in the order the values were computed: `c`, `c′`, `c″`, `c‴`.
    case primes
    /// Subscripts from 1, in the order the values were computed: `c₁`, `c₂`, `c₃`.
    case subscripts

    /// The label of the `occurrence`-th value (from 0) of `count` labelled `label`.
    func mark(_ label: String, occurrence: Int, of count: Int) -> String {
        guard count > 1 else { return label }
        switch self {
        case .keep: return label
        case .primes:
            switch occurrence {
            case 0: return label
            case 1: return label + "′"
            case 2: return label + "″"
            case 3: return label + "‴"
            default: return label + String(repeating: "′", count: occurrence)
            }
        case .subscripts:
            let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
            return label + String(String(occurrence + 1).map { digits[Int(String($0))!] })
        }
    }
}

extension GraphSnapshot {
    /// A copy in which values that share a label are told apart (`c`, `c′`, `c″`), in
    /// the order they were computed; unique labels and unlabelled values are unchanged.
    ///
    /// ```swift
    /// snapshot.disambiguatingLabels(.subscripts)   // the README sample's three c's read c₁, c₂, c₃
    /// ```
    ///
    /// - Parameter style: How to mark the repeats; `.keep` returns the snapshot as it is.
    /// - Returns: A snapshot equal to this one but for the labels.
    public func disambiguatingLabels(_ style: DuplicateLabels) -> GraphSnapshot {
        guard style != .keep else { return self }
        var counts: [String: Int] = [:]
        for node in nodes { if let label = node.label, !label.isEmpty { counts[label, default: 0] += 1 } }
        guard counts.values.contains(where: { $0 > 1 }) else { return self }
        var seen: [String: Int] = [:]
        var relabelled = nodes
        for index in relabelled.indices {
            guard let label = relabelled[index].label, let count = counts[label], count > 1 else { continue }
            relabelled[index].label = style.mark(label, occurrence: seen[label, default: 0], of: count)
            seen[label, default: 0] += 1
        }
        return GraphSnapshot(nodes: relabelled, rootID: rootID)
    }
}

/// A short name for every value of a snapshot, for formulas and step-by-step traces:
/// its label; for a constant, its number (`2`); for an unlabelled result, the formula
/// that made it when that is short (`a * b`), else `#7` (its id).
///
/// ```swift
/// let names = ValueNames(snapshot)
/// names[5]          // "n"
/// names.operand(3)  // "(a * b)": wrapped, ready to stand inside a formula
/// ```
public struct ValueNames: Sendable, Equatable {
    /// Each value's name, by id.
    public let names: [String]

    /// The longest formula used as a name; longer ones give way to the id.
    public static let longestFormula = 16

    /// Names every value of `snapshot`.
    ///
    /// - Parameter snapshot: The graph; give it ``GraphSnapshot/disambiguatingLabels(_:)``'s
    ///   result first to tell repeated labels apart in the names too.
    public init(_ snapshot: GraphSnapshot) {
        var names: [String] = []
        names.reserveCapacity(snapshot.nodes.count)
        for node in snapshot.nodes {
            if let label = node.label, !label.isEmpty {
                names.append(label)
            } else if node.op == nil, node.role == .constant, node.data.count == 1 {
                names.append(NumberText.shortest(node.data[0]))
            } else if let op = node.op, !node.inputs.isEmpty {
                let formula = Self.formula(op, operands: node.inputs.map { names[$0] })
                names.append(formula.count <= Self.longestFormula ? formula : "#\(node.id)")
            } else {
                names.append("#\(node.id)")
            }
        }
        self.names = names
    }

    /// The name of the value `id`.
    public subscript(id: Int) -> String { names[id] }

    /// The name of `id` ready to stand inside a formula: in parentheses when it has
    /// spaces or operators (`(a * b)`), as it is otherwise (`n`, `x1`, `c′`).
    public func operand(_ id: Int) -> String { Self.wrapped(names[id]) }

    /// What `op` computes from the values `inputs`, in their names: `x * w`, `tanh(n)`,
    /// `(x * w)**2`; a name is wrapped in parentheses only where the formula needs it.
    public func formula(_ op: Op, inputs: [Int]) -> String {
        Self.formula(op, operands: inputs.map { names[$0] })
    }

    static func formula(_ op: Op, operands: [String]) -> String {
        let isCall = op.formula(operands: ["a", "b"]).hasSuffix(")")  // tanh(a), sum(a, axis: 1)
        return op.formula(operands: isCall ? operands : operands.map(wrapped))
    }

    /// `name`, or `(name)` when it is more than one word or symbol (a negative number included).
    static func wrapped(_ name: String) -> String {
        let isSimple = name.allSatisfy { $0.isLetter || $0.isNumber || "_#.′″‴".contains($0) }
        return isSimple ? name : "(" + name + ")"
    }
}
