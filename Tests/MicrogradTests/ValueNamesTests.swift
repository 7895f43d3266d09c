import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Names for formulas, and repeated labels told apart.
@Suite("Value names")
struct ValueNamesTests {
    /// micrograd's README labels three values `c` and three `d` (the re-assignments); the
    /// `.mg` sample does the same.
    static func relabelledReadme() -> GraphSnapshot {
        let a = Value(-4.0, label: "a")
        let b = Value(2.0, label: "b")
        var c = a + b
        c.label = "c"
        c += c + 1
        c.label = "c"
        c += 1 + c + (-a)
        c.label = "c"
        return c.snapshot()
    }

    @Test func primesAndSubscriptsFollowTheComputation() {
        let snapshot = Self.relabelledReadme()
        let labelled = snapshot.nodes.filter { $0.label == "c" }.map(\.id)
        #expect(labelled.count == 3)
        let primes = snapshot.disambiguatingLabels(.primes)
        #expect(labelled.map { primes.nodes[$0].label } == ["c", "c′", "c″"])
        let subscripts = snapshot.disambiguatingLabels(.subscripts)
        #expect(labelled.map { subscripts.nodes[$0].label } == ["c₁", "c₂", "c₃"])
        #expect(snapshot.disambiguatingLabels(.keep) == snapshot)
        // Everything but the repeated labels is unchanged.
        for (old, new) in zip(snapshot.nodes, primes.nodes) where old.label != "c" { #expect(old == new) }
    }

    @Test func manyRepeatsAndLongSubscripts() {
        #expect(DuplicateLabels.primes.mark("x", occurrence: 4, of: 5) == "x′′′′")
        #expect(DuplicateLabels.subscripts.mark("x", occurrence: 11, of: 12) == "x₁₂")
        #expect(DuplicateLabels.primes.mark("x", occurrence: 0, of: 1) == "x")
    }

    @Test func unlabelledValuesAreNamedByFormulaNumberOrID() {
        let x = Value(2.0, label: "x")
        let w = Value(-3.0, label: "w")
        let product = x * w
        let scaled = product * 2.5
        var long = scaled
        for _ in 0..<4 { long = long.tanh() }
        let names = ValueNames(long.snapshot())
        let snapshot = long.snapshot()
        func name(of value: Value) -> String {
            names[snapshot.nodes.firstIndex { $0.data == [value.data] && $0.op == value.op }!]
        }
        #expect(name(of: product) == "x * w")
        #expect(names.names.contains("2.5"), "a constant is its number")
        #expect(name(of: scaled) == "(x * w) * 2.5")
        #expect(names[5] == "#5", "a long formula gives way to the id")
        #expect(names[7] == "tanh(tanh(#5))", "a function's argument needs no parentheses")
        #expect(names[snapshot.rootID] == "#\(snapshot.rootID)")
        #expect(names.formula(.power(2), inputs: [2]) == "(x * w)**2")
        #expect(names.operand(2) == "(x * w)" && names.operand(0) == "x")
    }
}
