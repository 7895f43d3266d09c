import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

@Suite("Losses")
struct LossTests {
    @Test func meanSquaredErrorValueAndGradient() {
        let predictions = [Value(1.0), Value(4.0)]
        let loss = Loss.meanSquaredError(predictions: predictions, targets: [2.0, 2.0])
        #expect(loss.data == 2.5)  // (1 + 4) / 2
        loss.backward()
        #expect(predictions.map(\.grad) == [-1, 2])  // 2(p − t)/n
    }

    @Test func hingeMatchesMicrogradsDemoFormula() {
        let scores = [Value(0.5), Value(-2.0), Value(3.0)]
        let labels = [1.0, -1.0, -1.0]
        let loss = Loss.hinge(scores: scores, labels: labels)
        // relu(1 − 0.5) + relu(1 − 2) + relu(1 + 3) = 0.5 + 0 + 4, over 3.
        #expect(isClose(loss.data, 4.5 / 3))
        loss.backward()
        #expect(scores.map(\.grad).map { ($0 * 3).rounded() } == [-1, 0, 1])
    }

    @Test func binaryCrossEntropyAgainstFiniteDifferences() {
        let logits = [0.3, -1.2, 2.0, 0.0]
        let targets = [1.0, 0.0, 0.25, 1.0]
        let inputs = logits.map { Value($0) }
        let loss = Loss.binaryCrossEntropy(probabilities: inputs.map { $0.sigmoid() }, targets: targets)
        loss.backward()
        let numeric = numericalGradient(
            of: { z in
                zip(z, targets).map { z, y in
                    let p = 1 / (1 + exp(-z))
                    return -(y * log(p) + (1 - y) * log(1 - p))
                }.reduce(0, +) / Double(z.count)
            }, at: logits)
        expectGradientsMatch(analytic: inputs.map(\.grad), numeric: numeric)
        // The analytic gradient of BCE after a sigmoid is (p − y)/n.
        for (i, z) in logits.enumerated() {
            #expect(isClose(inputs[i].grad, (1 / (1 + exp(-z)) - targets[i]) / 4, tolerance: 1e-9))
        }
    }

    @Test func confidentRightAnswerCostsZeroNotNaN() {
        let loss = Loss.binaryCrossEntropy(probabilities: [Value(1.0), Value(0.0)], targets: [1, 0])
        #expect(loss.data == 0)
    }

    @Test func crossEntropyIsStableAndMatchesFiniteDifferences() {
        let rows = [[2.0, -1.0, 0.5], [1000.0, 999.0, -1000.0]]
        let labels = [2, 1]
        let scores = rows.map { $0.map { Value($0) } }
        let loss = Loss.crossEntropy(scores: scores, labels: labels)
        #expect(loss.data.isFinite)
        loss.backward()
        let flat = rows.flatMap { $0 }
        let numeric = numericalGradient(
            of: { values in
                (0..<2).map { r in
                    let row = Array(values[(r * 3)..<(r * 3 + 3)])
                    let m = row.max()!
                    return log(row.map { exp($0 - m) }.reduce(0, +)) + m - row[labels[r]]
                }.reduce(0, +) / 2
            }, at: flat)
        expectGradientsMatch(analytic: scores.flatMap { $0.map(\.grad) }, numeric: numeric, tolerance: 1e-5)
        // Softmax gradient rows sum to zero.
        #expect(abs(scores[0].map(\.grad).reduce(0, +)) < 1e-12)
    }

    @Test func l2PenaltyIsStrengthTimesSumOfSquares() {
        let parameters = [Value(1.0, role: .parameter), Value(-2.0, role: .parameter)]
        let penalty = Loss.l2Penalty(parameters, strength: 1e-4)
        #expect(isClose(penalty.data, 5e-4))
        penalty.backward()
        #expect(isClose(parameters[1].grad, -4e-4))
    }
}
