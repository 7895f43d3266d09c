/// How gradients flow through a graph after `backward()`, and what is wrong with them:
/// the gradient statistics of every node and scope, the health of its activations, and
/// findings such as vanishing or exploding gradients, dead ReLUs, saturated tanh units,
/// the place a NaN was born, and unused parameters.
///
/// ```swift
/// loss.backward()
/// let flow = GradientFlow(loss.snapshot())
/// for finding in flow.findings { print(finding.kind.title, finding.place, finding.evidence) }
/// for layer in flow.layers { print(layer.path, layer.outputGradient.norm) }
/// ```
///
/// **Layers** are found from the parameters' scopes (see ``LayerScopes``): `mlp/layer0`,
/// `mlp/layer1`, … A layer's **output gradient** is the gradient of its values that the
/// rest of the graph uses (its activations, or the scores of the last layer): the signal
/// backpropagation sends into it. Vanishing and exploding compare each layer's output
/// gradient, as a root mean square so that wide and narrow layers compare fairly, with the
/// output layer's. The thresholds are ``GradientFlowOptions``.
///
/// A healthy graph gives no findings. The analysis is a pure function of the snapshot, so
/// it works the same on snapshots of both engines; a tensor's statistics are over its
/// elements, and its units are the columns of its last axis.
public struct GradientFlow: Sendable {
    /// The gradient and activation statistics of one node.
    public struct NodeFlow: Sendable, Equatable {
        /// The node's id in the snapshot.
        public let id: Int
        /// The magnitudes |grad| of its elements: mean, largest, norm.
        public let gradient: Summary
        /// How many of its elements are NaN or infinite.
        public let nonFiniteData: Int
        /// How many of its gradient's elements are NaN or infinite.
        public let nonFiniteGradient: Int
        /// For a ReLU, tanh or sigmoid node, the statistics of its outputs (a scalar node is
        /// one unit; a tensor's units are its columns).
        public let activation: ActivationStatistics?
    }

    /// The gradient and activation statistics of one scope (a layer, a neuron).
    public struct ScopeFlow: Sendable, Equatable {
        /// The scope's path, such as `mlp/layer1`.
        public let path: String
        /// The magnitudes of the gradients of the parameters in the scope and the scopes in it.
        public let parameterGradient: Summary
        /// The magnitudes of the gradients of its outputs: the values computed in it that are
        /// used outside it (or the root).
        public let outputGradient: Summary
        /// The ids of those outputs, ascending.
        public let outputs: [Int]
        /// The statistics of the ReLU, tanh and sigmoid outputs in it, if it has any.
        public let activations: ActivationStatistics?

        /// The root mean square of the output gradient: its norm over √count.
        public var outputGradientRMS: Double {
            outputGradient.count == 0 ? 0 : outputGradient.norm / Double(outputGradient.count).squareRoot()
        }
    }

    /// A leaf the output is not computed from, for the *unused* findings.
    public struct UnusedLeaf: Sendable, Equatable {
        /// The name a reader knows it by.
        public let name: String
        /// Input or parameter.
        public let role: Role

        /// Creates an entry.
        public init(name: String, role: Role) {
            self.name = name
            self.role = role
        }
    }

    /// The thresholds used.
    public let options: GradientFlowOptions
    /// Every node's statistics, by id.
    public let nodes: [NodeFlow]
    /// Every scope's statistics except the top level's, in the order of ``ScopeTree/scopes``.
    public let scopes: [ScopeFlow]
    /// The layers (see ``LayerScopes``), from the input side to the output.
    public let layers: [ScopeFlow]
    /// What is wrong, the most urgent first; empty for a healthy graph.
    public let findings: [GradientFinding]

