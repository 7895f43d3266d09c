/// A count and its noun for messages: `1 epoch`, `2 epochs`.
///
/// - Parameters:
///   - count: How many.
///   - noun: The noun in the singular; the plural adds an s.
func counted(_ count: Int, _ noun: String) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
}
