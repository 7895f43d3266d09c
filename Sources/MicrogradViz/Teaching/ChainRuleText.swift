import Micrograd

/// The chain rule on the edges of a snapshot, written out for diagrams and traces with
/// the values' names: `∂o/∂n = 1 − o² = 0.5000`, `× 1.0000 = 0.5000`,
/// `n.grad += ∂o/∂n · o.grad = 0.5000 · 1.0000 = 0.5000`.
struct ChainRuleText {
    let snapshot: GraphSnapshot
    let edges: EdgeDerivatives
    let names: ValueNames
    let numbers: NodeText

    /// The most terms a gradient's sum lists before it abbreviates.
    static let listedTerms = 6

    init(_ snapshot: GraphSnapshot, edges: EdgeDerivatives? = nil, names: ValueNames? = nil, format: NumberFormat) {
        self.snapshot = snapshot
        self.edges = edges ?? snapshot.edgeDerivatives()
        self.names = names ?? ValueNames(snapshot)
        self.numbers = NodeText(format: format)
    }

    /// Whether the snapshot was taken after `backward()`: the root's gradient is not zero.
    var hasGradients: Bool { snapshot.root.grad.contains { $0 != 0 } }

    /// One number as the diagram writes it, or a few, or a summary.
    func format(_ values: [Double], isGradient: Bool = false) -> String {
        var buffer = TextBuffer(capacity: 32)
        numbers.appendNumbers(values, isGradient: isGradient, to: &buffer)
        return buffer.string
    }

    /// `∂o/∂n`: the partial derivative of the edge's result with respect to its input.
    func partial(_ edge: EdgeDerivative) -> String {
        "∂" + names.operand(edge.node) + "/∂" + names.operand(edge.input)
    }

    /// The local derivative's formula in the values' names: `1 − o²`, `w1`, `1`.
    func formula(_ edge: EdgeDerivative) -> String {
        let node = snapshot.nodes[edge.node]
        return node.op!.localDerivative(
            operand: edge.operand, operands: node.inputs.map { names.operand($0) }, output: names.operand(edge.node))
    }

    /// `∂o/∂n = 1 − o² = 0.5000`; `∂n/∂b = 1` when the formula is the number itself. For an
    /// operation that is not elementwise, what the input receives: `∂L/∂x: g @ wᵀ`.
    func localLine(_ edge: EdgeDerivative) -> String {
        let formula = formula(edge)
        guard let local = edge.local else { return partial(edge) + ": " + formula }
        if local.count == 1, let written = Double(formula.replacingOccurrences(of: "−", with: "-")), written == local[0]
        {
            return partial(edge) + " = " + formula
        }
        return partial(edge) + " = " + formula + " = " + format(local)
    }

    /// `× 1.0000 = 0.5000`: the upstream gradient and the product that flows to the input.
    func productLine(_ edge: EdgeDerivative) -> String {
        let upstream = snapshot.nodes[edge.node].grad
        guard edge.local != nil else { return "= " + format(edge.contribution, isGradient: true) }
        return "× " + format(upstream, isGradient: true) + " = " + format(edge.contribution, isGradient: true)
    }

    /// `0.5000`: what flows to the input.
    func contribution(_ edge: EdgeDerivative) -> String {
        format(edge.contribution, isGradient: true)
    }

    /// The edge's tooltip, at full precision.
    func tooltip(_ edge: EdgeDerivative) -> String {
        var text = partial(edge) + " = " + formula(edge)
        if let local = edge.local { text += " = " + Self.fullPrecision(local) }
        if hasGradients {
            text += "\nupstream " + names[edge.node] + ".grad = " + Self.fullPrecision(snapshot.nodes[edge.node].grad)
            text += "\nsends " + Self.fullPrecision(edge.contribution) + " to " + names[edge.input]
        }
        return text
    }

    /// `grad 6.0000 = 3.0000 + 3.0000`: a scalar used more than once, its gradient as the sum
    /// of what its edges carry; `nil` for a value used once (or a tensor).
    func gradientSum(of node: Int) -> String? {
        let outgoing = edges.edges(outOf: node)
        guard outgoing.count > 1, snapshot.nodes[node].grad.count == 1 else { return nil }
        var text = "grad " + format(snapshot.nodes[node].grad, isGradient: true) + " = "
        for (index, edge) in outgoing.prefix(Self.listedTerms).enumerated() {
            let term = edge.contribution[0]
            if index == 0 {
                text += format([term])
            } else {
                text += (term < 0 ? " - " : " + ") + format([Swift.abs(term)])
            }
        }
        if outgoing.count > Self.listedTerms { text += " + … (\(outgoing.count) terms)" }
        return text
    }

    /// `n.grad += ∂o/∂n · o.grad = 0.5000 · 1.0000 = 0.5000`, the step of the trace.
    func traceLine(_ edge: EdgeDerivative, upstream: [Double]) -> String {
        let input = names.operand(edge.input)
        let output = names.operand(edge.node)
        guard let local = edge.local else {
            return input + ".grad += " + formula(edge) + " with g = " + output + ".grad = "
                + format(edge.contribution, isGradient: true)
        }
        return input + ".grad += " + partial(edge) + " · " + output + ".grad = " + format(local) + " · "
            + format(upstream, isGradient: true) + " = " + format(edge.contribution, isGradient: true)
    }

    /// Every digit of a number, or of up to four.
    static func fullPrecision(_ values: [Double]) -> String {
        var buffer = TextBuffer(capacity: 32)
        NodeText.appendFullPrecision(values, to: &buffer)
        return buffer.string
    }
}
