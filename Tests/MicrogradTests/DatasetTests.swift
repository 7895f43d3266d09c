import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("Datasets")
struct DatasetTests {
    @Test func sameSeedSameData() {
        #expect(ClassificationDataset.moons(seed: 4) == ClassificationDataset.moons(seed: 4))
        #expect(ClassificationDataset.moons(seed: 4) != ClassificationDataset.moons(seed: 5))
        #expect(ClassificationDataset.spiral(seed: 2) == ClassificationDataset.spiral(seed: 2))
        #expect(RegressionDataset.affine(seed: 1) == RegressionDataset.affine(seed: 1))
    }

    @Test func shapesAndLabels() {
        let sets: [(ClassificationDataset, Int, Int)] = [
            (.moons(count: 101), 101, 2), (.circles(count: 80), 80, 2),
            (.spiral(pointsPerClass: 50, classes: 4), 200, 4),
            (.xor(count: 64), 64, 2), (.blobs(count: 90, classes: 3), 90, 3),
        ]
        for (set, count, classes) in sets {
            #expect(set.count == count, "\(set.name)")
            #expect(set.classCount == classes)
            #expect(set.inputs.allSatisfy { $0.count == 2 })
            #expect(Set(set.labels) == Set(0..<classes), "\(set.name) uses every class")
            #expect(set.inputs.allSatisfy { $0.allSatisfy { $0.isFinite } })
        }
        #expect(ClassificationDataset.moons(count: 101).labels.filter { $0 == 0 }.count == 50)
        #expect(ClassificationDataset.moons(count: 10).signedLabels.allSatisfy { $0 == 1 || $0 == -1 })
    }

    @Test func moonsWithoutNoiseLieOnTheirHalfCircles() {
        let moons = ClassificationDataset.moons(count: 50, noise: 0)
        for (point, label) in zip(moons.inputs, moons.labels) {
            let center = label == 0 ? [0.0, 0.0] : [1.0, 0.5]
            let radius =
                ((point[0] - center[0]) * (point[0] - center[0]) + (point[1] - center[1]) * (point[1] - center[1]))
                .squareRoot()
            #expect(isClose(radius, 1, tolerance: 1e-12))
            #expect(label == 0 ? point[1] >= -1e-12 : point[1] <= 0.5 + 1e-12)
        }
    }

    @Test func xorLabelsFollowTheSignsBeforeNoise() {
        let xor = ClassificationDataset.xor(count: 200, noise: 0)
        for (point, label) in zip(xor.inputs, xor.labels) {
            #expect(label == (point[0] * point[1] >= 0 ? 0 : 1))
        }
    }

    @Test func affineRegressionFollowsItsLine() {
        let clean = RegressionDataset.affine(count: 30, weights: [2, -1], bias: 0.5, noise: 0)
        for (x, y) in zip(clean.inputs, clean.targets) {
            #expect(isClose(y, 2 * x[0] - x[1] + 0.5, tolerance: 1e-12))
        }
        #expect(clean.inputs.allSatisfy { $0.count == 2 && $0.allSatisfy { (-1...1).contains($0) } })
    }
}
