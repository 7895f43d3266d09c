import Foundation
import Micrograd

/// Records values for a program's expressions, keeping track of names.
///
/// An expression is evaluated by one loop over its flat nodes, children before parents,
/// so a chain of any length takes no more stack than a single operation. The loop records
/// values in the order the nested definition would (left operand, right operand, then the
/// operation) and reports the same first error, so that graphs and messages do not depend
/// on how expressions are stored.
struct Evaluator {
    let lexer: Lexer
    let undefinedNameAdvice: (String) -> String
    private(set) var bindings: [String: Value] = [:]
    private(set) var leaves: [(name: String, value: Value)] = []
    private var recorded = 0

    init(lexer: Lexer, undefinedNameAdvice: @escaping (String) -> String) {
        self.lexer = lexer
        self.undefinedNameAdvice = undefinedNameAdvice
    }

    /// Binds `name` to a value an expression computed.
    mutating func bind(_ name: String, to value: Value) {
        bindings[name] = value
    }

    /// Binds `name` to a new leaf, which counts against the value limit; inputs and
    /// parameters are listed as the network's leaves, named constants are not.
    mutating func bind(_ name: String, to leaf: Value, leaf isListed: Bool, at location: SourceLocation)
        throws(NetworkFileError)
    {
        try count(location)
        bindings[name] = leaf
        if isListed { leaves.append((name, leaf)) }
    }

    /// The error for a name that has no value, with the nearest bound name if it looks like a typo.
    func undefined(_ name: String, at location: SourceLocation) -> NetworkFileError {
        var message = "undefined name \(MessageText.quoted(name))"
        if let nearest = Suggestions.nearest(to: name, in: Array(bindings.keys)) {
            message += " (did you mean '\(nearest)'?)"
        }
        message += "; " + undefinedNameAdvice(name)
        return lexer.error(message, at: location)
    }

    private mutating func count(_ location: SourceLocation) throws(NetworkFileError) {
        recorded += 1
        guard recorded <= NetworkProgram.maximumValues else {
            throw lexer.error(
                "the program records more than \(NetworkProgram.maximumValues) values; make it smaller", at: location)
        }
    }

    /// The value of `expression`, and whether it is a value this expression created
    /// (rather than a name it refers to).
    ///
    /// - Complexity: O(n) time and O(n) heap for n nodes; constant stack.
    mutating func evaluate(_ expression: Expression) throws(NetworkFileError) -> (Value, isNew: Bool) {
        let nodes = expression.nodes
        let constantOnly = Self.constantOnlyNodes(of: nodes)
        // Each call is checked (known function, argument count) before its arguments are
        // evaluated, outer calls before inner ones: ordered by where they start, then outermost.
        let calls = nodes.indices.filter { index in
            guard case .call = nodes[index].kind else { return false }
            return !constantOnly[index]
        }.sorted { (nodes[$0].first, -$0) < (nodes[$1].first, -$1) }
        var nextCall = 0
        var values: [Value?] = Array(repeating: nil, count: nodes.count)
        for index in nodes.indices {
            while nextCall < calls.count, nodes[calls[nextCall]].first == index {
                try check(nodes[calls[nextCall]])
                nextCall += 1
            }
            if constantOnly[index] { continue }
            let node = nodes[index]
            switch node.kind {
            case .number(let number):
                try count(node.location)
                values[index] = Value(number, role: .constant)
            case .name(let name):
                guard let value = bindings[name] else {
                    if Op.functions[name] != nil {
                        throw lexer.error("'\(name)' is a function; call it like '\(name)(x)'", at: node.location)
                    }
                    throw undefined(name, at: node.location)
                }
                values[index] = value
            case .negate(let operand):
                try count(node.location)
                values[index] = -values[operand]!
            case .binary(let op, let left, let right):
                try count(node.location)
                let (a, b) = (values[left]!, values[right]!)
                values[index] =
                    switch op {
                    case .add: a + b
                    case .subtract: a - b
                    case .multiply: a * b
                    case .divide: a / b
                    }
            case .power(let base, let exponent, let spelling):
                let p = try constant(nodes, exponent, of: spelling)
                try count(node.location)
                values[index] = values[base]!.pow(p)
            case .call(let name, let arguments):
                // Checked above: a known function with the right number of arguments.
                let function = Op.functions[name]!
                let value = values[arguments[0]]!
                try count(node.location)
                guard case .power = function else {
                    values[index] = Value.apply(function, to: [value])
                    continue
                }
                values[index] = value.pow(try constant(nodes, arguments[1], of: "pow"))
            }
        }
        let isNew = if case .name = nodes[expression.root].kind { false } else { true }
        return (values[expression.root]!, isNew)
    }

