/// Per-layer activation and output-gradient statistics of a live graph after
/// `backward()`, read straight from the engine without a snapshot, so that a training
/// run can afford it every step.
///
/// It follows ``GradientFlow``'s definitions: a layer's activations are its ReLU, tanh and
/// sigmoid values; its outputs are the values computed in it that a value outside it uses.
///
/// It is read during the backward pass itself, as a ``BackwardObserver`` or
/// ``TensorBackwardObserver`` (``TrainingDiagnostics`` does that through ``TrainingHooks``),
/// or by a walk of its own after `backward()`; both see the same values in the same order.
struct LayerCensus {
    /// For each layer, its activations.
    var activations: [ActivationStatistics.Accumulator]
    /// For each layer, the sum of squares of its outputs' gradients and how many there are.
    var outputGradients: [(squares: Double, count: Int)]
    /// For each layer, its activation values and their gradients, when asked to keep them.
    var values: [(data: [Double], gradient: [Double])]
    /// Which layer each scope is in; it learns scopes as it meets them.
    private(set) var finder: LayerFinder
    /// Whether to keep every activation value and gradient (for histograms).
    let keepsValues: Bool
    /// For each scope id, the position of its unit (a neuron's scalar activations) in its
    /// layer's accumulator; -1 until the first one.
    private var units: [Int32] = []
    /// The tensors found used outside their layer: few (one or two per layer), so a list does.
    private var tensorOutputs: [ObjectIdentifier] = []
    /// The `slot` mark of a record used outside its layer (`slot` is -1 outside depth-first walks).
    private static let usedOutside: Int32 = -3

    /// An empty census of `finder`'s layers, for the `visit(_:)`s to fill during a backward
    /// pass; call `prepare(_:)` with the root first.
    ///
    /// - Parameters:
    ///   - finder: The layers, and the scopes already placed in them (a run keeps one finder for all its steps).
    ///   - options: The saturation margin.
    ///   - keepsValues: Whether to keep every activation value and gradient.
    init(finder: LayerFinder, options: GradientFlowOptions, keepsValues: Bool) {
        self.finder = finder
        self.keepsValues = keepsValues
        activations = finder.layers.map { _ in ActivationStatistics.Accumulator(options: options) }
        outputGradients = finder.layers.map { _ in (0, 0) }
        values = finder.layers.map { _ in ([], []) }
    }

    /// Reads the graph of `root`, a loss after `backward()`.
    init(root: any GraphValue, finder: LayerFinder, options: GradientFlowOptions, keepsValues: Bool) {
        self.init(finder: finder, options: options, keepsValues: keepsValues)
        if let root = root as? Value {
            read(root)
        } else if let root = root as? Tensor {
            read(root)
        }
    }

    /// Reads the graph of `root`, a loss after `backward()`, with the layers' scope paths.
    init(root: any GraphValue, layers: [String], options: GradientFlowOptions, keepsValues: Bool) {
        self.init(root: root, finder: LayerFinder(layers: layers), options: options, keepsValues: keepsValues)
    }

    /// Marks the root as a layer's output if it is in one; call before a backward pass from it.
    mutating func prepare(_ root: any GraphValue) {
        if let root = root as? Value, finder.layer(of: root.record.pointee.scope) >= 0 {
            root.record.pointee.slot = Self.usedOutside
        } else if let root = root as? Tensor, finder.layer(of: root.scopeID) >= 0 {
            tensorOutputs.append(ObjectIdentifier(root))
        }
    }

    /// Sweeps the tapes from the root down, as `backward()` does, visiting each reachable
    /// record once: linear in the records, without a depth-first walk.
    private mutating func read(_ root: Value) {
        prepare(root)
        withExtendedLifetime(root) {
            root.sweepInBackwardOrder { visit($0) }
        }
    }

    /// Walks the tensors from the root, in the order a backward pass visits them.
    private mutating func read(_ root: Tensor) {
        prepare(root)
        for tensor in root.topologicalOrder().reversed() { visit(tensor) }
    }
}

