import Foundation
import Micrograd

/// Linear regression on tensors: `Linear(3, 1)` fitted to two examples,
/// x = [[1, 2, 3], [4, 5, 6]] and y = [[10], [20]], by SGD on the mean squared error.
/// `micrograd train linear-regression` trains it as a `RegressionTask`;
/// `micrograd snapshot linear-regression-tensor` draws one epoch's graph.
public enum LinearRegressionSample {
    /// The seed of the weights (uniform in ±1/√3, PyTorch's default for `nn.Linear(3, 1)`).
    public static let seed: UInt64 = 42

    /// The model with its starting weights, in the scope `linear`.
    public static func model(seed: UInt64 = seed) -> Linear {
        var generator = SeededGenerator(seed: seed)
        let bound = 1 / 3.0.squareRoot()
        return Linear(3, 1, initializer: .uniform(-bound...bound), name: "linear", using: &generator)
    }

    /// The two training examples.
    public static func data() -> (x: Tensor, y: Tensor) {
        (
            Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], label: "x"),
            Tensor([[10.0], [20.0]], label: "y", role: .constant)
        )
    }

    /// Records the loss of `model` on the examples: `MSE(model(x), y)`.
    public static func loss(of model: Linear, on data: (x: Tensor, y: Tensor)) -> Tensor {
        let loss = Loss.meanSquaredError(predictions: model(data.x), targets: data.y)
        loss.label = "loss"
        return loss
    }

    /// The graph of the first epoch, for `snapshot`.
    @Sendable static func build() -> Network {
        let model = model()
        let data = data()
        return Network(
            loss: loss(of: model, on: data), data: [("x", data.x), ("y", data.y)], model: model, scope: "linear")
    }

    /// `[[0.1234], [0.5678]]`: a tensor's elements, nested by its shape, to four decimals.
    public static func describe(_ tensor: Tensor) -> String {
        func nested(_ scalars: ArraySlice<Double>, _ shape: ArraySlice<Int>) -> String {
            guard let first = shape.first else { return String(format: "%.4f", scalars.first ?? 0) }
            let inner = scalars.count / max(first, 1)
            let parts = (0..<first).map { index in
                let start = scalars.startIndex + index * inner
                return nested(scalars[start..<(start + inner)], shape.dropFirst())
            }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        return nested(tensor.scalars[...], tensor.shape[...])
    }
}