    /// Refuses a call to an unknown function or with the wrong number of arguments.
    private func check(_ node: Expression.Node) throws(NetworkFileError) {
        guard case .call(let name, let arguments) = node.kind else { return }
        guard let function = Op.functions[name] else {
            var message = "unknown function \(MessageText.quoted(name))"
            if let nearest = Suggestions.nearest(to: name, in: NetworkProgram.functionNames) {
                message += " (did you mean '\(nearest)'?)"
            }
            message += "; the functions are " + NetworkProgram.functionNames.joined(separator: ", ")
            throw lexer.error(message, at: node.location)
        }
        let arity = NetworkProgram.argumentCount(of: function)
        guard arguments.count == arity else {
            let expected = arity == 1 ? "one argument, like '\(name)(x)'" : "two arguments, like 'pow(x, 2)'"
            throw lexer.error("'\(name)' takes \(expected); found \(arguments.count)", at: node.location)
        }
    }

    /// Which nodes belong to exponents (of `^`, `**` and `pow`): they are computed as plain
    /// numbers when their power is, and record no values.
    ///
    /// An exponent's subexpression ends just before its power, so one backward pass finds them.
    private static func constantOnlyNodes(of nodes: [Expression.Node]) -> [Bool] {
        var constantOnly = Array(repeating: false, count: nodes.count)
        var regionStart = Int.max
        for index in nodes.indices.reversed() {
            if index >= regionStart {
                constantOnly[index] = true
                continue
            }
            switch nodes[index].kind {
            case .power(_, let exponent, _):
                regionStart = nodes[exponent].first
            case .call(let name, let arguments) where arguments.count == 2 && Op.functions[name].map(isPower) == true:
                regionStart = nodes[arguments[1]].first
            default:
                break
            }
        }
        return constantOnly
    }

    private static func isPower(_ function: Op) -> Bool {
        if case .power = function { true } else { false }
    }

    /// The number the exponent subexpression ending at `root` stands for (numbers, `-`,
    /// `+ - * /`, `^`), or an error at its first name or call, as read from the left.
    ///
    /// - Parameter power: How the power was written, `^`, `**` or `pow`, for the message.
    private func constant(_ nodes: [Expression.Node], _ root: Int, of power: String) throws(NetworkFileError)
        -> Double
    {
        let start = nodes[root].first
        // The first name or call in reading order: the one starting leftmost, the outermost on a tie.
        var offender: Int?
        for index in start...root {
            switch nodes[index].kind {
            case .name, .call:
                if let current = offender, (nodes[current].first, -current) <= (nodes[index].first, -index) {
                    continue
                }
                offender = index
            default:
                break
            }
        }
        if let offender {
            let example = power == "pow" ? "'pow(x, 0.5)'" : "'x\(power)2'"
            throw lexer.error(
                "the exponent of '\(power)' must be a number, like \(example)", at: nodes[offender].location)
        }
        var numbers = Array(repeating: 0.0, count: root - start + 1)
        for index in start...root {
            let number: Double =
                switch nodes[index].kind {
                case .number(let value): value
                case .negate(let operand): -numbers[operand - start]
                case .binary(let op, let left, let right):
                    switch op {
                    case .add: numbers[left - start] + numbers[right - start]
                    case .subtract: numbers[left - start] - numbers[right - start]
                    case .multiply: numbers[left - start] * numbers[right - start]
                    case .divide: numbers[left - start] / numbers[right - start]
                    }
                case .power(let base, let exponent, _): Foundation.pow(numbers[base - start], numbers[exponent - start])
                case .name, .call: 0  // refused above
                }
            numbers[index - start] = number
        }
        return numbers[root - start]
    }
}
