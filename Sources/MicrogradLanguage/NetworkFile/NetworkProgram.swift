import Foundation
import Micrograd

/// A parsed network file (`.mg`): statements that build an expression graph.
///
/// ```
/// # nn-zero-to-hero, lecture 1
/// a = 2.0            # a name given a plain number is an input
/// param w = -3.0     # … or, with `param`, a parameter
/// const k = 10.0     # … or, with `const`, a named constant
/// e = a * w          # intermediates take the name they are assigned to
/// L = tanh(e + k)    # the last assignment is the output, unless `output NAME` says otherwise
/// ```
///
/// Numbers inside expressions become constants. Re-assigning a name binds it
/// to the new value. `^` and `**` are powers with a constant exponent, bind
/// tighter than unary minus (`-x^2` is `-(x^2)`) and group from the right.
/// Functions: every scalar operation of `Op` that has a
/// `Op.functionName` (`relu tanh exp log sigmoid abs softplus`), and
/// `pow(x, p)` with a constant exponent.
///
/// Reading, building and freeing a program take time and stack in proportion to its
/// size, not to how long its chains are: expressions are flat arrays evaluated by a loop.
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

    /// Questionable but legal statements, in file order: names assigned and never used.
    /// The program builds all the same; a command line prints them on standard error.
    public let warnings: [NetworkFileWarning]

    /// Parses a network file.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - source: Its name for messages, such as `neuron.mg`.
    /// - Throws: ``NetworkFileError`` naming the line and column of the first problem.
    public init(text: String, source: String) throws(NetworkFileError) {
        lexer = Lexer(text: text, source: source)
        undefinedNameAdvice = { name in "assign it first, like '\(Self.shortened(name)) = 1.0'" }
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
        warnings = Self.unusedNames(in: statements, lexer: lexer)
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
        undefinedNameAdvice = { name in "give it a value with --set \(Self.shortened(name))=..." }
        guard expression.utf8.count <= Self.maximumFileBytes else {
            throw lexer.error("the expression is longer than 1 MB", at: SourceLocation(line: 1, column: 1))
        }
        var parser = try Parser(text: expression, source: source)
        let parsed = try parser.wholeExpression()
        let start = SourceLocation(line: 1, column: 1)
        statements =
            inputs.map { input in
                .assignment(
                    name: input.name, binding: .plain, value: .number(input.value, at: start), location: start)
            } + [.assignment(name: "out", binding: .plain, value: parsed, location: start)]
        // Unused inputs are the command's business: `micrograd expr` refuses them.
        warnings = []
    }

    /// `name` for an example in a message, or `NAME` if it is too long to repeat.
    private static func shortened(_ name: String) -> String {
        name.prefix(MessageText.maximumQuotedLength + 1).count > MessageText.maximumQuotedLength ? "NAME" : name
    }

    /// Every name the program's expressions refer to.
    public var referencedNames: Set<String> {
        var names: Set<String> = []
        for case .assignment(_, _, let value, _) in statements { names.formUnion(value.referencedNames) }
        return names
    }

    /// A warning for each binding that nothing reads: a name assigned and never used, or
    /// assigned again before its first value is used. The output is used.
    private static func unusedNames(in statements: [Statement], lexer: Lexer) -> [NetworkFileWarning] {
        // The binding each name has now: where it was made, and whether anything read it.
        var current: [String: (location: SourceLocation, isUsed: Bool)] = [:]
        var warnings: [NetworkFileWarning] = []
        var outputName: String?
        var lastAssigned: String?
        func warn(_ name: String, at location: SourceLocation, _ message: String) {
            warnings.append(
                NetworkFileWarning(
                    source: lexer.source, location: location, message: message,
                    lineText: lexer.lineText(location.line)))
        }
        for statement in statements {
            switch statement {
            case .assignment(let name, _, let value, let location):
                for referenced in value.referencedNames { current[referenced]?.isUsed = true }
                if let earlier = current[name], !earlier.isUsed {
                    warn(
                        name, at: earlier.location,
                        "the value assigned to \(MessageText.quoted(name)) is never used: line \(location.line) "
                            + "assigns it again first")
                }
                current[name] = (location, false)
                lastAssigned = name
            case .output(let name, _):
                outputName = name
            }
        }
        if let output = outputName ?? lastAssigned { current[output]?.isUsed = true }
        for (name, binding) in current where !binding.isUsed {
            warn(name, at: binding.location, "\(MessageText.quoted(name)) is assigned but never used")
        }
        return warnings.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
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
            case .assignment(let name, let binding, let expression, let location):
                if let number = expression.plainNumber {
                    let role: Role =
                        switch binding {
                        case .plain: .input
                        case .parameter: .parameter
                        case .constant: .constant
                        }
                    try evaluator.bind(
                        name, to: Value(number, label: name, role: role), leaf: binding != .constant, at: location)
                } else if binding == .parameter {
                    throw lexer.error(
                        "a parameter needs a plain number, like 'param \(Self.shortened(name)) = 0.5'", at: location)
                } else if binding == .constant {
                    throw lexer.error(
                        "a constant needs a plain number, like 'const \(Self.shortened(name)) = 0.8'", at: location)
                } else {
                    let (value, isNew) = try evaluator.evaluate(expression)
                    if isNew { value.label = name }
                    evaluator.bind(name, to: value)
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
}
