/// An operation that produced a recorded value: the one vocabulary both engines
/// record, snapshots store, the `.mg` language calls, and diagrams describe.
///
/// Each case knows how it is written (``symbol``, ``formula``), how many operands it
/// takes (``arity``), whether their order matters, whether it works element by
/// element, and its local derivatives, as text for diagrams
/// (``derivativeFormula(operand:operands:output:)``, `∂(a * b)/∂a = b`) and as
/// numbers (``localDerivatives(operands:output:)``).
///
/// ```swift
/// let c = a * b
/// c.op                                   // .multiply
/// c.op?.derivativeFormula(operand: 0)    // "∂(a * b)/∂a = b"
/// ```
public enum Op: Hashable, Sendable {
    /// `a + b`, broadcasting for tensors.
    case add
    /// `a - b`, broadcasting for tensors.
    case subtract
    /// `a * b`, element by element for tensors.
    case multiply
    /// `a / b`, element by element for tensors.
    case divide
    /// `-a`.
    case negate
    /// `a` raised to a constant exponent.
    case power(Double)
    /// `max(a, 0)`.
    case relu
    /// The hyperbolic tangent.
    case tanh
    /// `e` raised to `a`.
    case exp
    /// The natural logarithm.
    case log
    /// The logistic function `1 / (1 + e⁻ᵃ)`.
    case sigmoid
    /// The absolute value.
    case abs
    /// `log(1 + eᵃ)`.
    case softplus
    /// The matrix product `a @ b` (tensors only).
    case matmul
    /// The axes reversed, `a.T` (tensors only).
    case transpose
    /// The same elements in another shape: the result's shape (tensors only).
    case reshape
    /// The sum of all elements, or along one axis (tensors only).
    case sum(axis: Int?, keepDims: Bool)
    /// The mean of all elements, or along one axis (tensors only).
    case mean(axis: Int?, keepDims: Bool)
    /// The largest element, or the largest along one axis (tensors only).
    case max(axis: Int?, keepDims: Bool)
    /// Softmax along an axis (tensors only).
    case softmax(axis: Int)
    /// Log-softmax along an axis (tensors only).
    case logSoftmax(axis: Int)
    /// One element per row, chosen by a class index (tensors only).
    case gather

    /// The short form diagrams show inside an operation node, and JSON writes:
    /// `+`, `-`, `*`, `/`, `neg`, `**2`, `ReLU`, `tanh`, `@`, `T`, `sum(axis: 0)`, …
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
        case .abs: "abs"
        case .softplus: "softplus"
        case .matmul: "@"
        case .transpose: "T"
        case .reshape: "reshape"
        case .sum(let axis, let keepDims): Self.reduction("sum", axis, keepDims)
        case .mean(let axis, let keepDims): Self.reduction("mean", axis, keepDims)
        case .max(let axis, let keepDims): Self.reduction("max", axis, keepDims)
        case .softmax(let axis): "softmax(axis: \(axis))"
        case .logSoftmax(let axis): "logSoftmax(axis: \(axis))"
        case .gather: "gather"
        }
    }

    /// The operation's name in words, for messages and side panels: `add`, `multiply`,
    /// `power`, `relu`, `matrix product`, `sum`, …
    public var name: String {
        switch self {
        case .add: "add"
        case .subtract: "subtract"
        case .multiply: "multiply"
        case .divide: "divide"
        case .negate: "negate"
        case .power: "power"
        case .relu: "relu"
        case .tanh: "tanh"
        case .exp: "exp"
        case .log: "log"
        case .sigmoid: "sigmoid"
        case .abs: "abs"
        case .softplus: "softplus"
        case .matmul: "matrix product"
        case .transpose: "transpose"
        case .reshape: "reshape"
        case .sum: "sum"
        case .mean: "mean"
        case .max: "max"
        case .softmax: "softmax"
        case .logSoftmax: "log-softmax"
        case .gather: "gather"
        }
    }

    /// How many operands the operation takes: 2 for `+ - * / @`, else 1.
    public var arity: Int {
        switch self {
        case .add, .subtract, .multiply, .divide, .matmul: 2
        default: 1
        }
    }

    /// Whether swapping the operands changes the result (`a - b`, `a / b`, `a @ b`).
    /// Diagrams label such operands `a` and `b`.
    public var operandOrderMatters: Bool {
        switch self {
        case .subtract, .divide, .matmul: true
        default: false
        }
    }

    /// Whether each element of the result depends only on the elements at the same
    /// position of the operands (after broadcasting): every scalar operation is.
    public var isElementwise: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .negate, .power, .relu, .tanh, .exp, .log, .sigmoid, .abs,
            .softplus:
            true
        case .matmul, .transpose, .reshape, .sum, .mean, .max, .softmax, .logSoftmax, .gather:
            false
        }
    }

    /// Whether scalar ``Value``s have the operation (the element-by-element ones do).
    public var appliesToScalars: Bool { isElementwise }

    /// What the operation computes, written with its operands `a` and `b`: `a * b`,
    /// `tanh(a)`, `a**2`, `a.T`, `sum(a, axis: 1)`.
    public var formula: String {
        formula(operands: ["a", "b"])
    }

    /// What the operation computes, written with the given operand names.
    ///
    /// - Parameter operands: A name for each operand, such as `["x", "w"]`.
    /// - Returns: `x * w`, `tanh(x)`, `x**2`, …
    public func formula(operands: [String]) -> String {
        let a = operands.first ?? "a"
        let b = operands.count > 1 ? operands[1] : "b"
        switch self {
        case .add, .subtract, .multiply, .divide, .matmul: return "\(a) \(symbol) \(b)"
        case .power: return a + symbol
        case .transpose: return a + ".T"
        case .sum(let axis?, let keepDims), .mean(let axis?, let keepDims), .max(let axis?, let keepDims):
            return "\(name)(\(a), axis: \(axis)\(keepDims ? ", keepDims" : ""))"
        case .softmax(let axis): return "softmax(\(a), axis: \(axis))"
        case .logSoftmax(let axis): return "logSoftmax(\(a), axis: \(axis))"
        default: return "\(symbol)(\(a))"
        }
    }

    /// The name a function call uses for the operation in `.mg` files and `micrograd expr`:
    /// `relu`, `tanh`, `exp`, `log`, `sigmoid`, `abs`, `softplus`, and `pow` for a power;
    /// `nil` for operators and tensor operations.
    public var functionName: String? {
        switch self {
        case .relu, .tanh, .exp, .log, .sigmoid, .abs, .softplus: name
        case .power: "pow"
        default: nil
        }
    }

    /// The functions expressions can call, by ``functionName``: each scalar operation
    /// of one operand, and `pow(x, p)` with a constant exponent (its entry holds `power(1)`;
    /// the call supplies the exponent).
    public static let functions: [String: Op] = {
        let all: [Op] = [.relu, .tanh, .exp, .log, .sigmoid, .abs, .softplus, .power(1)]
        return Dictionary(uniqueKeysWithValues: all.map { ($0.functionName!, $0) })
    }()

    private static func reduction(_ name: String, _ axis: Int?, _ keepDims: Bool) -> String {
        guard let axis else { return name }
        return name + "(axis: \(axis)" + (keepDims ? ", keepDims)" : ")")
    }
}

extension Op: CustomStringConvertible {
    /// The same as ``symbol``.
    public var description: String { symbol }
}
