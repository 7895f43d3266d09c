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
/// Attached to a trainer, it reads the activations during the backward pass itself,
/// riding along the engine's sweep instead of taking snapshots or walking the graph a
/// second time, so it adds little to a step (see the README for measured figures).
/// Called from hooks of your own, ``recordGradients(_:)`` walks the graph after
/// `backward()` and gives the same figures.
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
    /// Which layer each scope is in, kept from step to step.
    private var layerFinder = LayerFinder(layers: [])
    /// The census read during this step's backward pass, until the after-backward hook takes it.
    private var backwardCensus: (step: Int, census: LayerCensus)?
    /// Every parameter number before this step's update, in the parameters' order.
    private var valuesBefore: [Double] = []
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

    /// Adds the recorder to a trainer's hooks: it reads the activations and the gradients
    /// reaching them during the backward pass (which spares a second walk over every value),
    /// the parameters' gradients after it, and the size of the step after the update.
    public func attach<Task: TrainingTask>(to trainer: inout Trainer<Task>) {
        if trainer.hooks.backwardPass == nil {
            trainer.hooks.backwardPass = { [self] event in backpropagate(event) }
        }
        trainer.hooks.afterBackward.append { [self] event in recordGradients(event) }
        trainer.hooks.afterUpdate.append { [self] event in recordUpdate(event) }
    }

    /// Finds the layers from the parameters' scopes, the first time.
    private func learnLayers(from parameters: [any TrainableParameter]) {
        guard layerOfParameter.isEmpty else { return }
        let grouping = LayerScopes(parameterScopes: parameters.map { ($0 as? any GraphValue)?.scope ?? "" })
        layers = grouping.paths
        layerOfParameter = grouping.layerOf
        layerFinder = LayerFinder(layers: layers)
    }

    /// The step's backward pass, with the census riding along.
    private func backpropagate(_ event: TrainingEvent) {
        learnLayers(from: event.parameters)
        var census = LayerCensus(
            finder: layerFinder, options: options, keepsValues: histogramSteps.contains(event.step))
        census.prepare(event.loss)
        event.backpropagate(observing: &census)
        layerFinder = census.finder
        backwardCensus = (event.step, census)
    }

    /// Reads this step's gradients and activations; call after `backward()`, before the update.
    public func recordGradients(_ event: TrainingEvent) {
        learnLayers(from: event.parameters)
        let layerOfParameter = layerOfParameter
        var gradientSquares = [Double](repeating: 0, count: layers.count)
        var gradientTotals = [Double](repeating: 0, count: layers.count)
        var gradientMaxima = [Double](repeating: 0, count: layers.count)
        var counts = [Int](repeating: 0, count: layers.count)
        var dataSquares = [Double](repeating: 0, count: layers.count)
        var before: [Double] = []
        before.reserveCapacity(event.parameters.count)
        func add(_ gradients: LaneSums.Magnitudes, dataSquares squares: Double, count: Int, layer: Int) {
            gradientSquares[layer] += gradients.squares
            gradientTotals[layer] += gradients.total
            gradientMaxima[layer] = gradients.sawNaN ? .nan : Swift.max(gradientMaxima[layer], gradients.largest)
            dataSquares[layer] += squares
            counts[layer] += count
        }
        for (index, parameter) in event.parameters.enumerated() {
            let layer = layerOfParameter[index]
            // A scalar parameter is read as it is, without the arrays of `learnedValues`.
            if type(of: parameter) == Value.self, let value = parameter as? Value {
                let gradient = value.grad
                let magnitude = Swift.abs(gradient)
                add(
                    LaneSums.Magnitudes(
                        total: magnitude, squares: gradient * gradient, smallest: magnitude, largest: magnitude),
                    dataSquares: value.data * value.data, count: 1, layer: layer)
                before.append(value.data)
            } else {
                let values = parameter.learnedValues
                add(
                    parameter.learnedGradients.withUnsafeBufferPointer { LaneSums.magnitudes($0) },
                    dataSquares: values.withUnsafeBufferPointer { LaneSums.moments($0).squares }, count: values.count,
                    layer: layer)
                before += values
            }
        }
        valuesBefore = before
        let census: LayerCensus
        if let read = backwardCensus, read.step == event.step {
            census = read.census
        } else {
            census = LayerCensus(
                root: event.loss, finder: layerFinder, options: options,
                keepsValues: histogramSteps.contains(event.step))
            layerFinder = census.finder
        }
        backwardCensus = nil
        let keepsValues = census.keepsValues
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
        guard !steps.isEmpty, layerOfParameter.count == event.parameters.count else { return }
        let layerOfParameter = layerOfParameter
        let before = valuesBefore
        valuesBefore = []
        var updateSquares = [Double](repeating: 0, count: layers.count)
        var position = 0
        for (index, parameter) in event.parameters.enumerated() {
            let layer = layerOfParameter[index]
            if type(of: parameter) == Value.self, let value = parameter as? Value {
                guard position < before.count else { return }
                updateSquares[layer] += (value.data - before[position]) * (value.data - before[position])
                position += 1
            } else {
                let values = parameter.learnedValues
                guard position + values.count <= before.count else { return }
                for (offset, after) in values.enumerated() {
                    let change = after - before[position + offset]
                    updateSquares[layer] += change * change
                }
                position += values.count
            }
        }
        guard position == before.count else { return }
        for layer in layers.indices {
            let update = updateSquares[layer].squareRoot()
            let data = steps[steps.count - 1].layers[layer].dataNorm
            let ratio = update / data
            steps[steps.count - 1].layers[layer].updateRatioLog10 =
                data > 0 && update > 0 && ratio.isFinite ? log10(ratio) : nil
        }
    }

    // MARK: - Warnings

    /// Reports a problem the first time it is seen at `place`; the message is written only then.
    private func warn(_ kind: String, step: Int, place: String, _ message: @autoclosure () -> String) {
        guard warned.insert(kind + " " + place).inserted else { return }
        let warning = Warning(kind: kind, step: step, place: place, message: message())
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
