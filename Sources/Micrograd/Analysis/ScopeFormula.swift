/// What a group of recorded values computes, in one line derived from the graph's
/// structure alone: `relu(w·x + b)` for a neuron, `16 × relu(w·x + b)` for a layer of
/// them, `relu(x @ W + b)` for a tensor layer.
///
/// The expression is read from each output back to the values that come from outside
/// the group, which are written `x` (`x` and `y` when an operation takes two different
/// ones). Parameters are written by their label without its number (`w0` → `w`;
/// `weight` → `W`, `bias` → `b`), constants by their value. A sum of several terms of
/// the same form is folded: `b + w0·x0 + w1·x1` becomes `w·x + b` (a dot product), and
/// other repeated terms `Σ t`. When every output has the same expression the line is
/// `n × expression`; when the expression would be longer than a line, it names the
/// operations used instead (`ops: *, +, relu`).
///
/// ```swift
/// let tree = ScopeTree(snapshot)
/// let neuron = tree.scope(path: "mlp/layer0/neuron0")!
/// let inside = Set(tree.allNodeIDs(in: neuron))
/// let output = inside.max()!
/// ScopeFormula.describe(outputs: [output], in: snapshot, isMember: inside.contains)   // "relu(w·x + b)"
/// ```
public enum ScopeFormula {
    /// The longest expression written out, in characters.
    public static let maximumLength = 60

    /// What the values `outputs` compute from outside the group `isMember` defines.
    ///
    /// - Parameters:
    ///   - outputs: The group's values used outside it (parameters among them are skipped
    ///     unless every output is one).
    ///   - snapshot: The graph.
    ///   - isMember: Whether a snapshot id belongs to the group.
    /// - Returns: One line such as `16 × relu(w·x + b)`.
    /// - Complexity: O(m + e) for the m members reachable from the outputs.
    public static func describe(outputs: [Int], in snapshot: GraphSnapshot, isMember: (Int) -> Bool) -> String {
        let computed = outputs.filter { snapshot.nodes[$0].role != .parameter }
        let results = computed.isEmpty ? outputs : computed
        guard !results.isEmpty else { return "" }
        return withoutActuallyEscaping(isMember) { isMember in
            var reader = ExpressionReader(snapshot: snapshot, isMember: isMember)
            let terms = results.map { reader.term(of: $0, depth: 0) }
            let texts = terms.map { $0?.text }
            if let first = terms[0], texts.allSatisfy({ $0 == first.text }) {
                // `16 × (w·x + b)`: a sum is repeated as a whole.
                return results.count == 1
                    ? first.text : "\(results.count) × " + ExpressionReader.wrap(first, below: 2, strictly: true)
            }
            let known = texts.compactMap { $0 }
            if known.count == texts.count, known.count <= 3 {
                let joined = known.joined(separator: ", ")
                if joined.count <= maximumLength { return joined }
            }
            return "ops: " + reader.operations(from: results).joined(separator: ", ")
        }
    }

    /// How an operation is written with the given operand names: `relu(x)` for a
    /// function, `x * y` for an operator, `x**2`, `x.T`, `sum(x)`.
    ///
    /// - Parameters:
    ///   - op: The operation.
    ///   - operands: A name for each operand.
    public static func formula(of op: Op, operands: [String]) -> String {
        if let name = op.functionName, op.arity == 1, !isPower(op) { return "\(name)(\(operands.first ?? "x"))" }
        if op == .negate { return "-" + (operands.first ?? "x") }
        return op.formula(operands: operands)
    }

    private static func isPower(_ op: Op) -> Bool {
        if case .power = op { return true }
        return false
    }

    /// An expression read so far: its text, how tightly it binds, and, for a product,
    /// its factors (to write `w·x` when the product repeats in a sum).
    fileprivate struct Term {
        /// 1 for sums, 2 for products, 3 for powers and negation, 4 for names and calls.
        var precedence: Int
        var text: String
        var factors: [String]?
    }