extension LayerCensus: TensorBackwardObserver {
    /// Counts one tensor, read whole: its gradient if it is a layer's output, its values
    /// if it is an activation; and notes its inputs that are outputs of another layer.
    mutating func visit(_ tensor: Tensor) {
        let found = finder.layer(of: tensor.scopeID)
        for input in tensor.inputs where input.op != nil {
            let inputLayer = finder.layer(of: input.scopeID)
            if inputLayer >= 0, inputLayer != found, !tensorOutputs.contains(ObjectIdentifier(input)) {
                tensorOutputs.append(ObjectIdentifier(input))
            }
        }
        guard found >= 0 else { return }
        let layer = Int(found)
        let gradient = tensor.gradScalars
        let activation = tensor.op.flatMap { ActivationStatistics.isActivation($0) ? $0 : nil }
        // An activation that is also an output has its gradient read once.
        let figures = activation == nil ? nil : gradient.withUnsafeBufferPointer { LaneSums.magnitudes($0) }
        if tensorOutputs.contains(ObjectIdentifier(tensor)) {
            outputGradients[layer].squares +=
                figures?.squares ?? gradient.withUnsafeBufferPointer { LaneSums.moments($0).squares }
            outputGradients[layer].count += gradient.count
        }
        if let op = activation, let figures {
            let data = tensor.scalars
            activations[layer].addTensor(op, data: data, gradientFigures: figures, units: tensor.shape.last ?? 1)
            if keepsValues {
                values[layer].data += data
                values[layer].gradient += gradient
            }
        }
    }
}

extension LayerCensus: BackwardObserver {
    /// Counts one record of a scalar graph: its gradient if it is a layer's output, its
    /// value if it is an activation; and marks its inputs that are outputs of another layer.
    ///
    /// This runs every training step over every value of a scalar graph, so it is kept
    /// lean: one layer look-up per record (an input's only when its scope differs from the
    /// record's), the operation compared only for one-operand records, and the layer table
    /// read as a plain array.
    @inline(__always)
    mutating func visit(_ node: UnsafeMutablePointer<NodeRecord>) {
        let scope = node.pointee.scope
        let layer = finder.layer(of: scope)
        if layer >= 0 {
            let index = Int(layer)
            if node.pointee.slot == Self.usedOutside {
                node.pointee.slot = -1
                outputGradients[index].squares += node.pointee.grad * node.pointee.grad
                outputGradients[index].count += 1
            }
            // Activations take one operand: testing that first spares most records the
            // match on the operation.
            if node.pointee.rhs == nil, let op = node.pointee.op, ActivationStatistics.isActivation(op) {
                activations[index].addScalar(
                    op, output: node.pointee.data, gradient: node.pointee.grad,
                    position: unit(of: scope, in: index, function: op))
                if keepsValues {
                    values[index].data.append(node.pointee.data)
                    values[index].gradient.append(node.pointee.grad)
                }
            }
        }
        // No array of the two inputs: that would allocate once per record.
        if let input = node.pointee.lhs { markIfOutput(input, usedFrom: scope, layer: layer) }
        if let input = node.pointee.rhs { markIfOutput(input, usedFrom: scope, layer: layer) }
    }

    /// Marks `input` used outside its layer if `layer` (the layer of the record using it,
    /// whose scope is `scope`) is not its layer. An input in the same scope is in the same
    /// layer, so only inputs from other scopes are looked up.
    @inline(__always)
    private mutating func markIfOutput(_ input: UnsafeMutablePointer<NodeRecord>, usedFrom scope: ScopeID, layer: Int32)
    {
        let inputScope = input.pointee.scope
        guard inputScope != scope, input.pointee.op != nil else { return }
        let inputLayer = finder.layer(of: inputScope)
        if inputLayer >= 0, inputLayer != layer { input.pointee.slot = Self.usedOutside }
    }

    /// The position of the unit that scalar activations in `scope` belong to, added to
    /// layer `layer`'s accumulator the first time.
    @inline(__always)
    private mutating func unit(of scope: ScopeID, in layer: Int, function: Op) -> Int {
        let index = Int(scope)
        if index < units.count, units[index] >= 0 { return Int(units[index]) }
        if index >= units.count { units += [Int32](repeating: -1, count: index + 1 - units.count) }
        let position = activations[layer].addUnit(function)
        units[index] = Int32(position)
        return position
    }
}
