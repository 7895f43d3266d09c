/// The operation that produced a recorded tensor. Its ``symbol`` is what
/// diagrams show inside an operation node.
public enum TensorOp: Hashable, Sendable {
    /// Elementwise `a + b`, broadcasting.
    case add
    /// Elementwise `a - b`, broadcasting.
    case subtract
    /// Elementwise `a * b`, broadcasting.
    case multiply
    /// Elementwise `a / b`, broadcasting.
    case divide
    /// Elementwise `-a`.
    case negate
    /// Elementwise power by a constant.
    case power(Double)
    /// Elementwise `max(a, 0)`.
    case relu
    /// Elementwise logistic function.
    case sigmoid
    /// Elementwise hyperbolic tangent.
    case tanh
    /// Elementwise `eᵃ`.
    case exp
    /// Elementwise natural logarithm.
    case log
    /// Elementwise absolute value.
    case abs
    /// Elementwise log(1 + eˣ).
    case softplus
    /// Matrix product (`@`).
    case matmul
    /// Axes reversed (`T`).
    case transpose
    /// The same elements in another shape.
    case reshape([Int])
    /// Sum over all elements, or along one axis.
    case sum(axis: Int?, keepDims: Bool)
    /// Mean over all elements, or along one axis.
    case mean(axis: Int?, keepDims: Bool)
    /// Maximum over all elements, or along one axis.
    case max(axis: Int?, keepDims: Bool)
    /// Softmax along an axis.
    case softmax(axis: Int)
    /// Log-softmax along an axis.
    case logSoftmax(axis: Int)
    /// One element per row, chosen by class index.
    case gather

    /// The short form diagrams show: `+`, `@`, `ReLU`, `sum(axis: 0)`, `reshape([2, 3])`, …
    public var symbol: String {
        switch self {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .negate: "neg"
        case .power(let exponent): "**" + NumberText.shortest(exponent)
        case .relu: "ReLU"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .exp: "exp"
        case .log: "log"
        case .abs: "abs"
        case .softplus: "softplus"
        case .matmul: "@"
        case .transpose: "T"
        case .reshape(let shape): "reshape(" + Shape.text(shape) + ")"
        case .sum(let axis, let keepDims): Self.reduction("sum", axis, keepDims)
        case .mean(let axis, let keepDims): Self.reduction("mean", axis, keepDims)
        case .max(let axis, let keepDims): Self.reduction("max", axis, keepDims)
        case .softmax(let axis): "softmax(axis: \(axis))"
        case .logSoftmax(let axis): "logSoftmax(axis: \(axis))"
        case .gather: "gather"
        }
    }

    private static func reduction(_ name: String, _ axis: Int?, _ keepDims: Bool) -> String {
        guard let axis else { return name }
        return name + "(axis: \(axis)" + (keepDims ? ", keepDims)" : ")")
    }
}

extension TensorOp: CustomStringConvertible {
    /// The same as ``symbol``.
    public var description: String { symbol }
}
