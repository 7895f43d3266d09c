/// Something an optimizer can update: a ``Value`` (one number) or a ``Tensor``.
///
/// Optimizers read the values and gradients as flat arrays and write the values back.
public protocol TrainableParameter {
    /// The numbers being learned, row-major.
    var learnedValues: [Double] { get nonmutating set }
    /// Their gradients, laid out the same way.
    var learnedGradients: [Double] { get nonmutating set }
    /// Sets the gradients to zero.
    func zeroGrad()
}

extension Value: TrainableParameter {
    public var learnedValues: [Double] {
        get { [data] }
        nonmutating set { data = newValue[0] }
    }

    public var learnedGradients: [Double] {
        get { [grad] }
        nonmutating set { record.pointee.grad = newValue[0] }
    }
}

extension Tensor: TrainableParameter {
    public var learnedValues: [Double] {
        get { scalars }
        set { scalars = newValue }
    }

    public var learnedGradients: [Double] {
        get { gradScalars }
        set {
            precondition(
                newValue.count == count, "learnedGradients: \(newValue.count) values for shape \(Shape.text(shape))")
            gradStorage = newValue
        }
    }
}

/// Scales gradients down so that their global L2 norm is at most `maxNorm`, as
/// PyTorch's `clip_grad_norm_` does; a guard against exploding gradients.
///
/// - Parameters:
///   - parameters: The parameters whose gradients to clip.
///   - maxNorm: The largest norm allowed.
/// - Returns: The norm before clipping.
@discardableResult
public func clipGradients(_ parameters: [any TrainableParameter], maxNorm: Double) -> Double {
    let norm = parameters.reduce(0.0) { total, parameter in
        total + parameter.learnedGradients.reduce(0) { $0 + $1 * $1 }
    }.squareRoot()
    guard norm > maxNorm, norm.isFinite else { return norm }
    let scale = maxNorm / norm
    for parameter in parameters {
        parameter.learnedGradients = parameter.learnedGradients.map { $0 * scale }
    }
    return norm
}
