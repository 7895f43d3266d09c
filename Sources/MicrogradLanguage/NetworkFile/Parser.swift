import Micrograd

/// Reads network-file tokens into statements (recursive descent over nesting, loops over
/// chains: `a + a + … + a` is read by one loop, and each expression is built as a flat
/// ``Expression``, children before parents).
///
/// ```
/// statement   := ["param" | "const"] NAME "=" expression | "output" NAME
/// expression  := term (("+" | "-") term)*
/// term        := unary (("*" | "/") unary)*
/// unary       := "-" unary | power              # so -x^2 is -(x^2)
/// power       := primary [("^" | "**") unary]   # right-associative: 2^3^2 is 2^9
/// primary     := NUMBER | NAME | NAME "(" arguments ")" | "(" expression ")"
/// ```
struct Parser {
    /// How deeply parentheses and operators may nest, so a hostile file cannot exhaust the stack.
    static let maximumDepth = 200

    private let lexer: Lexer
    private let tokens: [Token]
    private var position = 0
    private var depth = 0
    /// The expression being read.
    private var expression = Expression()

    /// The words that start statements: `param`, `const` and `output`.
    static let keywords = ["const", "output", "param"]

    /// Reads `text`.
    ///
    /// - Throws: ``NetworkFileError`` for bad characters or numbers.
    init(text: String, source: String) throws(NetworkFileError) {
        lexer = Lexer(text: text, source: source)
        tokens = try lexer.tokens()
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func error(_ message: String, at token: Token) -> NetworkFileError {
        lexer.error(message, at: token.location)
    }

    /// Every statement in the file.
    mutating func statements() throws(NetworkFileError) -> [Statement] {
        var statements: [Statement] = []
        while current.kind != .end {
            if current.kind == .newline {
                _ = advance()
                continue
            }
            statements.append(try statement())
            guard current.kind == .newline || current.kind == .end else {
                throw error(
                    "expected the end of the line after the statement, found \(current.described)", at: current)
            }
        }
        return statements
    }

    /// One expression filling the whole text, as `micrograd expr` takes.
    mutating func wholeExpression() throws(NetworkFileError) -> Expression {
        while current.kind == .newline { _ = advance() }
        guard current.kind != .end else {
            throw error("the expression is empty; write one like 'tanh(x * w + b)'", at: current)
        }
        expression = Expression()
        _ = try self.parseExpression()
        while current.kind == .newline { _ = advance() }
        guard current.kind == .end else {
            throw error("expected the end of the expression, found \(current.described)", at: current)
        }
        return expression
    }

    private mutating func statement() throws(NetworkFileError) -> Statement {
        let first = current
        guard case .name(let word) = first.kind else {
            throw error("expected a statement like 'name = expression', found \(first.described)", at: first)
        }
        let next = tokens[position + 1].kind
        if word == "output", case .name(let name) = next {
            _ = advance()
            _ = advance()
            return .output(name: name, location: tokens[position - 1].location)
        }
        var binding = Binding.plain
        if case .name = next {
            switch word {
            case "param": binding = .parameter
            case "const": binding = .constant
            default:
                // Two names in a row: most likely a misspelt keyword, as in `parm w = 1`.
                if let keyword = Suggestions.nearest(to: word, in: Self.keywords) {
                    throw error(
                        "unknown keyword \(MessageText.quoted(word)) (did you mean '\(keyword)'?); a statement is "
                            + "'name = expression', 'param name = number', 'const name = number' or 'output name'",
                        at: first)
                }
            }
            if binding != .plain { _ = advance() }
        }
        let nameToken = advance()
        guard case .name(let name) = nameToken.kind else {
            throw error("expected a name", at: nameToken)
        }
        if Op.functions[name] != nil {
            throw error("'\(name)' is a function and cannot be assigned to; choose another name", at: nameToken)
        }
        guard current.kind == .equals else {
            throw error("expected '=' after \(MessageText.quoted(name)), found \(current.described)", at: current)
        }
        _ = advance()
        expression = Expression()
        _ = try parseExpression()
        return .assignment(name: name, binding: binding, value: expression, location: nameToken.location)
    }

    private mutating func nested(_ token: Token, _ body: (inout Parser) throws(NetworkFileError) -> Int)
        throws(NetworkFileError) -> Int
    {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw error(
                "the expression nests more than \(Self.maximumDepth) levels deep; split it into several statements",
                at: token)
        }
        return try body(&self)
    }

