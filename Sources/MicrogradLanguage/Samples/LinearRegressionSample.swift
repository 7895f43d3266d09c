import Foundation
import Micrograd

/// Linear regression on tensors: `Linear(3, 1)` fitted to two examples,
/// x = [[1, 2, 3], [4, 5, 6]] and y = [[10], [20]], by SGD on the mean squared error.
/// `micrograd train linear-regression` runs it; `micrograd snapshot linear-regression-tensor`
/// draws one epoch's graph.
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

    /// What one run printed and measured.
    public struct Run {
        /// The loss before each epoch's update, then after the last.
        public var losses: [Double] = []
        /// The model after training.
        public let model: Linear
    }

    /// The seed's training loop: for each epoch, zero the gradients, record the loss,
    /// backpropagate and step; print `Epoch [k], Loss: x` every `reportEvery` epochs,
    /// then the parameters.
    ///
    /// - Parameters:
    ///   - seed: The seed of the starting weights.
    ///   - epochs: 100 in the seed.
    ///   - optimizer: `SGD(learningRate: 0.01)` in the seed.
    ///   - schedule: The learning rate for each epoch (constant in the seed).
    ///   - reportEvery: 10 in the seed.
    ///   - beforeEpoch: Called with the epoch (from 0) and the model before each update, and with
    ///     `epochs` at the end: where snapshots are taken.
    ///   - print: Where the lines go.
    public static func train(
        seed: UInt64 = seed, epochs: Int, optimizer: inout any Optimizer, learningRate: (Int) -> Double,
        reportEvery: Int = 10,
        beforeEpoch: (Int, Linear) throws -> Void = { _, _ in }, print: (String) -> Void
    ) rethrows -> Run {
        let data = data()
        var run = Run(model: model(seed: seed))
        for epoch in 0..<epochs {
            try beforeEpoch(epoch, run.model)
            optimizer.learningRate = learningRate(epoch)
            run.model.zeroGrad()
            let loss = loss(of: run.model, on: data)
            loss.backward()
            optimizer.step(run.model.parameters())
            run.losses.append(loss.item())
            if (epoch + 1) % reportEvery == 0 {
                print(String(format: "Epoch [%d], Loss: %.4f", epoch + 1, loss.item()))
            }
        }
        try beforeEpoch(epochs, run.model)
        run.losses.append(loss(of: run.model, on: data).item())
        print("Model Parameters:")
        for (name, parameter) in run.model.namedParameters() {
            print("linear." + name + " " + describe(parameter))
        }
        return run
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