    /// Analyses a snapshot taken after `backward()`.
    ///
    /// - Parameters:
    ///   - snapshot: The graph, with its gradients.
    ///   - options: The thresholds.
    ///   - unusedLeaves: Inputs and parameters the output is not computed from (a snapshot
    ///     cannot hold them; find them with ``LeafReachability``).
    /// - Complexity: O(n · d) for n nodes nested d scopes deep, plus the elements of tensors.
    public init(
        _ snapshot: GraphSnapshot, options: GradientFlowOptions = GradientFlowOptions(), unusedLeaves: [UnusedLeaf] = []
    ) {
        self.options = options
        let analysis = FlowAnalysis(snapshot: snapshot, options: options)
        nodes = analysis.nodeFlows
        scopes = analysis.scopeFlows.dropFirst().map { $0 }
        layers = analysis.layerIDs.map { analysis.scopeFlows[$0] }
        var findings = analysis.findings()
        for leaf in unusedLeaves {
            findings.append(
                GradientFinding(
                    kind: .unused, place: leaf.name, nodes: [], tag: "unused",
                    evidence: "\(leaf.name) (\(leaf.role.rawValue)) is not used in computing the output",
                    hint: leaf.role == .parameter
                        ? "it gets no gradient and never learns: use it in the network or remove it"
                        : "the output does not depend on it: use it in the network or remove it"))
        }
        self.findings = findings.enumerated().sorted { a, b in
            a.element.kind != b.element.kind ? a.element.kind < b.element.kind : a.offset < b.offset
        }.map(\.element)
    }

    /// The scope with this path, if the graph has one.
    public func scope(_ path: String) -> ScopeFlow? {
        scopes.first { $0.path == path }
    }
}

// MARK: - The analysis

/// The work behind ``GradientFlow``: statistics first, then each kind of finding.
private struct FlowAnalysis {
    let snapshot: GraphSnapshot
    let options: GradientFlowOptions
    let tree: ScopeTree
    /// For each node, the ids of the nodes that use it (once per use).
    let users: [[Int]]
    let nodeFlows: [GradientFlow.NodeFlow]
    /// Every scope's statistics, the top level first, by ``ScopeTree`` id.
    let scopeFlows: [GradientFlow.ScopeFlow]
    /// The ``ScopeTree`` ids of the layers, input side first.
    let layerIDs: [Int]

    init(snapshot: GraphSnapshot, options: GradientFlowOptions) {
        self.snapshot = snapshot
        self.options = options
        let tree = ScopeTree(snapshot)
        self.tree = tree
        var users = [[Int]](repeating: [], count: snapshot.nodes.count)
        for id in snapshot.nodes.indices {
            for input in snapshot.nodes[id].inputs { users[input].append(id) }
        }
        self.users = users

        var nodeFlows: [GradientFlow.NodeFlow] = []
        nodeFlows.reserveCapacity(snapshot.nodes.count)
        var parameterMagnitudes = [[Double]](repeating: [], count: tree.scopes.count)
        var outputMagnitudes = [[Double]](repeating: [], count: tree.scopes.count)
        var outputs = [[Int]](repeating: [], count: tree.scopes.count)
        var activations = [ActivationStatistics.Accumulator?](repeating: nil, count: tree.scopes.count)
        for id in snapshot.nodes.indices {
            let node = snapshot.nodes[id]
            let magnitudes = node.grad.map { Swift.abs($0) }
            var activation: ActivationStatistics?
            if let op = node.op, ActivationStatistics.isActivation(op) {
                var single = ActivationStatistics.Accumulator(options: options)
                Self.add(node, op: op, to: &single, unit: -1)
                activation = single.result
            }
            nodeFlows.append(
                GradientFlow.NodeFlow(
                    id: id, gradient: Summary(magnitudes), nonFiniteData: node.data.count { !$0.isFinite },
                    nonFiniteGradient: node.grad.count { !$0.isFinite }, activation: activation))
            // Add the node to its scope and every scope around it.
            var scope: Int? = tree.scopeOfNode[id]
            // Used outside a scope until some scope around it holds every user.
            var usedOutside = true
            while let current = scope, current != 0 {
                if node.role == .parameter { parameterMagnitudes[current] += magnitudes }
                if node.op != nil && usedOutside {
                    usedOutside =
                        id == snapshot.rootID
                        || users[id].contains { !tree.isScope(tree.scopeOfNode[$0], inside: current) }
                    if usedOutside {
                        outputs[current].append(id)
                        outputMagnitudes[current] += magnitudes
                    }
                }
                if let op = node.op, ActivationStatistics.isActivation(op) {
                    if activations[current] == nil { activations[current] = .init(options: options) }
                    Self.add(node, op: op, to: &activations[current]!, unit: Self.unitKey(of: id, tree: tree))
                }
                scope = tree.scopes[current].parent
            }
        }
        self.nodeFlows = nodeFlows
        scopeFlows = tree.scopes.map { scope in
            GradientFlow.ScopeFlow(
                path: scope.path, parameterGradient: Summary(parameterMagnitudes[scope.id]),
                outputGradient: Summary(outputMagnitudes[scope.id]), outputs: outputs[scope.id],
                activations: activations[scope.id]?.result)
        }

        // Layers: from the parameters' scopes, ordered by where their outputs are computed.
        let parameterIDs = snapshot.nodes.indices.filter { snapshot.nodes[$0].role == .parameter }
        let layerPaths = LayerScopes(parameterScopes: parameterIDs.map { snapshot.nodes[$0].scopePath }).paths
        let found = layerPaths.compactMap { path in tree.scope(path: path)?.id }
            .filter { $0 != 0 && !outputs[$0].isEmpty }
        layerIDs = found.sorted { outputs[$0][0] < outputs[$1][0] }
    }

