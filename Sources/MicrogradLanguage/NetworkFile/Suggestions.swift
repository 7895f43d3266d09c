/// "Did you mean …?" for names the user mistyped.
public enum Suggestions {
    /// The longest word a suggestion is looked for: a longer one is not a typo of a name
    /// a person would type, and the search stays cheap however long the word is.
    public static let maximumWordLength = 64

    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    ///
    /// - Parameters:
    ///   - word: What the user typed.
    ///   - candidates: The names that exist.
    /// - Returns: The nearest candidate within about a third of the word's length (at
    ///   least one edit, never the whole word), ties broken alphabetically; `nil` for a word
    ///   longer than ``maximumWordLength`` characters.
    /// - Complexity: O(c · m · k) for c candidates, a word of m ≤ 64 characters and a
    ///   limit of k ≤ 21 edits: candidates whose length differs by more than k are skipped,
    ///   and each comparison stops once every alignment needs more than k edits.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let wordLength = word.count
        guard wordLength <= maximumWordLength else { return nil }
        let limit = max(1, wordLength / 3)
        let lowered = Array(word.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            // Counting at most `wordLength + limit + 1` characters skips long names unread.
            let length = candidate.prefix(wordLength + limit + 1).count
            guard length >= wordLength - limit, length <= wordLength + limit else { continue }
            let other = Array(candidate.lowercased())
            guard abs(other.count - lowered.count) <= limit else { continue }
            let bound = min(limit, best?.distance ?? limit)
            guard let distance = distance(lowered, other, atMost: bound) else { continue }
            if let current = best, (current.distance, current.name) <= (distance, candidate) { continue }
            best = (candidate, distance)
        }
        guard let best, best.distance < wordLength else { return nil }
        return best.name
    }

    /// The optimal string alignment distance: insertions, deletions, substitutions,
    /// and swaps of neighbours (`tahn` → `tanh` is one edit).
    ///
    /// - Complexity: O(m · n); use ``nearest(to:in:)`` for bounded work.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        return distance(a, b, atMost: max(a.count, b.count))!
    }

    /// The optimal string alignment distance of `a` and `b` if it is at most `limit`, else `nil`.
    ///
    /// Only cells within `limit` of the diagonal are computed, and the comparison stops
    /// at the first row whose every cell exceeds `limit`.
    ///
    /// - Complexity: O(min(m, n) · limit) time, O(n) memory.
    static func distance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = limit + 1
        // Three rows of the table: i - 2, i - 1 and i; cells off the band hold `outside`.
        var previous2 = Array(repeating: outside, count: b.count + 1)
        var previous = (0...b.count).map { $0 <= limit ? $0 : outside }
        var row = Array(repeating: outside, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            // Cells just outside the band may hold an older row's numbers: reset the ones read.
            if low > 1 { row[low - 1] = outside }
            if high < b.count { row[high + 1] = outside }
            row[0] = i <= limit ? i : outside
            var rowMinimum = row[0]
            if low <= high {
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var cell = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        cell = min(cell, previous2[j - 2] + 1)
                    }
                    row[j] = min(cell, outside)
                    rowMinimum = min(rowMinimum, row[j])
                }
            }
            if rowMinimum > limit { return nil }
            (previous2, previous, row) = (previous, row, previous2)
        }
        let result = previous[b.count]
        return result <= limit ? result : nil
    }
}
