import Foundation

// The local derivative of each operation: ∂out/∂operand, the factor the chain rule
// multiplies the upstream gradient by. Written once as text for diagrams and once as
// numbers for the analysis of snapshots; a test checks the numbers against the
// engine's own on random inputs.

extension Op {
    /// The local derivative ∂out/∂operand as a formula, written with the given names:
    /// `b` for operand 0 of `a * b`, `1 − out²` for `tanh`.
    ///
    /// Tensor operations that are not elementwise describe the gradient they pass back
    /// instead (`g @ bᵀ` for operand 0 of a matrix product, `g` being the upstream gradient).
    ///
    /// - Parameters:
    ///   - operand: Which operand, from 0.
    ///   - operands: A name for each operand (default `a`, `b`).
    ///   - output: The result's name (default `out`).
    /// - Returns: The right-hand side of ∂out/∂operand.
    public func localDerivative(operand: Int, operands: [String] = ["a", "b"], output: String = "out") -> String {
        let a = operands.first ?? "a"
        let b = operands.count > 1 ? operands[1] : "b"
        switch self {
        case .add: return "1"
        case .subtract: return operand == 0 ? "1" : "−1"
        case .multiply: return operand == 0 ? b : a
        case .divide: return operand == 0 ? "1/\(b)" : "−\(a)/\(b)²"
        case .negate: return "−1"
        case .power(let p):
            let factor = NumberText.shortest(p)
            switch p - 1 {
            case 0: return "1"
            case 1: return "\(factor)·\(a)"
            case 2: return "\(factor)·\(a)²"
            default: return "\(factor)·\(a)^\(NumberText.shortest(p - 1))"
            }
        case .relu: return "1 if \(a) > 0, else 0"
        case .tanh: return "1 − \(output)²"
        case .exp: return output
        case .log: return "1/\(a)"
        case .sigmoid: return "\(output)·(1 − \(output))"
        case .abs: return "sign(\(a))"
        case .softplus: return "sigmoid(\(a))"
        case .matmul: return operand == 0 ? "g @ \(b)ᵀ" : "\(a)ᵀ @ g"
        case .transpose: return "gᵀ"
        case .reshape: return "g, reshaped back"
        case .sum: return "1 for each element summed"
        case .mean: return "1/n for each of the n elements"
        case .max: return "1 at the maximum, else 0"
        case .softmax: return "\(output)·(g − Σ g·\(output))"
        case .logSoftmax: return "g − softmax(\(a))·Σ g"
        case .gather: return "1 at the chosen element, else 0"
        }
    }

    /// The whole local-derivative formula for one operand, as diagrams print it:
    /// `∂(a * b)/∂a = b`, `∂tanh(a)/∂a = 1 − out²`.
    ///
    /// - Parameters:
    ///   - operand: Which operand, from 0.
    ///   - operands: A name for each operand (default `a`, `b`).
    ///   - output: The result's name (default `out`).
    public func derivativeFormula(operand: Int, operands: [String] = ["a", "b"], output: String = "out") -> String {
        let names = operands.count >= arity ? operands : ["a", "b"]
        let expression = formula(operands: names)
        let wrapped = expression.contains(" ") ? "(" + expression + ")" : expression
        let variable = names[Swift.min(operand, names.count - 1)]
        return "∂\(wrapped)/∂\(variable) = "
            + localDerivative(operand: operand, operands: names, output: output)
    }

    /// The local derivatives ∂out/∂operandᵢ at one point, for an elementwise operation:
    /// the numbers the engine multiplies the upstream gradient by.
    ///
    /// - Parameters:
    ///   - operands: The operands' values, one per operand.
    ///   - output: The result's value.
    /// - Returns: One derivative per operand, or `nil` for an operation that is not elementwise.
    public func localDerivatives(operands: [Double], output: Double) -> [Double]? {
        precondition(operands.count == arity, "\(name) takes \(arity) operand(s), not \(operands.count)")
        let x = operands[0]
        switch self {
        case .add: return [1, 1]
        case .subtract: return [1, -1]
        case .multiply: return [operands[1], x]
        case .divide:
            let y = operands[1]
            return [1 / y, -x / (y * y)]
        case .negate: return [-1]
        case .power(let p): return [p * Foundation.pow(x, p - 1)]
        case .relu: return [x.isNaN ? x : (x > 0 ? 1 : 0)]
        case .tanh: return [1 - output * output]
        case .exp: return [output]
        case .log: return [1 / x]
        case .sigmoid: return [output * (1 - output)]
        case .abs: return [x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))]
        case .softplus: return [1 / (1 + Foundation.exp(-x))]
        case .matmul, .transpose, .reshape, .sum, .mean, .max, .softmax, .logSoftmax, .gather: return nil
        }
    }
}