    /// Scalar activations in a scope are one unit per scope (a neuron's outputs over the
    /// examples); at the top level, each is its own unit.
    static func unitKey(of id: Int, tree: ScopeTree) -> Int {
        let scope = tree.scopeOfNode[id]
        return scope == 0 ? -(id + 1) : scope
    }

    static func add(
        _ node: GraphSnapshot.Node, op: Op, to accumulator: inout ActivationStatistics.Accumulator, unit: Int
    ) {
        if let shape = node.shape {
            accumulator.addTensor(op, data: node.data, gradient: node.grad, units: shape.last ?? 1)
        } else {
            accumulator.addScalar(op, output: node.data[0], gradient: node.grad[0], unit: unit)
        }
    }

    // MARK: - Findings

    func findings() -> [GradientFinding] {
        nonFiniteForward() + nonFiniteBackward() + explodingAndVanishing() + zeroGradients() + activationFindings()
    }

    /// How a reader finds a node: its label, or its operation, with its scope.
    func describe(_ id: Int) -> String {
        let node = snapshot.nodes[id]
        var text = node.label ?? node.op?.symbol ?? "value"
        if node.label != nil, let op = node.op { text += " (\(op.symbol))" }
        if !node.scope.isEmpty { text += " in " + node.scopePath }
        return text
    }

    static func hasNaN(_ values: [Double]) -> Bool { values.contains { $0.isNaN } }
    static func allFinite(_ values: [Double]) -> Bool { values.allSatisfy { $0.isFinite } }

