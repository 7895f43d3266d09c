import Foundation

/// Records, at every step of a training run, how each layer's gradients, updates and
/// activations behave, and warns once when something goes wrong: the figures of
/// Karpathy's makemore diagnostics and of the `plot_grad_flow` chart, for both engines.
///
/// Per layer and step it keeps the parameter gradients' norm, mean and largest magnitude,
/// the update:data ratio (log₁₀ of ‖Δθ‖ / ‖θ‖ over the layer's parameters; makemore's
/// ratio of standard deviations is the same for zero-mean weights, and ~ −3 is healthy),
/// the activations' mean, standard deviation and saturated and dead fractions, and the
/// output gradient. At the steps in ``histogramSteps`` it also keeps every activation and
/// its gradient, for histograms.
///
/// ```swift
/// let diagnostics = TrainingDiagnostics(histogramSteps: [0, 99])
/// diagnostics.onWarning = { print("warning:", $0.message) }
/// diagnostics.attach(to: &trainer)
/// for _ in 0..<100 { trainer.step() }
/// print(diagnostics.steps.last!.layers.map(\.gradientNorm))
/// ```
///
/// It reads the live graph after `backward()` instead of taking snapshots, so it adds
/// little to a step (see the README for measured figures).
public final class TrainingDiagnostics {
    /// One layer at one step.
    public struct LayerStep: Sendable, Equatable {
        /// The L2 norm of the layer's parameter gradients.
        public let gradientNorm: Double
        /// The mean |grad| of its parameters.
        public let gradientMean: Double
        /// The largest |grad| of its parameters.
        public let gradientMax: Double
        /// The L2 norm of its parameters before the update.
        public let dataNorm: Double
        /// log₁₀(‖Δθ‖ / ‖θ‖) over the layer's parameters for this step's update; `nil` when
        /// the parameters are all 0 or the update is 0.
        public internal(set) var updateRatioLog10: Double?
        /// The root mean square of the gradient of the layer's outputs; `nil` if none was found.
        public let outputGradientRMS: Double?
        /// The layer's ReLU, tanh and sigmoid outputs; `nil` if it has none (a linear layer).
        public let activations: ActivationStatistics?
    }

    /// One step.
    public struct Step: Sendable, Equatable {
        /// The step, from 0.
        public let step: Int
        /// Its loss.
        public let loss: Double
        /// Each layer, in the order of ``TrainingDiagnostics/layers``.
        public internal(set) var layers: [LayerStep]
    }

    /// Every activation of one layer and its gradient, at one step.
    public struct ActivationSample: Sendable, Equatable {
        /// The step, from 0.
        public let step: Int
        /// The layer's position in ``TrainingDiagnostics/layers``.
        public let layer: Int
        /// The activation function, if the layer has one kind.
        public let function: Op?
        /// The activations' values.
        public let values: [Double]
        /// Their gradients.
        public let gradients: [Double]
    }

    /// Something that went wrong, reported once.
    public struct Warning: Sendable, Equatable {
        /// What kind of problem: a ``GradientFinding/Kind`` raw value, or `loss-growth`.
        public let kind: String
        /// The step it first appeared at.
        public let step: Int
        /// The layer, or `loss`.
        public let place: String
        /// A sentence with the numbers.
        public let message: String
    }

    /// The thresholds, those of ``GradientFlow``.
    public let options: GradientFlowOptions
    /// A warning is given when the loss grows above this multiple of the smallest loss so far.
    public let lossGrowthFactor: Double
    /// The steps at which every activation and gradient is kept.
    public let histogramSteps: Set<Int>
    /// The layers' scope paths, found from the parameters' scopes at the first step.
    public private(set) var layers: [String] = []
    /// Every step recorded so far.
    public private(set) var steps: [Step] = []
    /// The activations kept at ``histogramSteps``.
    public private(set) var samples: [ActivationSample] = []
    /// Every warning so far, in order.
    public private(set) var warnings: [Warning] = []
    /// Called with each warning as it happens.
    public var onWarning: ((Warning) -> Void)?

    private var layerOfParameter: [Int] = []
    private var valuesBefore: [[Double]] = []
    private var smallestLoss = Double.infinity
    private var warned: Set<String> = []

