// Losses over tensors, each the mean over the examples, as one-element tensors.

extension Loss {
    /// The mean of (prediction − target)² over every element.
    ///
    /// The shapes must be equal: a `[n, 1]` prediction against a `[n]` target would
    /// otherwise broadcast to `[n, n]`, a classic silent bug.
    ///
    /// - Parameters:
    ///   - predictions: The model's outputs.
    ///   - targets: The wanted outputs, of the same shape.
    public static func meanSquaredError(predictions: Tensor, targets: Tensor) -> Tensor {
        precondition(
            predictions.shape == targets.shape,
            "meanSquaredError: predictions \(Shape.text(predictions.shape)) and targets \(Shape.text(targets.shape)) differ in shape"
        )
        return (predictions - targets).pow(2).mean()
    }

    /// Binary cross-entropy of logits z against targets y in 0…1, written so that it
    /// never overflows: the mean of softplus(z) − z·y, whose gradient is (σ(z) − y)/n.
    ///
    /// - Parameters:
    ///   - logits: Raw scores; sigmoid(z) is the predicted probability of class 1.
    ///   - targets: 0 or 1 (or a probability) per score, of the same shape.
    public static func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
        precondition(
            logits.shape == targets.shape,
            "binaryCrossEntropy: logits \(Shape.text(logits.shape)) and targets \(Shape.text(targets.shape)) differ in shape"
        )
        return (logits.softplus() - logits * targets).mean()
    }

    /// Cross-entropy over classes: the mean of −log softmax(scores)[class], using a
    /// stable log-softmax.
    ///
    /// - Parameters:
    ///   - logits: Raw scores, `[rows, classes]`.
    ///   - classes: The true class of each row.
    public static func crossEntropy(logits: Tensor, classes: [Int]) -> Tensor {
        -logits.logSoftmax(axis: 1).gather(classes: classes).mean()
    }

    /// The max-margin (hinge) loss: the mean of max(0, 1 − y·s).
    ///
    /// - Parameters:
    ///   - scores: Raw scores; their sign is the predicted class.
    ///   - labels: −1 or +1 per score, of the same shape.
    public static func hinge(scores: Tensor, labels: Tensor) -> Tensor {
        precondition(
            scores.shape == labels.shape,
            "hinge: scores \(Shape.text(scores.shape)) and labels \(Shape.text(labels.shape)) differ in shape")
        return (1 - scores * labels).relu().mean()
    }

    /// An L2 penalty, `strength · Σ p²` over every element of every tensor.
    public static func l2Penalty(_ parameters: [Tensor], strength: Double) -> Tensor {
        precondition(!parameters.isEmpty, "l2Penalty: no parameters")
        let sums = parameters.map { ($0 * $0).sum() }
        return strength * sums.dropFirst().reduce(sums[0], +)
    }
}
