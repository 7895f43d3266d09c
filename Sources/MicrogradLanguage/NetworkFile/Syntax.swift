/// An expression in a network file.
indirect enum Expression: Equatable, Sendable {
    /// A number written in the expression; it becomes a constant.
    case number(Double, SourceLocation)
    /// A name bound by an earlier statement.
    case name(String, SourceLocation)
    /// `-e`
    case negate(Expression, SourceLocation)
    /// `a + b`, `a - b`, `a * b`, `a / b`.
    case binary(BinaryOperator, Expression, Expression, SourceLocation)
    /// `a ^ p` or `a ** p`, where `p` must be a constant.
    case power(Expression, Expression, SourceLocation)
    /// `relu(x)`, `pow(x, p)`, …
    case call(String, [Expression], SourceLocation)

    /// Where the expression starts, or its operator for binary ones.
    var location: SourceLocation {
        switch self {
        case .number(_, let location), .name(_, let location), .negate(_, let location),
            .binary(_, _, _, let location), .power(_, _, let location), .call(_, _, let location):
            location
        }
    }
}

/// The four arithmetic operators.
enum BinaryOperator: String, Equatable, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

/// One line of a network file.
enum Statement: Equatable, Sendable {
    /// `name = expression`, or `param name = number`.
    case assignment(name: String, isParameter: Bool, value: Expression, location: SourceLocation)
    /// `output name`: the value to differentiate, instead of the last assignment.
    case output(name: String, location: SourceLocation)
}
