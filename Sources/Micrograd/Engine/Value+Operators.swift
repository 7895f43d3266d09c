// Mixed `Value`/`Double` arithmetic, compound assignment and `**`.
//
// A `Double` operand becomes a constant leaf of the graph, as in micrograd.
// The `Double` overloads are disfavoured so that a literal (`x + 1`) resolves
// to the `Value` operator through `ExpressibleByIntegerLiteral` instead of
// being ambiguous; both spellings record the same graph.

extension Value {
    /// `a + b` with `b` recorded as a constant.
    @_disfavoredOverload
    public static func + (a: Value, b: Double) -> Value { a + Value(b, role: .constant) }
    /// `a + b` with `a` recorded as a constant.
    @_disfavoredOverload
    public static func + (a: Double, b: Value) -> Value { Value(a, role: .constant) + b }
    /// `a - b` with `b` recorded as a constant.
    @_disfavoredOverload
    public static func - (a: Value, b: Double) -> Value { a - Value(b, role: .constant) }
    /// `a - b` with `a` recorded as a constant.
    @_disfavoredOverload
    public static func - (a: Double, b: Value) -> Value { Value(a, role: .constant) - b }
    /// `a * b` with `b` recorded as a constant.
    @_disfavoredOverload
    public static func * (a: Value, b: Double) -> Value { a * Value(b, role: .constant) }
    /// `a * b` with `a` recorded as a constant.
    @_disfavoredOverload
    public static func * (a: Double, b: Value) -> Value { Value(a, role: .constant) * b }
    /// `a / b` with `b` recorded as a constant.
    @_disfavoredOverload
    public static func / (a: Value, b: Double) -> Value { a / Value(b, role: .constant) }
    /// `a / b` with `a` recorded as a constant.
    @_disfavoredOverload
    public static func / (a: Double, b: Value) -> Value { Value(a, role: .constant) / b }

    /// Replaces `a` with the new node `a + b`. The old node stays in the graph.
    public static func += (a: inout Value, b: Value) { a = a + b }
    /// Replaces `a` with the new node `a - b`.
    public static func -= (a: inout Value, b: Value) { a = a - b }
    /// Replaces `a` with the new node `a * b`.
    public static func *= (a: inout Value, b: Value) { a = a * b }
    /// Replaces `a` with the new node `a / b`.
    public static func /= (a: inout Value, b: Value) { a = a / b }
    /// Replaces `a` with the new node `a + b`, `b` recorded as a constant.
    @_disfavoredOverload
    public static func += (a: inout Value, b: Double) { a = a + b }
    /// Replaces `a` with the new node `a - b`, `b` recorded as a constant.
    @_disfavoredOverload
    public static func -= (a: inout Value, b: Double) { a = a - b }
    /// Replaces `a` with the new node `a * b`, `b` recorded as a constant.
    @_disfavoredOverload
    public static func *= (a: inout Value, b: Double) { a = a * b }
    /// Replaces `a` with the new node `a / b`, `b` recorded as a constant.
    @_disfavoredOverload
    public static func /= (a: inout Value, b: Double) { a = a / b }
}

/// Exponentiation binds tighter than `*` and groups from the right, as in Python.
///
/// Swift applies prefix operators before any infix operator, so `-x ** 2` means
/// `(-x) ** 2`, unlike Python's `-(x ** 2)`. Write `-(x ** 2)` when you mean that.
precedencegroup ExponentiationPrecedence {
    associativity: right
    higherThan: MultiplicationPrecedence
}

infix operator ** : ExponentiationPrecedence

extension Value {
    /// `base ** exponent`, the same as `base.pow(exponent)`.
    ///
    /// Note that `-x ** 2` is `(-x) ** 2` in Swift; see `ExponentiationPrecedence`.
    public static func ** (base: Value, exponent: Double) -> Value {
        base.pow(exponent)
    }
}
