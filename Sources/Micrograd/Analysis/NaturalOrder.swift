/// The order a reader counts in: `neuron2` before `neuron10`, which plain string
/// comparison gets wrong.
///
/// Names that differ only in their numbers (`neuron0`, `neuron1`, …, `neuron10`, or
/// `block2.conv10`) form a family. Families keep the order in which they first appear,
/// so unrelated names (`encoder`, `decoder`) stay in the order the caller gave; inside a
/// family, names are ordered by their numbers, compared as whole numbers from left to right.
///
/// ```swift
/// NaturalOrder.sorted(["neuron3", "bias", "neuron10", "neuron2"]) { $0 }
/// // ["neuron2", "neuron3", "neuron10", "bias"]
/// ```
public enum NaturalOrder {
    /// `items` in natural order of their names; items of equal names keep their order.
    ///
    /// - Parameters:
    ///   - items: What to order.
    ///   - name: Each item's name.
    /// - Returns: The items, reordered.
    /// - Complexity: O(n log n) comparisons of names.
    public static func sorted<Item>(_ items: [Item], name: (Item) -> String) -> [Item] {
        let keys = items.map { Key(name($0)) }
        var familyRank: [String: Int] = [:]
        for key in keys where familyRank[key.family] == nil { familyRank[key.family] = familyRank.count }
        let order = items.indices.sorted { left, right in
            let (a, b) = (keys[left], keys[right])
            if a.family != b.family { return familyRank[a.family]! < familyRank[b.family]! }
            if let numbers = Key.compareNumbers(a.numbers, b.numbers) { return numbers }
            return left < right
        }
        return order.map { items[$0] }
    }

    /// A name split into its family (each run of digits replaced by `#`) and its numbers.
    private struct Key {
        let family: String
        /// Each run of digits, without leading zeros (`"0"` for zero).
        let numbers: [Substring]

        init(_ name: String) {
            var family = ""
            var numbers: [Substring] = []
            var index = name.startIndex
            while index < name.endIndex {
                if name[index].isASCIIDigit {
                    var end = index
                    while end < name.endIndex && name[end].isASCIIDigit { end = name.index(after: end) }
                    var digits = name[index..<end].drop { $0 == "0" }
                    if digits.isEmpty { digits = name[name.index(before: end)..<end] }
                    numbers.append(digits)
                    family.append("#")
                    index = end
                } else {
                    family.append(name[index])
                    index = name.index(after: index)
                }
            }
            self.family = family
            self.numbers = numbers
        }

        /// `true` if `a` is smaller, `false` if larger, `nil` if equal. Numbers of any
        /// length are compared without overflow: a longer number is larger.
        static func compareNumbers(_ a: [Substring], _ b: [Substring]) -> Bool? {
            for (x, y) in zip(a, b) where x != y {
                return x.count != y.count ? x.count < y.count : x < y
            }
            return nil
        }
    }
}

extension Character {
    /// Whether the character is one of `0`…`9`.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
