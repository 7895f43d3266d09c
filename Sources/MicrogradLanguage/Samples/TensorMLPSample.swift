import Micrograd

/// The `mlp-tensor` sample: a 2-16-16-1 ReLU `TensorMLP`
/// scores a batch of 16 moons points with micrograd's hinge loss; the whole network
/// is a dozen tensor operations instead of thousands of scalar ones.
enum TensorMLPSample {
    /// The seed of the weights and of the points.
    static let seed: UInt64 = 7

    /// The model, with its starting weights.
    static func model() -> TensorMLP {
        TensorMLP(2, [16, 16, 1], seed: seed)
    }

    /// The batch: 16 moons points and their ±1 labels.
    static func batch() -> (points: Tensor, labels: Tensor) {
        let data = ClassificationDataset.moons(count: 16, noise: 0.1, seed: seed)
        return (
            Tensor(data.inputs, label: "points"),
            Tensor(data.signedLabels.map { [$0] }, label: "labels", role: .constant)
        )
    }

    /// Records the forward pass of `model` on the batch.
    static func loss(of model: TensorMLP, on batch: (points: Tensor, labels: Tensor)) -> Tensor {
        let loss = Loss.hinge(scores: model(batch.points), labels: batch.labels)
        loss.label = "loss"
        return loss
    }

    @Sendable static func build() -> Network {
        let model = model()
        let batch = batch()
        return Network(
            loss: loss(of: model, on: batch), data: [("points", batch.points), ("labels", batch.labels)], model: model,
            scope: "mlp")
    }
}
