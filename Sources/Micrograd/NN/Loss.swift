/// Loss functions over scalar values. Each returns one `Value`, the mean over
/// the examples, whose ``Value/backward()`` fills the gradients of everything
/// the predictions were computed from.
public enum Loss {
    /// The mean of (prediction − target)².
    ///
    /// - Parameters:
    ///   - predictions: One prediction per example.
    ///   - targets: The wanted value for each prediction.
    /// - Returns: `Σ (pᵢ − tᵢ)² / n`.
    public static func meanSquaredError(predictions: [Value], targets: [Double]) -> Value {
        precondition(predictions.count == targets.count && !targets.isEmpty, "need one target per prediction")
        let squares = zip(predictions, targets).map { prediction, target in (prediction - target).pow(2) }
        return squares.sum() / Double(squares.count)
    }

    /// The SVM max-margin (hinge) loss micrograd's demo uses: the mean of max(0, 1 − yᵢ·sᵢ).
    ///
    /// - Parameters:
    ///   - scores: One raw score per example; its sign is the predicted class.
    ///   - labels: −1 or +1 for each example.
    /// - Returns: `Σ relu(1 − yᵢ·sᵢ) / n`.
    public static func hinge(scores: [Value], labels: [Double]) -> Value {
        precondition(scores.count == labels.count && !labels.isEmpty, "need one label per score")
        let margins = zip(scores, labels).map { score, label in (1 - score * label).relu() }
        return margins.sum() / Double(margins.count)
    }

    /// Binary cross-entropy: the mean of −[y·log p + (1 − y)·log(1 − p)].
    ///
    /// A term whose weight is zero is left out, so a confident right answer
    /// (p = 1, y = 1) costs 0 rather than NaN. A confident wrong answer costs inf.
    ///
    /// - Parameters:
    ///   - probabilities: The predicted probability of class 1 for each example, such as a sigmoid output.
    ///   - targets: 0 or 1 (or a probability) for each example.
    public static func binaryCrossEntropy(probabilities: [Value], targets: [Double]) -> Value {
        precondition(probabilities.count == targets.count && !targets.isEmpty, "need one target per probability")
        let terms = zip(probabilities, targets).map { p, y -> Value in
            switch y {
            case 1: return -p.log()
            case 0: return -(1 - p).log()
            default: return -(y * p.log() + (1 - y) * (1 - p).log())
            }
        }
        return terms.sum() / Double(terms.count)
    }

    /// Cross-entropy over classes: the mean of −log softmax(scores)[label].
    ///
    /// Each row's largest score is subtracted first (as a constant), so large
    /// scores do not overflow `exp`.
    ///
    /// - Parameters:
    ///   - scores: One row of raw class scores (logits) per example.
    ///   - labels: The true class index of each example.
    public static func crossEntropy(scores: [[Value]], labels: [Int]) -> Value {
        precondition(scores.count == labels.count && !labels.isEmpty, "need one label per row of scores")
        let terms = zip(scores, labels).map { row, label -> Value in
            let largest = row.map(\.data).max() ?? 0
            let shifted = row.map { $0 - largest }
            let logSumExp = shifted.map { $0.exp() }.sum().log()
            return logSumExp - shifted[label]
        }
        return terms.sum() / Double(terms.count)
    }

    /// An L2 penalty, `strength · Σ p²`, that pulls weights towards zero.
    ///
    /// - Parameters:
    ///   - parameters: The values to penalise, usually a model's parameters.
    ///   - strength: The factor α; micrograd's demo uses 1e-4.
    public static func l2Penalty(_ parameters: [Value], strength: Double) -> Value {
        Tape.withPinnedTapes {
            let squares = parameters.map { Value($0.node * $0.node) }
            return strength * squares.sum()
        }
    }
}
