import Foundation

/// Labelled points for classification, generated in code from a seed.
///
/// The same arguments give the same points on every run. Points are shuffled,
/// so the classes are interleaved.
///
/// ```swift
/// let moons = ClassificationDataset.moons(count: 100, noise: 0.1, seed: 1)
/// moons.inputs[0]   // [x, y]
/// moons.labels[0]   // 0 or 1
/// ```
public struct ClassificationDataset: Sendable, Equatable {
    /// A short name such as `"moons"`.
    public var name: String
    /// One feature vector per example.
    public var inputs: [[Double]]
    /// The class of each example, in `0 ..< classCount`.
    public var labels: [Int]
    /// How many classes there are.
    public var classCount: Int

    /// Creates a dataset from its parts.
    ///
    /// - Parameters:
    ///   - name: A short name for reports.
    ///   - inputs: One feature vector per example, all the same length.
    ///   - labels: One class index per example, each in `0 ..< classCount`.
    ///   - classCount: How many classes there are.
    public init(name: String, inputs: [[Double]], labels: [Int], classCount: Int) {
        precondition(inputs.count == labels.count, "inputs and labels must have the same count")
        self.name = name
        self.inputs = inputs
        self.labels = labels
        self.classCount = classCount
    }

    /// How many examples there are.
    public var count: Int { inputs.count }

    /// Whether a model with `outputs` outputs can classify `classCount` classes: one
    /// output per class, or, for two classes, a single score whose sign is the class.
    public static func modelFits(outputs: Int, classCount: Int) -> Bool {
        outputs == classCount || (outputs == 1 && classCount == 2)
    }

    /// Stops with a message unless a model with `outputs` outputs fits this dataset;
    /// see ``modelFits(outputs:classCount:)``.
    func requireModelFits(outputs: Int) {
        precondition(
            Self.modelFits(outputs: outputs, classCount: classCount),
            "the model needs one output for two classes, or one output per class")
    }

    /// The labels as −1 and +1 (class 0 → −1), as max-margin (hinge) losses expect.
    public var signedLabels: [Double] { labels.map { $0 == 0 ? -1 : 1 } }

    /// Two interleaving half circles, as scikit-learn's `make_moons`: the upper
    /// moon is class 0, the lower one class 1.
    ///
    /// - Parameters:
    ///   - count: How many points in all; the upper moon gets `count / 2`.
    ///   - noise: The standard deviation of Gaussian noise added to each coordinate.
    ///   - seed: Fixes the noise and the shuffle.
    public static func moons(count: Int = 100, noise: Double = 0.1, seed: UInt64 = 1) -> Self {
        var generator = SeededGenerator(seed: seed)
        let outer = count / 2
        let inner = count - outer
        var points: [([Double], Int)] = []
        for i in 0..<outer {
            let t = Double.pi * fraction(i, of: outer)
            points.append(([cos(t), sin(t)], 0))
        }
        for i in 0..<inner {
            let t = Double.pi * fraction(i, of: inner)
            points.append(([1 - cos(t), 0.5 - sin(t)], 1))
        }
        return finish("moons", points, classCount: 2, noise: noise, generator: &generator)
    }

    /// A small circle inside a larger one, as scikit-learn's `make_circles`:
    /// the outer circle (radius 1) is class 0, the inner one class 1.
    ///
    /// - Parameters:
    ///   - count: How many points in all; the outer circle gets `count / 2`.
    ///   - noise: The standard deviation of Gaussian noise added to each coordinate.
    ///   - factor: The inner circle's radius, between 0 and 1.
    ///   - seed: Fixes the noise and the shuffle.
    public static func circles(count: Int = 100, noise: Double = 0.05, factor: Double = 0.5, seed: UInt64 = 1) -> Self {
        var generator = SeededGenerator(seed: seed)
        let outer = count / 2
        let inner = count - outer
        var points: [([Double], Int)] = []
        for i in 0..<outer {
            let t = 2 * Double.pi * Double(i) / Double(outer)
            points.append(([cos(t), sin(t)], 0))
        }
        for i in 0..<inner {
            let t = 2 * Double.pi * Double(i) / Double(inner)
            points.append(([factor * cos(t), factor * sin(t)], 1))
        }
        return finish("circles", points, classCount: 2, noise: noise, generator: &generator)
    }

