/// An expression in a network file, stored flat: its nodes in one array, each node
/// after the nodes it reads (children before parents), the whole expression last.
///
/// A node's subexpression is the contiguous run `nodes[node.first...index]`, so an
/// expression is parsed, evaluated, compared and freed by loops over the array, never
/// by a recursion per term: `a + a + … + a` with a hundred thousand terms is a long
/// array, not a deep tree.
///
/// `x * w + 1` is stored as `[x, w, x*w, 1, (x*w)+1]`.
struct Expression: Equatable, Sendable {
    /// What a node computes; children are indices of earlier nodes.
    enum Kind: Equatable, Sendable {
        /// A number written in the expression; it becomes a constant.
        case number(Double)
        /// A name bound by an earlier statement.
        case name(String)
        /// `-operand`
        case negate(Int)
        /// `left + right`, `left - right`, `left * right`, `left / right`.
        case binary(BinaryOperator, Int, Int)
        /// `base ^ exponent` or `base ** exponent` (spelled as written), where the exponent must be a constant.
        case power(base: Int, exponent: Int, spelling: String)
        /// `relu(x)`, `pow(x, p)`, …
        case call(String, arguments: [Int])
    }

    /// One node: what it computes, where it is, and where its subexpression starts.
    struct Node: Equatable, Sendable {
        /// What the node computes.
        var kind: Kind
        /// Where it starts, or its operator for binary operations and powers.
        var location: SourceLocation
        /// The index of the first node of its subexpression (its leftmost descendant, or itself).
        var first: Int
    }

    /// The nodes, children before parents; the last is the whole expression.
    private(set) var nodes: [Node] = []

    /// The index of the whole expression.
    var root: Int { nodes.count - 1 }

    /// Appends a node whose children are already in the array, and returns its index.
    ///
    /// - Complexity: O(1) amortized.
    mutating func append(_ kind: Kind, at location: SourceLocation) -> Int {
        let index = nodes.count
        let first: Int
        switch kind {
        case .number, .name: first = index
        case .negate(let operand): first = nodes[operand].first
        case .binary(_, let left, _): first = nodes[left].first
        case .power(let base, _, _): first = nodes[base].first
        case .call(_, let arguments): first = arguments.first.map { nodes[$0].first } ?? index
        }
        nodes.append(Node(kind: kind, location: location, first: first))
        return index
    }

    /// The number the expression is, if it is a plain number such as `2.0` or `-3`.
    var plainNumber: Double? {
        switch (nodes.count, nodes.first?.kind, nodes.last?.kind) {
        case (1, .number(let value), _): value
        case (2, .number(let value), .negate): -value
        default: nil
        }
    }

    /// Every name the expression refers to, in order of appearance.
    var referencedNames: [String] {
        nodes.compactMap { node in
            if case .name(let name) = node.kind { name } else { nil }
        }
    }

    /// An expression of one number, as `micrograd expr` gives each `--set` value.
    static func number(_ value: Double, at location: SourceLocation) -> Expression {
        var expression = Expression()
        _ = expression.append(.number(value), at: location)
        return expression
    }
}

/// The four arithmetic operators.
enum BinaryOperator: String, Equatable, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

/// How an assignment binds its name.
enum Binding: Equatable, Sendable {
    /// `name = expression`: an input when the expression is a plain number, else an intermediate.
    case plain
    /// `param name = number`: a parameter.
    case parameter
    /// `const name = number`: a named constant, which has no gradient of interest.
    case constant
}

/// One line of a network file.
enum Statement: Equatable, Sendable {
    /// `name = expression`, `param name = number` or `const name = number`.
    case assignment(name: String, binding: Binding, value: Expression, location: SourceLocation)
    /// `output name`: the value to differentiate, instead of the last assignment.
    case output(name: String, location: SourceLocation)
}
