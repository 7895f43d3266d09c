import Micrograd
import Testing

@Suite("Digits dataset")
struct DigitsDatasetTests {
    /// Decoded once for the suite; `digits()` returns the same data on every call.
    static let digits = ClassificationDataset.digits()

    /// The pixel values 0…16 back from the features, which are multiples of 1/16.
    static var pixels: [Int] { digits.inputs.flatMap { $0.map { Int(($0 * 16).rounded()) } } }

    @Test func shape() {
        let digits = Self.digits
        #expect(digits.name == "digits")
        #expect(digits.count == 1797)
        #expect(digits.labels.count == 1797)
        #expect(digits.classCount == 10)
        #expect(digits.inputs.allSatisfy { $0.count == 64 })
        #expect(digits.labels.allSatisfy { (0..<10).contains($0) })
    }

    /// The class distribution of the test file `optdigits.tes`, as the data set's description
    /// (`optdigits.names`, "No of examples in testing set") gives it.
    @Test func classCountsMatchTheDataSetDescription() {
        let documented = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
        let counted = (0..<10).map { digit in Self.digits.labels.filter { $0 == digit }.count }
        #expect(counted == documented)
    }

    /// Every feature is a pixel count 0…16 divided by 16: in 0…1, a multiple of 1/16, with both
    /// ends and every count in between present (16 and 15 are told apart by the encoding).
    @Test func featuresAreSixteenthsFromZeroToOne() {
        let features = Self.digits.inputs.flatMap { $0 }
        #expect(features.allSatisfy { (0...1).contains($0) && ($0 * 16).rounded() == $0 * 16 })
        #expect(Set(Self.pixels) == Set(0...16))
    }

    /// Checksums of the data as scikit-learn loads them. To recompute them in Python:
    ///
    ///     import numpy, sklearn.datasets
    ///     d = sklearn.datasets.load_digits()
    ///     def fnv1a(values):
    ///         h = 0xcbf29ce484222325
    ///         for v in values: h = ((h ^ int(v)) * 0x100000001b3) % 2**64
    ///         return hex(h)
    ///     fnv1a(d.data.astype(numpy.uint8).ravel()), fnv1a(d.target), int(d.data.sum())
    @Test func pixelsAndLabelsMatchScikitLearn() {
        let pixels = Self.pixels
        #expect(fnv1a(pixels) == 0x493f_a2f6_7df5_50a1)
        #expect(fnv1a(Self.digits.labels) == 0x5c66_ed87_5b0a_9785)
        #expect(pixels.reduce(0, +) == 561_718)
    }

    /// The first image, a 0, as `load_digits().images[0]` shows it.
    @Test func firstImageIsAZero() {
        let zero: [[Int]] = [
            [0, 0, 5, 13, 9, 1, 0, 0],
            [0, 0, 13, 15, 10, 15, 5, 0],
            [0, 3, 15, 2, 0, 11, 8, 0],
            [0, 4, 12, 0, 0, 8, 8, 0],
            [0, 5, 8, 0, 0, 9, 8, 0],
            [0, 4, 11, 0, 1, 12, 7, 0],
            [0, 2, 14, 5, 10, 12, 0, 0],
            [0, 0, 6, 13, 10, 0, 0, 0],
        ]
        #expect(Self.digits.labels[0] == 0)
        #expect(Self.digits.inputs[0] == zero.flatMap { $0 }.map { Double($0) / 16 })
    }

    @Test func sameDataOnEveryCall() {
        #expect(ClassificationDataset.digits() == Self.digits)
    }

    /// A 64-32-10 tensor MLP trained full batch with Adam and cross-entropy classifies at
    /// least 95% of the training images after 40 steps (about 98% in practice).
    @Test func smallTensorMLPLearnsTheDigits() {
        var trainer = Trainer(
            task: TensorClassificationTask(model: TensorMLP(64, [32, 10]), dataset: Self.digits),
            optimizer: Adam(learningRate: 0.02))
        let first = trainer.step()
        for _ in 1..<40 { trainer.step() }
        let accuracy = trainer.evaluate().accuracy ?? 0
        #expect(first.accuracy ?? 1 < 0.5, "an untrained network guesses")
        #expect(accuracy >= 0.95, "training accuracy \(accuracy) after 40 steps")
    }

    /// FNV-1a, 64 bits, over values that each fit in a byte.
    private func fnv1a(_ values: [Int]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            hash = (hash ^ UInt64(value)) &* 0x100_0000_01b3
        }
        return hash
    }
}
