import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

/// A random straight-line program over scalars: leaves, then operations whose
/// operands are any earlier value (so subexpressions are shared, and some
/// operations use one operand twice). It can run on `Value`s or on plain
/// `Double`s, so finite differences of the `Double` version check the gradients
/// of the `Value` version.
struct RandomProgram {
    enum Instruction {
        case unary(Op, Int)
        case binary(Op, Int, Int)
    }

    let leaves: [Double]
    let instructions: [Instruction]

    /// Generates a program whose every operation is smooth with a margin at `leaves`:
    /// no ReLU near its kink, no division by or logarithm of a number near 0, and
    /// no huge intermediate values. Candidates that fail are replaced by another draw.
    init(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let leafCount = Int.random(in: 2...5, using: &generator)
        leaves = (0..<leafCount).map { _ in generator.uniform(in: -2...2) }
        var values = leaves
        var instructions: [Instruction] = []
        let length = Int.random(in: 8...40, using: &generator)
        while instructions.count < length {
            // Prefer recent values, so the program is deep as well as wide.
            func operand() -> Int {
                let recent = max(0, values.count - 6)
                return Bool.random(using: &generator)
                    ? Int.random(in: recent..<values.count, using: &generator)
                    : Int.random(in: 0..<values.count, using: &generator)
            }
            let a = operand()
            let b = Int.random(in: 0..<5, using: &generator) == 0 ? a : operand()
            let candidates: [Instruction] = [
                .binary(.add, a, b), .binary(.subtract, a, b), .binary(.multiply, a, b), .binary(.divide, a, b),
                .unary(.negate, a), .unary(.power(2), a), .unary(.power(3), a), .unary(.power(-1), a),
                .unary(.power(0.5), a), .unary(.relu, a), .unary(.tanh, a), .unary(.exp, a), .unary(.log, a),
                .unary(.sigmoid, a), .unary(.abs, a), .unary(.softplus, a),
            ]
            let instruction = candidates[Int.random(in: 0..<candidates.count, using: &generator)]
            guard let result = Self.evaluate(instruction, values), Self.isSmooth(instruction, values),
                abs(result) < 1e3
            else { continue }
            values.append(result)
            instructions.append(instruction)
        }
        self.instructions = instructions
    }

    private static func isSmooth(_ instruction: Instruction, _ values: [Double]) -> Bool {
        switch instruction {
        case .binary(.divide, _, let b): abs(values[b]) > 0.3
        case .unary(.power(-1), let a): abs(values[a]) > 0.3
        case .unary(.power(0.5), let a), .unary(.log, let a): values[a] > 0.3
        case .unary(.relu, let a), .unary(.abs, let a): abs(values[a]) > 1e-2
        case .unary(.exp, let a): values[a] < 5
        default: true
        }
    }

    private static func evaluate(_ instruction: Instruction, _ values: [Double]) -> Double? {
        switch instruction {
        case .binary(let op, let a, let b):
            let (x, y) = (values[a], values[b])
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return x / y
            default: return nil
            }
        case .unary(let op, let a):
            let x = values[a]
            switch op {
            case .negate: return -x
            case .power(let p): return pow(x, p)
            case .relu: return max(x, 0)
            case .tanh: return tanh(x)
            case .exp: return exp(x)
            case .log: return log(x)
            case .sigmoid: return 1 / (1 + exp(-x))
            case .abs: return abs(x)
            case .softplus: return log(1 + exp(x))
            default: return nil
            }
        }
    }

    /// The program on plain numbers: the value of its last instruction.
    func run(_ leaves: [Double]) -> Double {
        var values = leaves
        for instruction in instructions {
            values.append(Self.evaluate(instruction, values)!)
        }
        return values.last!
    }

    /// The program on recorded values: the last instruction's value.
    func run(_ leaves: [Value]) -> Value {
        var values = leaves
        for instruction in instructions {
            switch instruction {
            case .binary(let op, let a, let b): values.append(Value.apply(op, to: [values[a], values[b]]))
            case .unary(let op, let a): values.append(Value.apply(op, to: [values[a]]))
            }
        }
        return values.last!
    }
}

@Suite("Gradients against finite differences")
struct GradientCheckTests {
    @Test(arguments: 0..<200)
    func randomSharedExpressionGraph(seed: Int) {
        let program = RandomProgram(seed: UInt64(seed))
        let leaves = program.leaves.map { Value($0) }
        let root = program.run(leaves)
        #expect(isClose(root.data, program.run(program.leaves), tolerance: 1e-12))
        root.backward()
        let numeric = numericalGradient(of: program.run, at: program.leaves)
        expectGradientsMatch(analytic: leaves.map(\.grad), numeric: numeric, tolerance: 1e-5, "seed \(seed)")
    }

    /// Every operation on its own, at points away from kinks and poles.
    @Test(arguments: [-1.7, -0.4, 0.6, 2.3])
    func everyUnaryOperation(x: Double) {
        let cases: [(String, (Value) -> Value, (Double) -> Double)] = [
            ("neg", { -$0 }, { -$0 }),
            ("pow 3", { $0.pow(3) }, { pow($0, 3) }),
            ("pow -2", { $0.pow(-2) }, { pow($0, -2) }),
            ("relu", { $0.relu() }, { max($0, 0) }),
            ("tanh", { $0.tanh() }, { tanh($0) }),
            ("exp", { $0.exp() }, { exp($0) }),
            ("sigmoid", { $0.sigmoid() }, { 1 / (1 + exp(-$0)) }),
            ("abs", { $0.abs() }, { abs($0) }),
            ("softplus", { $0.softplus() }, { log(1 + exp($0)) }),
            ("log |x|", { ($0 * $0).pow(0.5).log() }, { log(abs($0)) }),
        ]
        for (name, recorded, plain) in cases {
            let input = Value(x)
            let output = recorded(input)
            output.backward()
            let numeric = numericalGradient(of: { plain($0[0]) }, at: [x])
            expectGradientsMatch(analytic: [input.grad], numeric: numeric, name)
        }
    }

    @Test(arguments: [(-1.7, 0.4), (0.6, -2.3), (3.0, 5.0)])
    func everyBinaryOperation(x: Double, y: Double) {
        let cases: [(String, (Value, Value) -> Value, (Double, Double) -> Double)] = [
            ("+", { $0 + $1 }, { $0 + $1 }),
            ("-", { $0 - $1 }, { $0 - $1 }),
            ("*", { $0 * $1 }, { $0 * $1 }),
            ("/", { $0 / $1 }, { $0 / $1 }),
        ]
        for (name, recorded, plain) in cases {
            let (a, b) = (Value(x), Value(y))
            recorded(a, b).backward()
            let numeric = numericalGradient(of: { plain($0[0], $0[1]) }, at: [x, y])
            expectGradientsMatch(analytic: [a.grad, b.grad], numeric: numeric, name)
        }
    }
}
