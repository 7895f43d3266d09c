/// Inputs and real-valued targets for regression, generated in code from a seed.
public struct RegressionDataset: Sendable, Equatable {
    /// One feature vector per example.
    public var inputs: [[Double]]
    /// The target of each example.
    public var targets: [Double]

    /// Creates a dataset from its parts.
    ///
    /// - Parameters:
    ///   - inputs: One feature vector per example, all the same length.
    ///   - targets: One target per example.
    public init(inputs: [[Double]], targets: [Double]) {
        precondition(inputs.count == targets.count, "inputs and targets must have the same count")
        self.inputs = inputs
        self.targets = targets
    }

    /// How many examples there are.
    public var count: Int { inputs.count }

    /// Points on a line or hyperplane, `y = w·x + b + noise`, with each `x`
    /// drawn uniformly from −1…1.
    ///
    /// - Parameters:
    ///   - count: How many examples.
    ///   - weights: The true weights `w`; their count is the input dimension (one for a 1-D set).
    ///   - bias: The true bias `b`.
    ///   - noise: The standard deviation of Gaussian noise added to each target.
    ///   - seed: Fixes the inputs and the noise.
    public static func affine(
        count: Int = 50, weights: [Double] = [2], bias: Double = -1, noise: Double = 0.1, seed: UInt64 = 1
    ) -> Self {
        var generator = SeededGenerator(seed: seed)
        var inputs: [[Double]] = []
        var targets: [Double] = []
        for _ in 0..<count {
            let x = weights.map { _ in generator.uniform(in: -1...1) }
            let clean = zip(weights, x).reduce(bias) { $0 + $1.0 * $1.1 }
            inputs.append(x)
            targets.append(clean + generator.normal(standardDeviation: noise))
        }
        return Self(inputs: inputs, targets: targets)
    }
}
