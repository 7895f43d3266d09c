import Foundation

extension Tensor {
    /// A tensor of zeros.
    ///
    /// - Parameters:
    ///   - shape: The size of each axis.
    ///   - label: A name for diagrams.
    ///   - role: What it is to the network; `.input` by default.
    public static func zeros(_ shape: [Int], label: String? = nil, role: Role = .input) -> Tensor {
        full(shape, 0, label: label, role: role)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], label: String? = nil, role: Role = .input) -> Tensor {
        full(shape, 1, label: label, role: role)
    }

    /// A tensor with every element `value`.
    public static func full(_ shape: [Int], _ value: Double, label: String? = nil, role: Role = .input) -> Tensor {
        precondition(shape.allSatisfy { $0 >= 0 }, "full: shape \(Shape.text(shape)) has a negative size")
        return Tensor(leaf: shape, [Double](repeating: value, count: Shape.count(shape)), label: label, role: role)
    }

    /// `[0, 1, …, count − 1]` as a vector.
    public static func arange(_ count: Int, role: Role = .input) -> Tensor {
        arange(from: 0, to: Double(count), role: role)
    }

    /// `[start, start + step, …]` up to but not including `end`, as a vector.
    ///
    /// - Parameters:
    ///   - start: The first value.
    ///   - end: The bound, not included.
    ///   - step: The spacing; non-zero.
    ///   - role: What it is to the network; `.input` by default.
    public static func arange(from start: Double, to end: Double, step: Double = 1, role: Role = .input) -> Tensor {
        precondition(step != 0 && step.isFinite, "arange: step must be a non-zero number")
        let count = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor(leaf: [count], (0..<count).map { start + Double($0) * step }, role: role)
    }

    /// Numbers drawn uniformly from `range`, from a seeded generator.
    ///
    /// - Parameters:
    ///   - shape: The size of each axis.
    ///   - range: The interval, −1…1 by default.
    ///   - label: A name for diagrams.
    ///   - role: What it is to the network; `.input` by default.
    ///   - generator: The source of the numbers.
    public static func uniform(
        _ shape: [Int], in range: ClosedRange<Double> = -1...1, label: String? = nil, role: Role = .input,
        using generator: inout SeededGenerator
    ) -> Tensor {
        Tensor(
            leaf: shape, (0..<Shape.count(shape)).map { _ in generator.uniform(in: range) }, label: label, role: role)
    }

    /// Numbers drawn from a normal distribution, from a seeded generator.
    ///
    /// - Parameters:
    ///   - shape: The size of each axis.
    ///   - mean: The centre.
    ///   - standardDeviation: The spread.
    ///   - label: A name for diagrams.
    ///   - role: What it is to the network; `.input` by default.
    ///   - generator: The source of the numbers.
    public static func normal(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, label: String? = nil, role: Role = .input,
        using generator: inout SeededGenerator
    ) -> Tensor {
        Tensor(
            leaf: shape,
            (0..<Shape.count(shape)).map { _ in generator.normal(mean: mean, standardDeviation: standardDeviation) },
            label: label, role: role)
    }

    /// Xavier (Glorot) uniform weights for a `[fanIn, fanOut]` layer: U(−a, a) with
    /// a = √(6 / (fanIn + fanOut)), which keeps activations' variance steady through
    /// tanh and sigmoid layers.
    public static func xavierUniform(
        fanIn: Int, fanOut: Int, label: String? = nil, role: Role = .parameter, using generator: inout SeededGenerator
    ) -> Tensor {
        let bound = (6 / Double(fanIn + fanOut)).squareRoot()
        return uniform([fanIn, fanOut], in: -bound...bound, label: label, role: role, using: &generator)
    }

    /// He (Kaiming) normal weights for a `[fanIn, fanOut]` layer: N(0, 2 / fanIn), which
    /// keeps activations' variance steady through ReLU layers.
    public static func heNormal(
        fanIn: Int, fanOut: Int, label: String? = nil, role: Role = .parameter, using generator: inout SeededGenerator
    ) -> Tensor {
        normal(
            [fanIn, fanOut], standardDeviation: (2 / Double(fanIn)).squareRoot(), label: label, role: role,
            using: &generator)
    }
}
