import Foundation
import Micrograd

/// A parsed network file (`.mg`): statements that build an expression graph.
///
/// ```
/// # nn-zero-to-hero, lecture 1
/// a = 2.0            # a name given a plain number is an input
/// param w = -3.0     # … or, with `param`, a parameter
/// e = a * w          # intermediates take the name they are assigned to
/// L = tanh(e + 1)    # the last assignment is the output, unless `output NAME` says otherwise
/// ```
///
/// Numbers inside expressions become constants. Re-assigning a name binds it
/// to the new value. `^` and `**` are powers with a constant exponent, bind
/// tighter than unary minus (`-x^2` is `-(x^2)`) and group from the right.
/// Functions: every scalar operation of ``Micrograd/Op`` that has a
/// ``Micrograd/Op/functionName`` (`relu tanh exp log sigmoid abs softplus`), and
/// `pow(x, p)` with a constant exponent.
public struct NetworkProgram {
    /// The largest file read, so a hostile file cannot exhaust memory.
    public static let maximumFileBytes = 1_000_000
    /// The most values a program may record.
    public static let maximumValues = 200_000

    /// How many arguments a function takes: one, or two for `pow(x, p)`.
    static func argumentCount(of function: Op) -> Int {
        if case .power = function { return 2 }
        return function.arity
    }

    /// The function names, sorted, for messages.
    static var functionNames: [String] { Op.functions.keys.sorted() }

    /// The statements, in order.
    let statements: [Statement]
    private let lexer: Lexer
    /// How the message for an undefined name ends: what to do about it.
    private let undefinedNameAdvice: @Sendable (String) -> String

    /// Parses a network file.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - source: Its name for messages, such as `neuron.mg`.
    /// - Throws: ``NetworkFileError`` naming the line and column of the first problem.
    public init(text: String, source: String) throws(NetworkFileError) {
        lexer = Lexer(text: text, source: source)
        undefinedNameAdvice = { name in "assign it first, like '\(name) = 1.0'" }
        guard text.utf8.count <= Self.maximumFileBytes else {
            throw lexer.error(
                "the file is larger than \(Self.maximumFileBytes / 1_000_000) MB; network files are meant to be short",
                at: SourceLocation(line: 1, column: 1))
        }
        var parser = try Parser(text: text, source: source)
        statements = try parser.statements()
        guard !statements.isEmpty else {
            throw lexer.error(
                "no statements; write one per line, like 'a = 2.0'", at: SourceLocation(line: 1, column: 1))
        }
    }

    /// A program that gives each of `inputs` its value and then computes `expression`
    /// as `out`, for `micrograd expr`.
    ///
    /// - Parameters:
    ///   - expression: One expression, such as `tanh(x * w + b)`.
    ///   - inputs: A value for each name the expression uses; each becomes an input.
    /// - Throws: ``NetworkFileError`` pointing into the expression.
    public init(expression: String, inputs: [(name: String, value: Double)]) throws(NetworkFileError) {
        let source = "<expression>"
        lexer = Lexer(text: expression, source: source)
        undefinedNameAdvice = { name in "give it a value with --set \(name)=..." }
        guard expression.utf8.count <= Self.maximumFileBytes else {
            throw lexer.error("the expression is longer than 1 MB", at: SourceLocation(line: 1, column: 1))
        }
        var parser = try Parser(text: expression, source: source)
        let parsed = try parser.wholeExpression()
        let start = SourceLocation(line: 1, column: 1)
        statements =
            inputs.map { input in
                .assignment(name: input.name, isParameter: false, value: .number(input.value, start), location: start)
            } + [.assignment(name: "out", isParameter: false, value: parsed, location: start)]
    }

    /// Every name the program's expressions refer to.
    public var referencedNames: Set<String> {
        var names: Set<String> = []
        func collect(_ expression: Expression) {
            switch expression {
            case .number: break
            case .name(let name, _): names.insert(name)
            case .negate(let operand, _): collect(operand)
            case .binary(_, let left, let right, _), .power(let left, let right, _):
                collect(left)
                collect(right)
            case .call(_, let arguments, _): arguments.forEach(collect)
            }
        }
        for case .assignment(_, _, let value, _) in statements { collect(value) }
        return names
    }