    /// Appends a node to the expression being read and returns its index.
    private mutating func emit(_ kind: Expression.Kind, at location: SourceLocation) -> Int {
        expression.append(kind, at: location)
    }

    /// `term (("+" | "-") term)*`, read by a loop however many terms there are.
    private mutating func parseExpression() throws(NetworkFileError) -> Int {
        try nested(current) { parser throws(NetworkFileError) in
            var left = try parser.term()
            while parser.current.kind == .plus || parser.current.kind == .minus {
                let operatorToken = parser.advance()
                let right = try parser.operand(after: operatorToken) { parser throws(NetworkFileError) in
                    try parser.term()
                }
                left = parser.emit(
                    .binary(operatorToken.kind == .plus ? .add : .subtract, left, right), at: operatorToken.location)
            }
            return left
        }
    }

    private mutating func term() throws(NetworkFileError) -> Int {
        var left = try unary()
        while current.kind == .star || current.kind == .slash {
            let operatorToken = advance()
            let right = try operand(after: operatorToken) { parser throws(NetworkFileError) in try parser.unary() }
            left = emit(
                .binary(operatorToken.kind == .star ? .multiply : .divide, left, right), at: operatorToken.location)
        }
        return left
    }

    private mutating func unary() throws(NetworkFileError) -> Int {
        if current.kind == .minus {
            let minus = advance()
            let operand = try operand(after: minus) { parser throws(NetworkFileError) in
                try parser.nested(minus) { parser throws(NetworkFileError) in try parser.unary() }
            }
            return emit(.negate(operand), at: minus.location)
        }
        return try power()
    }

    private mutating func power() throws(NetworkFileError) -> Int {
        let base = try primary()
        guard current.kind == .power else { return base }
        let caret = advance()
        let exponent = try operand(after: caret) { parser throws(NetworkFileError) in
            try parser.nested(caret) { parser throws(NetworkFileError) in try parser.unary() }
        }
        return emit(.power(base: base, exponent: exponent, spelling: caret.text), at: caret.location)
    }

    /// Parses what must follow an operator, with a clear message when nothing does.
    private mutating func operand(
        after operatorToken: Token, _ parse: (inout Parser) throws(NetworkFileError) -> Int
    ) throws(NetworkFileError) -> Int {
        if current.kind == .newline || current.kind == .end || current.kind == .rightParenthesis
            || current.kind == .comma
        {
            throw error(
                "expected an expression after \(operatorToken.described), found \(current.described)", at: current)
        }
        return try parse(&self)
    }

    private mutating func primary() throws(NetworkFileError) -> Int {
        let token = advance()
        switch token.kind {
        case .number(let value):
            return emit(.number(value), at: token.location)
        case .name(let name):
            guard current.kind == .leftParenthesis else { return emit(.name(name), at: token.location) }
            _ = advance()
            var arguments: [Int] = []
            if current.kind != .rightParenthesis {
                arguments.append(try parseExpression())
                while current.kind == .comma {
                    _ = advance()
                    arguments.append(try parseExpression())
                }
            }
            guard current.kind == .rightParenthesis else {
                throw error(
                    "expected ')' to close the call to \(MessageText.quoted(name)), found \(current.described)",
                    at: current)
            }
            _ = advance()
            return emit(.call(name, arguments: arguments), at: token.location)
        case .leftParenthesis:
            let inner = try parseExpression()
            guard current.kind == .rightParenthesis else {
                throw error(
                    "expected ')' to match the '(' at column \(token.location.column), found \(current.described)",
                    at: current)
            }
            _ = advance()
            return inner
        default:
            throw error("expected a number, a name or '(', found \(token.described)", at: token)
        }
    }
}