    /// Nodes whose value became NaN or infinite from inputs that were not.
    func nonFiniteForward() -> [GradientFinding] {
        var findings: [GradientFinding] = []
        for node in snapshot.nodes where !Self.allFinite(node.data) {
            let inputs = node.inputs.map { snapshot.nodes[$0].data }
            let nanBorn = Self.hasNaN(node.data) && !inputs.contains(where: Self.hasNaN)
            let infBorn = node.data.contains { $0.isInfinite } && inputs.allSatisfy(Self.allFinite)
            guard nanBorn || infBorn else { continue }
            let what = nanBorn ? "NaN" : "inf"
            let count = node.data.count { nanBorn ? $0.isNaN : $0.isInfinite }
            var evidence: String
            if let op = node.op {
                let operands = node.inputs.map { input -> String in
                    let data = snapshot.nodes[input].data
                    return data.count == 1 ? ReportNumber.text(data[0]) : "a tensor"
                }
                evidence =
                    node.shape == nil
                    ? "\(Self.written(op, operands)) = \(ReportNumber.text(node.data[0]))"
                    : "\(count) of \(node.data.count) elements are \(what)"
                evidence += inputs.allSatisfy(Self.allFinite) ? "; every input is finite" : "; an input is infinite"
            } else {
                evidence = "the \(node.role.rawValue) itself is \(what)"
            }
            findings.append(
                GradientFinding(
                    kind: .nonFiniteForward, place: describe(node.id), nodes: [node.id], tag: "\(what) born here",
                    evidence: evidence, hint: Self.forwardHint(node.op, nan: nanBorn)))
        }
        return findings
    }

    /// `0 * inf`, `log(-1)`, `-2**0.5`: an operation on its operands as a reader writes it.
    static func written(_ op: Op, _ operands: [String]) -> String {
        switch op {
        case .add, .subtract, .multiply, .divide: operands.joined(separator: " " + op.symbol + " ")
        case .power: (operands.first ?? "") + op.symbol
        default: op.symbol + "(" + operands.joined(separator: ", ") + ")"
        }
    }

    static func forwardHint(_ op: Op?, nan: Bool) -> String {
        switch op {
        case .log: "log is NaN below 0 and -inf at 0: keep its input positive (clamp it, or add a small epsilon)"
        case .power:
            "a fractional power of a negative number is NaN, a negative power of 0 is inf: check the base's sign"
        case .divide: "dividing by 0 gives inf (0/0 gives NaN): keep the denominator away from 0"
        case .exp, .softplus: "exp overflows above about 709: subtract the largest value first (log-sum-exp)"
        case .multiply:
            nan
                ? "0 × inf is NaN: an input is already infinite; fix the operation that made it"
                : "the product overflowed: the inputs are too large; lower the learning rate or rescale"
        case .add, .subtract:
            nan
                ? "inf − inf is NaN: an input is already infinite; fix the operation that made it"
                : "the sum overflowed: the inputs are too large; lower the learning rate or rescale"
        case nil: "give the leaf a finite value"
        default: "an input is outside the operation's domain, or too large: check the values flowing in"
        }
    }

    /// Nodes whose gradient became NaN or infinite although every value using them has a
    /// finite value and gradient and finite inputs: a local derivative is not finite there.
    func nonFiniteBackward() -> [GradientFinding] {
        var findings: [GradientFinding] = []
        for node in snapshot.nodes where !Self.allFinite(node.grad) && Self.allFinite(node.data) {
            guard node.id != snapshot.rootID else { continue }
            let userNodes = users[node.id].map { snapshot.nodes[$0] }
            let nanBorn = Self.hasNaN(node.grad) && !userNodes.contains { Self.hasNaN($0.grad) }
            let infBorn = node.grad.contains { $0.isInfinite } && userNodes.allSatisfy { Self.allFinite($0.grad) }
            let forwardFinite = userNodes.allSatisfy { user in
                Self.allFinite(user.data) && user.inputs.allSatisfy { Self.allFinite(snapshot.nodes[$0].data) }
            }
            guard (nanBorn || infBorn) && forwardFinite else { continue }
            let what = nanBorn ? "NaN" : "inf"
            let operations = Array(Set(userNodes.compactMap { $0.op?.symbol })).sorted().joined(separator: ", ")
            let gradient = node.grad.count == 1 ? ReportNumber.text(node.grad[0]) : "\(what) in places"
            findings.append(
                GradientFinding(
                    kind: .nonFiniteBackward, place: describe(node.id), nodes: [node.id], tag: "\(what) grad born here",
                    evidence:
                        "grad \(gradient) while the values using it (\(operations)) have finite values and gradients: "
                        + "a local derivative is not finite here",
                    hint:
                        "pow(x, p) with p < 1, log and division have infinite slopes at 0: keep their inputs away from 0"
                ))
        }
        return findings
    }