    /// Runs the statements, recording the graph.
    ///
    /// - Throws: ``NetworkFileError`` for undefined names, unknown functions, wrong
    ///   argument counts, non-constant exponents, or too many values.
    public func build() throws(NetworkFileError) -> Network {
        var evaluator = Evaluator(lexer: lexer, undefinedNameAdvice: undefinedNameAdvice)
        var outputName: String?
        var lastAssigned: String?
        for statement in statements {
            switch statement {
            case .assignment(let name, let isParameter, let expression, let location):
                if let number = Self.plainNumber(expression) {
                    let leaf = Value(number, label: name, role: isParameter ? .parameter : .input)
                    evaluator.bind(name, to: leaf, isLeaf: true)
                } else if isParameter {
                    throw lexer.error("a parameter needs a plain number, like 'param \(name) = 0.5'", at: location)
                } else {
                    let (value, isNew) = try evaluator.evaluate(expression)
                    if isNew { value.label = name }
                    evaluator.bind(name, to: value, isLeaf: false)
                }
                lastAssigned = name
            case .output(let name, let location):
                guard evaluator.bindings[name] != nil else {
                    throw evaluator.undefined(name, at: location)
                }
                outputName = name
            }
        }
        let name = outputName ?? lastAssigned!
        return Network(
            output: evaluator.bindings[name]!, outputName: name, leaves: evaluator.leaves.map { ($0.name, $0.value) })
    }

    /// The number an expression is, if it is a plain number such as `2.0` or `-3`.
    private static func plainNumber(_ expression: Expression) -> Double? {
        switch expression {
        case .number(let value, _): value
        case .negate(.number(let value, _), _): -value
        default: nil
        }
    }
}

/// Records values for expressions, keeping track of names.
private struct Evaluator {
    let lexer: Lexer
    let undefinedNameAdvice: (String) -> String
    private(set) var bindings: [String: Value] = [:]
    private(set) var leaves: [(name: String, value: Value)] = []
    private var recorded = 0

    init(lexer: Lexer, undefinedNameAdvice: @escaping (String) -> String) {
        self.lexer = lexer
        self.undefinedNameAdvice = undefinedNameAdvice
    }

    mutating func bind(_ name: String, to value: Value, isLeaf: Bool) {
        bindings[name] = value
        recorded += isLeaf ? 1 : 0
        if isLeaf { leaves.append((name, value)) }
    }

    func undefined(_ name: String, at location: SourceLocation) -> NetworkFileError {
        var message = "undefined name '\(name)'"
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
    mutating func evaluate(_ expression: Expression) throws(NetworkFileError) -> (Value, isNew: Bool) {
        switch expression {
        case .number(let number, let location):
            try count(location)
            return (Value(number, role: .constant), true)
        case .name(let name, let location):
            guard let value = bindings[name] else {
                if Op.functions[name] != nil {
                    throw lexer.error("'\(name)' is a function; call it like '\(name)(x)'", at: location)
                }
                throw undefined(name, at: location)
            }
            return (value, false)
        case .negate(let operand, let location):
            let value = try evaluate(operand).0
            try count(location)
            return (-value, true)
        case .binary(let op, let left, let right, let location):
            let a = try evaluate(left).0
            let b = try evaluate(right).0
            try count(location)
            switch op {
            case .add: return (a + b, true)
            case .subtract: return (a - b, true)
            case .multiply: return (a * b, true)
            case .divide: return (a / b, true)
            }
        case .power(let base, let exponent, let location):
            let value = try evaluate(base).0
            let p = try constant(exponent, for: "the exponent of '^'")
            try count(location)
            return (value.pow(p), true)
        case .call(let name, let arguments, let location):
            guard let function = Op.functions[name] else {
                var message = "unknown function '\(name)'"
                if let nearest = Suggestions.nearest(to: name, in: NetworkProgram.functionNames) {
                    message += " (did you mean '\(nearest)'?)"
                }
                message += "; the functions are " + NetworkProgram.functionNames.joined(separator: ", ")
                throw lexer.error(message, at: location)
            }
            let arity = NetworkProgram.argumentCount(of: function)
            guard arguments.count == arity else {
                let expected = arity == 1 ? "one argument, like '\(name)(x)'" : "two arguments, like 'pow(x, 2)'"
                throw lexer.error("'\(name)' takes \(expected); found \(arguments.count)", at: location)
            }
            let value = try evaluate(arguments[0]).0
            try count(location)
            guard case .power = function else { return (Value.apply(function, to: [value]), true) }
            return (value.pow(try constant(arguments[1], for: "the exponent of 'pow'")), true)
        }
    }

    /// The number a constant expression (numbers, `-`, `+ - * /`, `^`) stands for.
    private func constant(_ expression: Expression, for role: String) throws(NetworkFileError) -> Double {
        switch expression {
        case .number(let value, _): return value
        case .negate(let operand, _): return -(try constant(operand, for: role))
        case .binary(let op, let left, let right, _):
            let (a, b) = (try constant(left, for: role), try constant(right, for: role))
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            }
        case .power(let base, let exponent, _):
            return Foundation.pow(try constant(base, for: role), try constant(exponent, for: role))
        case .name(_, let location), .call(_, _, let location):
            throw lexer.error("\(role) must be a number, like 'x^2' or 'pow(x, 0.5)'", at: location)
        }
    }
}
