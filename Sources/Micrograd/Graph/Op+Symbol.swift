extension Op {
    /// The operation a ``symbol`` stands for, as read back from a JSON snapshot:
    /// `"*"` is `.multiply`, `"**2"` is `.power(2)`, `"sum(axis: 1, keepDims)"` is
    /// `.sum(axis: 1, keepDims: true)`.
    ///
    /// - Parameter symbol: An operation's ``symbol``.
    /// - Returns: `nil` when no operation is written that way.
    public init?(symbol: String) {
        if let simple = Self.simpleSymbols[symbol] {
            self = simple
            return
        }
        if symbol.hasPrefix("**") {
            guard let exponent = NumberText.parse(String(symbol.dropFirst(2))) else { return nil }
            self = .power(exponent)
            return
        }
        guard let open = symbol.firstIndex(of: "("), symbol.last == ")" else { return nil }
        let name = String(symbol[..<open])
        let arguments = symbol[symbol.index(after: open)..<symbol.index(before: symbol.endIndex)]
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let axisText = arguments.first, axisText.hasPrefix("axis: "),
            let axis = Int(axisText.dropFirst("axis: ".count))
        else { return nil }
        let keepDims = arguments.count == 2 && arguments[1] == "keepDims"
        guard arguments.count == 1 || keepDims else { return nil }
        switch name {
        case "sum": self = .sum(axis: axis, keepDims: keepDims)
        case "mean": self = .mean(axis: axis, keepDims: keepDims)
        case "max": self = .max(axis: axis, keepDims: keepDims)
        case "softmax" where !keepDims: self = .softmax(axis: axis)
        case "logSoftmax" where !keepDims: self = .logSoftmax(axis: axis)
        default: return nil
        }
    }

    /// The operations written without arguments, by symbol.
    private static let simpleSymbols: [String: Op] = {
        let all: [Op] = [
            .add, .subtract, .multiply, .divide, .negate, .relu, .tanh, .exp, .log, .sigmoid, .abs, .softplus, .matmul,
            .transpose, .reshape, .sum(axis: nil, keepDims: false), .mean(axis: nil, keepDims: false),
            .max(axis: nil, keepDims: false), .gather,
        ]
        return Dictionary(uniqueKeysWithValues: all.map { ($0.symbol, $0) })
    }()
}