    /// Layers whose output gradient is far smaller or larger than the output layer's, and
    /// parameter gradients above the absolute limit.
    func explodingAndVanishing() -> [GradientFinding] {
        var findings: [GradientFinding] = []
        let layers = layerIDs.map { scopeFlows[$0] }
        if let reference = layers.last, layers.count >= 2 {
            let referenceRMS = reference.outputGradientRMS
            if referenceRMS > 0 && referenceRMS.isFinite {
                // Each layer against the one above it, so the reader sees where the signal is lost.
                var steps: [String] = []
                for index in layers.indices.dropLast() {
                    let below = layers[index].outputGradientRMS
                    let above = layers[index + 1].outputGradientRMS
                    steps.append(above > 0 ? "×" + ReportNumber.text(below / above) : "×?")
                }
                for (index, layer) in layers.enumerated().dropLast() {
                    let rms = layer.outputGradientRMS
                    guard rms.isFinite else { continue }
                    let ratio = rms / referenceRMS
                    let path = "; layer by layer from the output down: " + steps.reversed().joined(separator: ", ")
                    if rms == 0 {
                        findings.append(
                            GradientFinding(
                                kind: .vanishing, place: layer.path, nodes: layer.outputs, tag: "no gradient",
                                evidence: "output gradient exactly 0: nothing flows back into this layer",
                                hint:
                                    "the layers above pass no gradient (dead ReLUs or saturated units): fix those "
                                    + "first"))
                    } else if ratio < options.vanishingRatio {
                        findings.append(
                            GradientFinding(
                                kind: .vanishing, place: layer.path, nodes: layer.outputs,
                                tag: "vanishing ×" + ReportNumber.text(ratio),
                                evidence:
                                    "output gradient RMS \(ReportNumber.text(rms)), \(ReportNumber.text(ratio)) of the "
                                    + "output layer's (\(ReportNumber.text(referenceRMS)) at \(reference.path))"
                                    + (index == 0 ? path : ""),
                                hint:
                                    "each sigmoid or tanh layer scales the gradient by its slope (at most 0.25 for "
                                    + "sigmoid): use ReLU or tanh, fewer layers, or a larger --init-gain"))
                    } else if ratio > options.explodingRatio {
                        findings.append(
                            GradientFinding(
                                kind: .exploding, place: layer.path, nodes: layer.outputs,
                                tag: "exploding ×" + ReportNumber.text(ratio),
                                evidence:
                                    "output gradient RMS \(ReportNumber.text(rms)), \(ReportNumber.text(ratio)) times the "
                                    + "output layer's (\(ReportNumber.text(referenceRMS)) at \(reference.path))"
                                    + (index == 0 ? path : ""),
                                hint:
                                    "weights that started too large (--init-gain) or grew too large (--lr) multiply the "
                                    + "gradient at every layer: use He or Xavier initialisation, a smaller learning "
                                    + "rate, or clip gradients"))
                    }
                }
            }
        }
        // The absolute limit, per layer; in a graph without scopes, per parameter.
        let alreadyExploding = Set(findings.filter { $0.kind == .exploding }.map(\.place))
        for layer in layers where !alreadyExploding.contains(layer.path) {
            let norm = layer.parameterGradient.norm
            guard norm > options.explodingNorm || norm.isInfinite else { continue }
            let parameters = snapshot.nodes.indices.filter {
                snapshot.nodes[$0].role == .parameter
                    && LayerScopes.scope(snapshot.nodes[$0].scopePath, isIn: layer.path)
            }
            findings.append(exploding(place: layer.path, nodes: parameters, norm: norm))
        }
        if layers.isEmpty {
            for node in snapshot.nodes where node.role == .parameter {
                let norm = nodeFlows[node.id].gradient.norm
                guard norm > options.explodingNorm || norm.isInfinite else { continue }
                findings.append(exploding(place: describe(node.id), nodes: [node.id], norm: norm))
            }
        }
        return findings
    }

