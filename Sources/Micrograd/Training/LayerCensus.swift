/// Per-layer activation and output-gradient statistics of a live graph after
/// `backward()`, read straight from the engine without a snapshot, so that a training
/// run can afford it every step.
///
/// It follows ``GradientFlow``'s definitions: a layer's activations are its ReLU, tanh and
/// sigmoid values; its outputs are the values computed in it that a value outside it uses.
struct LayerCensus {
    /// For each layer, its activations.
    var activations: [ActivationStatistics.Accumulator]
    /// For each layer, the sum of squares of its outputs' gradients and how many there are.
    var outputGradients: [(squares: Double, count: Int)]
    /// For each layer, its activation values and their gradients, when asked to keep them.
    var values: [(data: [Double], gradient: [Double])]

    /// Reads the graph of `root`.
    ///
    /// - Parameters:
    ///   - root: A loss after `backward()`.
    ///   - layers: The layers' scope paths.
    ///   - options: The saturation margin.
    ///   - keepsValues: Whether to keep every activation value and gradient (for histograms).
    init(root: any GraphValue, layers: [String], options: GradientFlowOptions, keepsValues: Bool) {
        activations = layers.map { _ in ActivationStatistics.Accumulator(options: options) }
        outputGradients = layers.map { _ in (0, 0) }
        values = layers.map { _ in ([], []) }
        var finder = LayerFinder(layers: layers)
        if let root = root as? Value {
            readScalars(root, finder: &finder, keepsValues: keepsValues)
        } else if let root = root as? Tensor {
            readTensors(root, finder: &finder, keepsValues: keepsValues)
        }
    }

    /// Sweeps the tapes from the root down, as `backward()` does, visiting each reachable
    /// record once: linear in the records, without a depth-first walk.
    ///
    /// This runs every training step over every value of a scalar graph, so the loop is kept
    /// lean: one layer look-up per record (an input's only when its scope differs from the
    /// record's), the operation compared only for one-operand records, and the layer table
    /// read as a plain array.
    private mutating func readScalars(_ root: Value, finder: inout LayerFinder, keepsValues: Bool) {
        // `slot` is -1 outside depth-first walks; -3 marks a record used outside its layer.
        let usedOutside: Int32 = -3
        root.record.pointee.reached = true
        if finder.layer(of: root.record.pointee.scope) >= 0 { root.record.pointee.slot = usedOutside }
        withExtendedLifetime(root) {
            for tape in root.tape.withDependencies() {
                var node = tape === root.tape ? root.record : tape.records + (tape.count - 1)
                while node >= tape.records {
                    defer { node -= 1 }
                    guard node.pointee.reached else { continue }
                    node.pointee.reached = false
                    let scope = node.pointee.scope
                    let layer = finder.layer(of: scope)
                    if layer >= 0 {
                        let index = Int(layer)
                        if node.pointee.slot == usedOutside {
                            node.pointee.slot = -1
                            outputGradients[index].squares += node.pointee.grad * node.pointee.grad
                            outputGradients[index].count += 1
                        }
                        // Activations take one operand: testing that first spares most records the
                        // match on the operation.
                        if node.pointee.rhs == nil, let op = node.pointee.op, ActivationStatistics.isActivation(op) {
                            activations[index].addScalar(
                                op, output: node.pointee.data, gradient: node.pointee.grad, unit: Int(scope))
                            if keepsValues {
                                values[index].data.append(node.pointee.data)
                                values[index].gradient.append(node.pointee.grad)
                            }
                        }
                    }
                    // No array of the two inputs: that would allocate once per record.
                    if let input = node.pointee.lhs { reach(input, from: scope, layer: layer, finder: &finder) }
                    if let input = node.pointee.rhs { reach(input, from: scope, layer: layer, finder: &finder) }
                }
            }
        }
    }

    /// Marks an input reached, and used outside its layer if `layer` (the layer of the
    /// record using it, whose scope is `scope`) is not its layer. An input in the same scope
    /// is in the same layer, so only inputs from other scopes are looked up.
    @inline(__always)
    private func reach(
        _ input: UnsafeMutablePointer<NodeRecord>, from scope: ScopeID, layer: Int32, finder: inout LayerFinder
    ) {
        input.pointee.reached = true
        let inputScope = input.pointee.scope
        guard inputScope != scope, input.pointee.op != nil else { return }
        let inputLayer = finder.layer(of: inputScope)
        if inputLayer >= 0, inputLayer != layer { input.pointee.slot = -3 }
    }

    /// Walks the tensors from the root: a handful of nodes.
    private mutating func readTensors(_ root: Tensor, finder: inout LayerFinder, keepsValues: Bool) {
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var outputs: Set<ObjectIdentifier> = []
        var order: [Tensor] = []
        var pending = [root]
        while let tensor = pending.popLast() {
            order.append(tensor)
            for input in tensor.inputs where seen.insert(ObjectIdentifier(input)).inserted { pending.append(input) }
        }
        if finder.layer(of: root.scopeID) >= 0 { outputs.insert(ObjectIdentifier(root)) }
        for tensor in order {
            let layer = finder.layer(of: tensor.scopeID)
            for input in tensor.inputs where input.op != nil {
                let inputLayer = finder.layer(of: input.scopeID)
                if inputLayer >= 0, inputLayer != layer {
                    outputs.insert(ObjectIdentifier(input))
                }
            }
        }
        // Deepest first, as the scalar sweep goes, so both engines list values alike.
        for tensor in order.reversed() {
            let found = finder.layer(of: tensor.scopeID)
            guard found >= 0 else { continue }
            let layer = Int(found)
            let gradient = tensor.gradScalars
            if outputs.contains(ObjectIdentifier(tensor)) {
                var squares = 0.0
                for value in gradient { squares += value * value }
                outputGradients[layer].squares += squares
                outputGradients[layer].count += gradient.count
            }
            if let op = tensor.op, ActivationStatistics.isActivation(op) {
                activations[layer].addTensor(
                    op, data: tensor.scalars, gradient: gradient, units: tensor.shape.last ?? 1)
                if keepsValues {
                    values[layer].data += tensor.scalars
                    values[layer].gradient += gradient
                }
            }
        }
    }
}

/// Which layer an interned scope belongs to, remembered per scope in a table indexed by
/// the scope's small integer id.
private struct LayerFinder {
    let layers: [String]
    /// For each scope id: -2 not looked up yet, -1 in no layer, else the layer.
    private var table: [Int32] = []

    init(layers: [String]) {
        self.layers = layers
    }

    /// The position of the layer `scope` is in, or -1 if it is in none.
    @inline(__always)
    mutating func layer(of scope: ScopeID) -> Int32 {
        let index = Int(scope)
        if index < table.count {
            let layer = table[index]
            if layer != -2 { return layer }
        }
        return lookUp(index)
    }

    private mutating func lookUp(_ index: Int) -> Int32 {
        if index >= table.count { table += [Int32](repeating: -2, count: index + 1 - table.count) }
        let path = ScopeRegistry.shared.path(of: ScopeID(index))
        let layer = path.isEmpty ? nil : layers.firstIndex { LayerScopes.scope(path, isIn: $0) }
        table[index] = Int32(layer ?? -1)
        return table[index]
    }
}