    /// Creates a recorder.
    ///
    /// - Parameters:
    ///   - options: The thresholds for warnings.
    ///   - histogramSteps: The steps at which to keep every activation and gradient.
    ///   - lossGrowthFactor: Warn when the loss exceeds this multiple of its smallest value so far (default 10).
    public init(
        options: GradientFlowOptions = GradientFlowOptions(), histogramSteps: Set<Int> = [],
        lossGrowthFactor: Double = 10
    ) {
        self.options = options
        self.histogramSteps = histogramSteps
        self.lossGrowthFactor = lossGrowthFactor
    }

    /// Adds the recorder to a trainer's hooks: after `backward()` it reads the gradients and
    /// activations, after the update the size of the step.
    public func attach<Task: TrainingTask>(to trainer: inout Trainer<Task>) {
        trainer.hooks.afterBackward.append { [self] event in recordGradients(event) }
        trainer.hooks.afterUpdate.append { [self] event in recordUpdate(event) }
    }

    /// Reads this step's gradients and activations; call after `backward()`, before the update.
    public func recordGradients(_ event: TrainingEvent) {
        if layerOfParameter.isEmpty {
            let grouping = LayerScopes(parameterScopes: event.parameters.map { ($0 as? any GraphValue)?.scope ?? "" })
            layers = grouping.paths
            layerOfParameter = grouping.layerOf
        }
        var gradientSquares = [Double](repeating: 0, count: layers.count)
        var gradientTotals = [Double](repeating: 0, count: layers.count)
        var gradientMaxima = [Double](repeating: 0, count: layers.count)
        var counts = [Int](repeating: 0, count: layers.count)
        var dataSquares = [Double](repeating: 0, count: layers.count)
        valuesBefore = []
        valuesBefore.reserveCapacity(event.parameters.count)
        for (index, parameter) in event.parameters.enumerated() {
            let layer = layerOfParameter[index]
            for gradient in parameter.learnedGradients {
                gradientSquares[layer] += gradient * gradient
                gradientTotals[layer] += Swift.abs(gradient)
                gradientMaxima[layer] =
                    gradient.isNaN ? .nan : Swift.max(gradientMaxima[layer], Swift.abs(gradient))
            }
            let values = parameter.learnedValues
            for value in values { dataSquares[layer] += value * value }
            counts[layer] += values.count
            valuesBefore.append(values)
        }
        let keepsValues = histogramSteps.contains(event.step)
        let census = LayerCensus(root: event.loss, layers: layers, options: options, keepsValues: keepsValues)
        let activations = census.activations.map { $0.isEmpty ? nil : $0.result }
        let layerSteps = layers.indices.map { layer in
            let outputs = census.outputGradients[layer]
            return LayerStep(
                gradientNorm: gradientSquares[layer].squareRoot(),
                gradientMean: counts[layer] == 0 ? 0 : gradientTotals[layer] / Double(counts[layer]),
                gradientMax: gradientMaxima[layer], dataNorm: dataSquares[layer].squareRoot(), updateRatioLog10: nil,
                outputGradientRMS: outputs.count == 0 ? nil : (outputs.squares / Double(outputs.count)).squareRoot(),
                activations: activations[layer])
        }
        if keepsValues {
            for layer in layers.indices {
                guard let statistics = activations[layer] else { continue }
                samples.append(
                    ActivationSample(
                        step: event.step, layer: layer, function: statistics.function,
                        values: census.values[layer].data, gradients: census.values[layer].gradient))
            }
        }
        let loss = event.loss.scalar
        steps.append(Step(step: event.step, loss: loss, layers: layerSteps))
        check(step: event.step, loss: loss, layers: layerSteps)
    }