    /// Reads expressions back from outputs, remembering each value's.
    fileprivate struct ExpressionReader {
        let snapshot: GraphSnapshot
        let isMember: (Int) -> Bool
        /// Each value's expression; `.some(nil)` when it is too long or too deep to write.
        private var known: [Int: Term?] = [:]
        /// How deeply expressions are read before giving up (a line cannot hold more).
        private let deepest = 32

        init(snapshot: GraphSnapshot, isMember: @escaping (Int) -> Bool) {
            self.snapshot = snapshot
            self.isMember = isMember
        }

        mutating func term(of id: Int, depth: Int) -> Term? {
            if !isMember(id) { return Term(precedence: 4, text: "x") }
            if let term = known[id] { return term }
            let term = depth > deepest ? nil : read(id, depth: depth)
            known[id] = .some(term.flatMap { $0.text.count > ScopeFormula.maximumLength ? nil : $0 })
            return known[id]!
        }

        private mutating func read(_ id: Int, depth: Int) -> Term? {
            let node = snapshot.nodes[id]
            guard let op = node.op else { return Term(precedence: 4, text: leafName(node)) }
            let inputs = node.inputs
            if op == .add { return sum(id, depth: depth) }
            var operands: [Term] = []
            if inputs.count == 2, !isMember(inputs[0]), !isMember(inputs[1]), inputs[0] != inputs[1] {
                // Two different values from outside: tell them apart.
                operands = [Term(precedence: 4, text: "x"), Term(precedence: 4, text: "y")]
            } else {
                for input in inputs {
                    guard let operand = term(of: input, depth: depth + 1) else { return nil }
                    operands.append(operand)
                }
            }
            switch op {
            case .multiply, .divide, .matmul, .subtract:
                let precedence = op == .subtract ? 1 : 2
                let left = Self.wrap(operands[0], below: precedence, strictly: true)
                // `a - (b - c)` and `a / (b * c)` need parentheses on the right.
                let right = Self.wrap(operands[1], below: precedence, strictly: op == .multiply)
                let text = "\(left) \(op.symbol) \(right)"
                return Term(precedence: precedence, text: text, factors: op == .multiply ? [left, right] : nil)
            case .power, .negate, .transpose:
                let operand = Self.wrap(operands[0], below: 4, strictly: true)
                return Term(precedence: 3, text: ScopeFormula.formula(of: op, operands: [operand]))
            default:
                return Term(precedence: 4, text: ScopeFormula.formula(of: op, operands: operands.map(\.text)))
            }
        }

        /// A sum, flattened through the additions inside the group: terms of the same
        /// form are folded (`w·x` for products, `Σ t` otherwise) and come first.
        private mutating func sum(_ id: Int, depth: Int) -> Term? {
            var terms: [Term] = []
            var pending = Array(snapshot.nodes[id].inputs.reversed())
            while let next = pending.popLast() {
                if isMember(next), snapshot.nodes[next].op == .add, snapshot.nodes[next].label?.isEmpty ?? true {
                    pending += snapshot.nodes[next].inputs.reversed()
                    continue
                }
                guard let term = term(of: next, depth: depth + 1) else { return nil }
                terms.append(term)
                if terms.count > 4 * ScopeFormula.maximumLength { return nil }
            }
            var order: [String] = []
            var counts: [String: Int] = [:]
            var byText: [String: Term] = [:]
            for term in terms {
                if counts[term.text] == nil { order.append(term.text) }
                counts[term.text, default: 0] += 1
                byText[term.text] = term
            }
            let repeated = order.filter { counts[$0]! > 1 }.map { text -> String in
                let term = byText[text]!
                if let factors = term.factors { return factors.joined(separator: "·") }
                return "Σ " + Self.wrap(term, below: 4, strictly: true)
            }
            let single = order.filter { counts[$0]! == 1 }.map { Self.wrap(byText[$0]!, below: 1, strictly: true) }
            let text = (repeated + single).joined(separator: " + ")
            guard text.count <= ScopeFormula.maximumLength else { return nil }
            // A folded sum with one part reads as one term.
            let isOneDot = single.isEmpty && repeated.count == 1
            return Term(precedence: isOneDot ? 2 : 1, text: text)
        }

        /// How a leaf inside the group is written.
        private func leafName(_ node: GraphSnapshot.Node) -> String {
            let label = node.label ?? ""
            switch node.role {
            case .constant where label.isEmpty:
                return node.data.count == 1 ? NumberText.shortest(node.data[0]) : "c"
            case .parameter:
                switch label {
                case "weight": return "W"
                case "bias": return "b"
                case "": return "p"
                default: return Self.withoutNumber(label)
                }
            default:
                return label.isEmpty ? "x" : Self.withoutNumber(label)
            }
        }

        /// The operations used by the members reachable from `outputs`, most used first.
        func operations(from outputs: [Int]) -> [String] {
            var seen: Set<Int> = []
            var pending = outputs
            var counts: [String: Int] = [:]
            var firstSeen: [String: Int] = [:]
            while let id = pending.popLast() {
                guard isMember(id), seen.insert(id).inserted else { continue }
                if let op = snapshot.nodes[id].op {
                    let name = op.functionName ?? op.symbol
                    counts[name, default: 0] += 1
                    if firstSeen[name] == nil { firstSeen[name] = firstSeen.count }
                }
                pending += snapshot.nodes[id].inputs
            }
            return counts.keys.sorted { (counts[$0]!, firstSeen[$1]!) > (counts[$1]!, firstSeen[$0]!) }
        }

        /// `w12` → `w`: the label without its number, so that every weight reads `w`.
        static func withoutNumber(_ label: String) -> String {
            let stem = String(label.reversed().drop { $0.isASCII && $0.isNumber }.reversed())
            return stem.isEmpty ? label : stem
        }

        /// The term's text, in parentheses when it binds less tightly than `precedence`
        /// (or as tightly, unless `strictly`).
        static func wrap(_ term: Term, below precedence: Int, strictly: Bool) -> String {
            let needs = strictly ? term.precedence < precedence : term.precedence <= precedence
            return needs ? "(" + term.text + ")" : term.text
        }
    }
}