    private func exploding(place: String, nodes: [Int], norm: Double) -> GradientFinding {
        GradientFinding(
            kind: .exploding, place: place, nodes: nodes, tag: "exploding grad " + ReportNumber.text(norm),
            evidence:
                "parameter gradient norm \(ReportNumber.text(norm)), above \(ReportNumber.text(options.explodingNorm))",
            hint: "a step this large throws the weights far: lower the learning rate (--lr) or clip gradients")
    }

    /// Modules (scopes) and parameter tensors all of whose parameter gradients are exactly 0,
    /// unless a dead ReLU in them explains it.
    func zeroGradients() -> [GradientFinding] {
        var findings: [GradientFinding] = []
        var reported: [Int] = []
        for scope in tree.scopes.dropFirst() {
            let flow = scopeFlows[scope.id]
            guard flow.parameterGradient.count > 0, flow.parameterGradient.largestMagnitude == 0,
                (flow.activations?.deadUnits ?? 0) == 0,
                !reported.contains(where: { tree.isScope(scope.id, inside: $0) })
            else { continue }
            reported.append(scope.id)
            let parameters = tree.allNodeIDs(in: scope).filter { snapshot.nodes[$0].role == .parameter }
            findings.append(zeroGradient(place: scope.path, nodes: parameters, count: flow.parameterGradient.count))
        }
        for node in snapshot.nodes where node.role == .parameter && node.shape != nil {
            guard !node.grad.isEmpty, node.grad.allSatisfy({ $0 == 0 }),
                !reported.contains(where: { tree.isScope(tree.scopeOfNode[node.id], inside: $0) })
            else { continue }
            let scope = tree.scopeOfNode[node.id]
            if scope != 0 && (scopeFlows[scope].activations?.deadUnits ?? 0) > 0 { continue }
            findings.append(zeroGradient(place: describe(node.id), nodes: [node.id], count: node.grad.count))
        }
        return findings
    }

    /// `a, b, c` or `a, b, c and 4 more`.
    static func list(_ names: [String]) -> String {
        names.count <= 3
            ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
    }

    private func zeroGradient(place: String, nodes: [Int], count: Int) -> GradientFinding {
        GradientFinding(
            kind: .vanishing, place: place, nodes: nodes, tag: "grad exactly 0",
            evidence: count == 1
                ? "its parameter's gradient is exactly 0" : "all \(count) parameter gradients are exactly 0",
            hint:
                "nothing reaches these parameters: an input of 0, a ReLU that is off, or a path the output does not "
                + "depend on; they will not learn")
    }