    /// Interleaved spiral arms, one per class (the CS231n spiral): arm `k` has
    /// radius growing from 0 to 1 while its angle turns through 4 radians.
    ///
    /// - Parameters:
    ///   - pointsPerClass: How many points on each arm.
    ///   - classes: How many arms.
    ///   - noise: The standard deviation of Gaussian noise added to each angle.
    ///   - seed: Fixes the noise and the shuffle.
    public static func spiral(pointsPerClass: Int = 100, classes: Int = 3, noise: Double = 0.2, seed: UInt64 = 1)
        -> Self
    {
        var generator = SeededGenerator(seed: seed)
        var points: [([Double], Int)] = []
        for arm in 0..<classes {
            for i in 0..<pointsPerClass {
                let radius = fraction(i, of: pointsPerClass)
                let angle =
                    Double(arm) * 4 + 4 * fraction(i, of: pointsPerClass) + generator.normal(standardDeviation: noise)
                points.append(([radius * sin(angle), radius * cos(angle)], arm))
            }
        }
        return finish("spiral", points, classCount: classes, noise: 0, generator: &generator)
    }

    /// Points in the square −1…1 labelled by the sign of x·y: class 0 where x and y
    /// have the same sign, class 1 where they differ. Not linearly separable.
    ///
    /// - Parameters:
    ///   - count: How many points.
    ///   - noise: The standard deviation of Gaussian noise added after labelling.
    ///   - seed: Fixes the points, the noise and the shuffle.
    public static func xor(count: Int = 100, noise: Double = 0.05, seed: UInt64 = 1) -> Self {
        var generator = SeededGenerator(seed: seed)
        var points: [([Double], Int)] = []
        for _ in 0..<count {
            let x = generator.uniform(in: -1...1)
            let y = generator.uniform(in: -1...1)
            points.append(([x, y], x * y >= 0 ? 0 : 1))
        }
        return finish("xor", points, classCount: 2, noise: noise, generator: &generator)
    }

    /// Gaussian clusters, one per class, with centres evenly spaced on a circle of radius 3.
    ///
    /// - Parameters:
    ///   - count: How many points in all, dealt round the clusters.
    ///   - classes: How many clusters.
    ///   - standardDeviation: The spread of each cluster.
    ///   - seed: Fixes the points and the shuffle.
    public static func blobs(count: Int = 100, classes: Int = 3, standardDeviation: Double = 0.6, seed: UInt64 = 1)
        -> Self
    {
        var generator = SeededGenerator(seed: seed)
        var points: [([Double], Int)] = []
        for i in 0..<count {
            let label = i % classes
            let angle = 2 * Double.pi * Double(label) / Double(classes)
            points.append(([3 * cos(angle), 3 * sin(angle)], label))
        }
        return finish("blobs", points, classCount: classes, noise: standardDeviation, generator: &generator)
    }

    /// `i / (n - 1)`, the i-th of n evenly spaced points in 0…1 (0 when n is 1).
    private static func fraction(_ i: Int, of n: Int) -> Double {
        n > 1 ? Double(i) / Double(n - 1) : 0
    }

    /// Adds noise to every coordinate, then shuffles (Fisher–Yates) with the same generator.
    private static func finish(
        _ name: String, _ points: [([Double], Int)], classCount: Int, noise: Double,
        generator: inout SeededGenerator
    ) -> Self {
        var points = points
        if noise > 0 {
            for i in points.indices {
                points[i].0 = points[i].0.map { $0 + generator.normal(standardDeviation: noise) }
            }
        }
        if points.count > 1 {
            for i in stride(from: points.count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                points.swapAt(i, j)
            }
        }
        return Self(name: name, inputs: points.map(\.0), labels: points.map(\.1), classCount: classCount)
    }
}
