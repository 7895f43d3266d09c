/// The operation that produced a recorded value.
///
/// Its ``symbol`` is what diagrams show inside an operation node.
public enum Op: Hashable, Sendable {
    /// `a + b`
    case add
    /// `a - b`
    case subtract
    /// `a * b`
    case multiply
    /// `a / b`
    case divide
    /// `-a`
    case negate
    /// `a` raised to a constant exponent.
    case power(Double)
    /// `max(a, 0)`
    case relu
    /// The hyperbolic tangent of `a`.
    case tanh
    /// `e` raised to `a`.
    case exp
    /// The natural logarithm of `a`.
    case log
    /// `1 / (1 + e^-a)`
    case sigmoid

    /// The short form diagrams show: `+`, `-`, `*`, `/`, `neg`, `**2`, `ReLU`, `tanh`, `exp`, `log`, `sigmoid`.
    public var symbol: String {
        switch self {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .negate: "neg"
        case .power(let exponent): "**" + NumberText.shortest(exponent)
        case .relu: "ReLU"
        case .tanh: "tanh"
        case .exp: "exp"
        case .log: "log"
        case .sigmoid: "sigmoid"
        }
    }
}

extension Op: CustomStringConvertible {
    /// The same as ``symbol``.
    public var description: String { symbol }
}
