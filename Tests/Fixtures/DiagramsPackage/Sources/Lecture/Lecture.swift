/// The lecture's first expression, whose diagram the catalog shows.
public enum Lecture {
    /// The expression, as written in `expression.mg`.
    public static let expression = "L = (a * b + c) * f"
}