    /// Measures this step's update; call after the optimizer moved the parameters.
    public func recordUpdate(_ event: TrainingEvent) {
        guard !steps.isEmpty, valuesBefore.count == event.parameters.count else { return }
        var updateSquares = [Double](repeating: 0, count: layers.count)
        for (index, parameter) in event.parameters.enumerated() {
            let layer = layerOfParameter[index]
            for (after, before) in zip(parameter.learnedValues, valuesBefore[index]) {
                updateSquares[layer] += (after - before) * (after - before)
            }
        }
        for layer in layers.indices {
            let update = updateSquares[layer].squareRoot()
            let data = steps[steps.count - 1].layers[layer].dataNorm
            let ratio = update / data
            steps[steps.count - 1].layers[layer].updateRatioLog10 =
                data > 0 && update > 0 && ratio.isFinite ? log10(ratio) : nil
        }
        valuesBefore = []
    }

    // MARK: - Warnings

    private func warn(_ kind: String, step: Int, place: String, _ message: String) {
        guard warned.insert(kind + " " + place).inserted else { return }
        let warning = Warning(kind: kind, step: step, place: place, message: message)
        warnings.append(warning)
        onWarning?(warning)
    }

    private func check(step: Int, loss: Double, layers layerSteps: [LayerStep]) {
        if !loss.isFinite {
            warn(
                "loss-growth", step: step, place: "loss",
                "step \(step): the loss is \(ReportNumber.text(loss)); training diverged: lower the learning rate")
        } else if loss > lossGrowthFactor * smallestLoss {
            warn(
                "loss-growth", step: step, place: "loss",
                "step \(step): the loss grew to \(ReportNumber.text(loss)), \(ReportNumber.text(loss / smallestLoss)) "
                    + "times its lowest (\(ReportNumber.text(smallestLoss))): lower the learning rate")
        }
        if loss.isFinite { smallestLoss = Swift.min(smallestLoss, loss) }
        let reference = layerSteps.last?.outputGradientRMS ?? 0
        for (index, layer) in layerSteps.enumerated() {
            let name = layers[index]
            if !layer.gradientNorm.isFinite {
                warn(
                    GradientFinding.Kind.nonFiniteBackward.rawValue, step: step, place: name,
                    "step \(step): \(name): the gradient norm is \(ReportNumber.text(layer.gradientNorm))")
            } else if layer.gradientNorm > options.explodingNorm {
                warn(
                    GradientFinding.Kind.exploding.rawValue, step: step, place: name,
                    "step \(step): \(name): exploding gradient, norm \(ReportNumber.text(layer.gradientNorm)) "
                        + "(above \(ReportNumber.text(options.explodingNorm))): lower the learning rate")
            }
            if index < layerSteps.count - 1, reference > 0, reference.isFinite, let rms = layer.outputGradientRMS,
                rms.isFinite
            {
                let ratio = rms / reference
                if rms == 0 {
                    warn(
                        GradientFinding.Kind.vanishing.rawValue, step: step, place: name,
                        "step \(step): \(name): no gradient reaches it (output gradient exactly 0)")
                } else if ratio < options.vanishingRatio {
                    warn(
                        GradientFinding.Kind.vanishing.rawValue, step: step, place: name,
                        "step \(step): \(name): vanishing gradient, output gradient RMS \(ReportNumber.text(rms)) is "
                            + "\(ReportNumber.text(ratio)) of the output layer's")
                } else if ratio > options.explodingRatio {
                    warn(
                        GradientFinding.Kind.exploding.rawValue, step: step, place: name,
                        "step \(step): \(name): exploding gradient, output gradient RMS \(ReportNumber.text(rms)) is "
                            + "\(ReportNumber.text(ratio)) times the output layer's")
                }
            }
            guard let activations = layer.activations else { continue }
            if activations.deadUnits > 0 && activations.deadFraction >= options.deadUnitFraction {
                warn(
                    GradientFinding.Kind.deadReLU.rawValue, step: step, place: name,
                    "step \(step): \(name): \(activations.deadUnits) of \(activations.unitCount) ReLU units are dead "
                        + "(output 0 for every example)")
            }
            if let function = activations.function, ActivationStatistics.saturates(function),
                activations.saturatedFraction >= options.saturatedFraction
            {
                warn(
                    GradientFinding.Kind.saturated.rawValue, step: step, place: name,
                    "step \(step): \(name): \(ReportNumber.percent(activations.saturatedFraction)) of the "
                        + "\(function.symbol) outputs are saturated")
            }
        }
    }
}
