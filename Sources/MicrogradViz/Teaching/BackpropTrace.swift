import Micrograd

/// Backpropagation as text, one line per step of the chain rule, in the order the engine
/// takes the steps: the forward pass operation by operation
/// (`forward 1/3  e = a * b = 2.0000 * -3.0000 = -6.0000`), then the backward pass node by
/// node, each node's gradient passed on along each of its edges
/// (`backward 2/7  e.grad += ∂d/∂e · d.grad = 1.0000 · -2.0000 = -2.0000`).
public struct BackpropTrace: Sendable {
    /// The steps.
    public let frames: BackpropFrames
    private let text: ChainRuleText

    /// Prepares the trace of `frames`.
    ///
    /// - Parameters:
    ///   - frames: The steps, from a snapshot taken after `backward()`.
    ///   - names: The names used; the snapshot's labels by default.
    ///   - format: How numbers are written.
    public init(_ frames: BackpropFrames, names: ValueNames? = nil, format: NumberFormat = NumberFormat()) {
        self.frames = frames
        self.text = ChainRuleText(frames.snapshot, edges: frames.edges, names: names, format: format)
    }

    /// The lines of `frame`: one for a forward step; for a backward step one per edge its
    /// gradient is passed along, or one saying the gradient is complete (the output, a leaf).
    public func lines(for frame: BackpropFrames.Frame) -> [String] {
        let names = text.names
        let node = frames.snapshot.nodes[frame.node]
        switch frame.pass {
        case .forward:
            let prefix = "forward \(frame.step)/\(frames.forward.count)  "
            let formula = names.formula(node.op!, inputs: node.inputs)
            let values = node.op!.formula(operands: node.inputs.map { text.format(frames.snapshot.nodes[$0].data) })
            let name = formula == names[frame.node] ? "" : names.operand(frame.node) + " = "
            return [prefix + name + formula + " = " + values + " = " + text.format(node.data)]
        case .backward:
            let prefix = "backward \(frame.step)/\(frames.backward.count)  "
            let gradient = frames.gradients[frame.node]
            var lines: [String] = []
            if frame.node == frames.snapshot.rootID {
                lines.append(
                    prefix + names.operand(frame.node) + ".grad = " + text.format(gradient, isGradient: true)
                        + " (the output)")
            }
            for edge in frames.edgesUsed(in: frame) {
                lines.append(prefix + text.traceLine(edge, upstream: gradient))
            }
            if lines.isEmpty {
                lines.append(
                    prefix + names.operand(frame.node) + ".grad = " + text.format(gradient, isGradient: true)
                        + " (complete: a leaf)")
            }
            return lines
        }
    }

    /// Every line of `selected`, in order.
    public func lines(for selected: [BackpropFrames.Frame]) -> [String] {
        selected.flatMap { lines(for: $0) }
    }
}
