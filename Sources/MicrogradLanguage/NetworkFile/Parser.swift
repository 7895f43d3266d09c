import Micrograd

/// Reads network-file tokens into statements (recursive descent).
///
/// ```
/// statement   := ["param"] NAME "=" expression | "output" NAME
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
                    "expected the end of the line after the statement, found \(current.kind.described)", at: current)
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
        let expression = try expression()
        while current.kind == .newline { _ = advance() }
        guard current.kind == .end else {
            throw error("expected the end of the expression, found \(current.kind.described)", at: current)
        }
        return expression
    }

    private mutating func statement() throws(NetworkFileError) -> Statement {
        let first = current
        guard case .name(let word) = first.kind else {
            throw error("expected a statement like 'name = expression', found \(first.kind.described)", at: first)
        }
        let next = tokens[position + 1].kind
        if word == "output", case .name(let name) = next {
            _ = advance()
            _ = advance()
            return .output(name: name, location: tokens[position - 1].location)
        }
        var isParameter = false
        if word == "param", case .name = next {
            isParameter = true
            _ = advance()
        }
        let nameToken = advance()
        guard case .name(let name) = nameToken.kind else {
            throw error("expected a name", at: nameToken)
        }
        if Op.functions[name] != nil {
            throw error("'\(name)' is a function and cannot be assigned to; choose another name", at: nameToken)
        }
        guard current.kind == .equals else {
            throw error("expected '=' after '\(name)', found \(current.kind.described)", at: current)
        }
        _ = advance()
        let value = try expression()
        return .assignment(name: name, isParameter: isParameter, value: value, location: nameToken.location)
    }

    private mutating func nested<Result>(
        _ token: Token, _ body: (inout Parser) throws(NetworkFileError) -> Result
    ) throws(NetworkFileError) -> Result {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw error(
                "the expression nests more than \(Self.maximumDepth) levels deep; split it into several statements",
                at: token)
        }
        return try body(&self)
    }

    private mutating func expression() throws(NetworkFileError) -> Expression {
        try nested(current) { parser throws(NetworkFileError) in
            var left = try parser.term()
            while parser.current.kind == .plus || parser.current.kind == .minus {
                let operatorToken = parser.advance()
                let right = try parser.operand(after: operatorToken) { parser throws(NetworkFileError) in
                    try parser.term()
                }
                left = .binary(operatorToken.kind == .plus ? .add : .subtract, left, right, operatorToken.location)
            }
            return left
        }
    }

    private mutating func term() throws(NetworkFileError) -> Expression {
        var left = try unary()
        while current.kind == .star || current.kind == .slash {
            let operatorToken = advance()
            let right = try operand(after: operatorToken) { parser throws(NetworkFileError) in try parser.unary() }
            left = .binary(operatorToken.kind == .star ? .multiply : .divide, left, right, operatorToken.location)
        }
        return left
    }

    private mutating func unary() throws(NetworkFileError) -> Expression {
        if current.kind == .minus {
            let minus = advance()
            let operand = try operand(after: minus) { parser throws(NetworkFileError) in
                try parser.nested(minus) { parser throws(NetworkFileError) in try parser.unary() }
            }
            return .negate(operand, minus.location)
        }
        return try power()
    }

    private mutating func power() throws(NetworkFileError) -> Expression {
        let base = try primary()
        guard current.kind == .power else { return base }
        let caret = advance()
        let exponent = try operand(after: caret) { parser throws(NetworkFileError) in
            try parser.nested(caret) { parser throws(NetworkFileError) in try parser.unary() }
        }
        return .power(base, exponent, caret.location)
    }

    /// Parses what must follow an operator, with a clear message when nothing does.
    private mutating func operand(
        after operatorToken: Token, _ parse: (inout Parser) throws(NetworkFileError) -> Expression
    ) throws(NetworkFileError) -> Expression {
        if current.kind == .newline || current.kind == .end || current.kind == .rightParenthesis
            || current.kind == .comma
        {
            throw error(
                "expected an expression after '\(operatorToken.text)', found \(current.kind.described)", at: current)
        }
        return try parse(&self)
    }

    private mutating func primary() throws(NetworkFileError) -> Expression {
        let token = advance()
        switch token.kind {
        case .number(let value):
            return .number(value, token.location)
        case .name(let name):
            guard current.kind == .leftParenthesis else { return .name(name, token.location) }
            _ = advance()
            var arguments: [Expression] = []
            if current.kind != .rightParenthesis {
                arguments.append(try expression())
                while current.kind == .comma {
                    _ = advance()
                    arguments.append(try expression())
                }
            }
            guard current.kind == .rightParenthesis else {
                throw error("expected ')' to close the call to '\(name)', found \(current.kind.described)", at: current)
            }
            _ = advance()
            return .call(name, arguments, token.location)
        case .leftParenthesis:
            let inner = try expression()
            guard current.kind == .rightParenthesis else {
                throw error(
                    "expected ')' to match the '(' at column \(token.location.column), found \(current.kind.described)",
                    at: current)
            }
            _ = advance()
            return inner
        default:
            throw error("expected a number, a name or '(', found \(token.kind.described)", at: token)
        }
    }
}
