/// How to draw a layer's initial weights.
public enum WeightInitializer: Sendable, Equatable {
    /// He (Kaiming) normal, N(0, 2/fanIn): for ReLU layers.
    case he
    /// Xavier (Glorot) uniform: for tanh and sigmoid layers, and linear ones.
    case xavier
    /// Uniform in a range, such as PyTorch's default ±1/√fanIn.
    case uniform(ClosedRange<Double>)
}
