import Testing

@testable import MicrogradLanguage

/// Issue 9, item 12: "did you mean" does bounded work whatever the names' lengths.
@Suite("Suggestions stay cheap")
struct SuggestionBoundsTests {
    /// The textbook optimal string alignment distance, the full table: the reference.
    static func referenceDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    /// The banded distance agrees with the full table wherever it answers, and answers
    /// exactly when the distance is within the limit.
    @Test func bandedDistanceMatchesTheFullTable() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "b", "c"]
        for _ in 0..<3_000 {
            let a = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
            }
            let b = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
            }
            let limit = Int.random(in: 0...5, using: &generator)
            let expected = Self.referenceDistance(a, b)
            let banded = Suggestions.distance(a, b, atMost: limit)
            #expect(banded == (expected <= limit ? expected : nil), "\(String(a)) \(String(b)) limit \(limit)")
        }
    }

    /// A 400,000-character name next to a defined one of the same length: no suggestion,
    /// and no table of 400,000² cells (which aborted on allocation).
    @Test func veryLongNamesGetNoSuggestion() throws {
        let defined = String(repeating: "x", count: 400_000)
        let typed = String(repeating: "x", count: 399_999) + "y"
        #expect(Suggestions.nearest(to: typed, in: [defined]) == nil)
        let error = try #require(throws: NetworkFileError.self) {
            try NetworkProgram(text: "\(defined) = 1\ny = \(typed)\n", source: "long.mg").build()
        }
        #expect(error.message.hasPrefix("undefined name 'xxxx"))
        #expect(error.message.contains("(400000 characters)"))
        #expect(error.description.count < 600, "the message quotes the name shortened")
    }

    /// Names up to the cap are still suggested, among many candidates.
    @Test func namesUpToTheCapAreSuggested() {
        let base = String(repeating: "weight", count: 10)  // 60 characters
        let candidates = (0..<2_000).map { base + String($0) } + ["bias"]
        #expect(Suggestions.nearest(to: base + "1x", in: candidates) == base + "1")
        #expect(
            Suggestions.nearest(to: String(repeating: "a", count: 65), in: [String(repeating: "a", count: 64)]) == nil)
        #expect(Suggestions.nearest(to: "tahn", in: ["tanh", "relu"]) == "tanh")
        #expect(Suggestions.nearest(to: "Relu", in: ["relu"]) == "relu")
    }
}