    /// Dead ReLU units and saturated tanh/sigmoid outputs, grouped by layer: a tensor node is
    /// its own group; scalar activations in a neuron's scope are grouped by that neuron's layer.
    func activationFindings() -> [GradientFinding] {
        struct Group {
            var place: String
            var accumulator: ActivationStatistics.Accumulator
            var nodes: [Int] = []
            /// For each node, the position of its unit (scalars) or its units (tensors).
            var units: [Range<Int>] = []
        }
        var groups: [Group] = []
        var groupByKey: [String: Int] = [:]
        // In a network with layers, only the layers' activations are units; a ReLU in the loss
        // (the hinge loss's) is not.
        let layerPaths = layerIDs.map { tree.scopes[$0].path }
        for node in snapshot.nodes {
            guard let op = node.op, ActivationStatistics.isActivation(op) else { continue }
            if !layerPaths.isEmpty && !layerPaths.contains(where: { LayerScopes.scope(node.scopePath, isIn: $0) }) {
                continue
            }
            let scope = tree.scopeOfNode[node.id]
            let key: String
            let place: String
            if node.shape != nil {
                key = "#\(node.id)"
                place = describe(node.id)
            } else if scope == 0 {
                key = ""
                place = ""
            } else {
                let parent = tree.scopes[scope].parent ?? 0
                let groupScope = parent == 0 ? scope : parent
                key = tree.scopes[groupScope].path
                place = key
            }
            let index: Int
            let groupKey = key + " " + op.symbol  // ReLUs and tanhs are judged apart
            if let known = groupByKey[groupKey] {
                index = known
            } else {
                index = groups.count
                groupByKey[groupKey] = index
                groups.append(Group(place: place, accumulator: .init(options: options)))
            }
            let units: Range<Int>
            if let shape = node.shape {
                units = groups[index].accumulator.addTensor(
                    op, data: node.data, gradient: node.grad, units: shape.last ?? 1)
            } else {
                let position = groups[index].accumulator.addScalar(
                    op, output: node.data[0], gradient: node.grad[0], unit: Self.unitKey(of: node.id, tree: tree))
                units = position..<(position + 1)
            }
            groups[index].nodes.append(node.id)
            groups[index].units.append(units)
        }
        var findings: [GradientFinding] = []
        for group in groups {
            let statistics = group.accumulator.result
            let dead = Set(group.accumulator.deadUnitPositions)
            if statistics.deadUnits > 0 && statistics.deadFraction >= options.deadUnitFraction {
                let deadNodes = zip(group.nodes, group.units).filter { _, units in units.contains(where: dead.contains)
                }
                .map(\.0)
                // Scalar activations outside scopes are named one by one.
                let place = group.place.isEmpty ? Self.list(deadNodes.map(describe)) : group.place
                let examples = statistics.unitCount == 0 ? 0 : statistics.count / statistics.unitCount
                let isTensor = snapshot.nodes[group.nodes[0]].shape != nil
                let tag = isTensor ? "dead \(statistics.deadUnits)/\(statistics.unitCount)" : "dead"
                findings.append(
                    GradientFinding(
                        kind: .deadReLU, place: place, nodes: deadNodes, tag: tag,
                        evidence:
                            "\(statistics.deadUnits) of \(statistics.unitCount) ReLU units output 0 for every example "
                            + "(\(examples == 1 ? "1 example" : "\(examples) examples"))"
                            + (examples == 1 ? "; on one example a unit may just be off" : ""),
                        hint:
                            "no gradient passes a dead ReLU, so the weights feeding it stop learning: lower the "
                            + "learning rate, start biases at 0, or use He initialisation"))
            }
            if let function = statistics.function, ActivationStatistics.saturates(function),
                statistics.saturatedFraction >= options.saturatedFraction, statistics.count > 0
            {
                let isTensor = snapshot.nodes[group.nodes[0]].shape != nil
                let percent = ReportNumber.percent(statistics.saturatedFraction)
                let saturatedNodes =
                    isTensor
                    ? group.nodes
                    : group.nodes.filter {
                        ActivationStatistics.isSaturated(
                            snapshot.nodes[$0].data[0], function: function, margin: options.saturationMargin)
                    }
                findings.append(
                    GradientFinding(
                        kind: .saturated,
                        place: group.place.isEmpty ? Self.list(saturatedNodes.map(describe)) : group.place,
                        nodes: saturatedNodes,
                        tag: isTensor || group.nodes.count == 1 ? "saturated \(percent)" : "saturated",
                        evidence:
                            "\(percent) of \(statistics.count) \(function.symbol) outputs are within "
                            + "\(ReportNumber.text(options.saturationMargin)) of a bound, where the slope is under "
                            + (function == .tanh ? "0.06" : "0.03"),
                        hint:
                            "the inputs to \(function.symbol) are too large: lower --init-gain or the learning rate, "
                            + "or normalise the layer's inputs"))
            }
        }
        return findings
    }
}
