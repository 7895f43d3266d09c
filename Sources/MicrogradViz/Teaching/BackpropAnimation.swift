import Foundation
import Micrograd

/// The frames of `BackpropFrames` as diagrams: the forward pass filling in
/// values operation by operation, then the backward pass filling in gradients node by
/// node, the step's node highlighted, dashed boxes for what is not computed yet, and the
/// chain rule on the edges that have carried their gradient.
///
/// Every frame is drawn on one layout, made once from the fullest frame (every number
/// and every label shown), so boxes, edges and labels stay where they are from frame to
/// frame; each box stacks its lines, so that a number appearing moves nothing.
///
/// ```swift
/// loss.backward()
/// let frames = BackpropFrames(loss.snapshot(), backwardOrder: loss.backwardOrder())
/// let animation = BackpropAnimation(frames)
/// let drawings = try animation.render(frames.frames(), formats: [.svg, .png])
/// ```
public struct BackpropAnimation: Sendable {
    /// The steps drawn.
    public let frames: BackpropFrames
    /// How each frame is drawn; its title goes above every frame's caption.
    public let options: DOTOptions
    /// What edges say: `.chain` (local derivatives, then the products that flow), `.grad`
    /// (the gradients that flow) or `.plain`.
    public let edgeLabels: EdgeLabels
    /// The names formulas and captions use.
    public let names: ValueNames
    private let text: ChainRuleText
    private let colors: TeachingColors

    /// Prepares the frames' diagrams.
    ///
    /// - Parameters:
    ///   - frames: The steps, from a snapshot taken after `backward()`.
    ///   - options: The look; fields are stacked and scopes not boxed whatever it says.
    ///   - edges: What edges say, `.chain` by default. Arrows always point forwards here.
    ///   - names: The names used in formulas; the snapshot's labels by default.
    public init(
        _ frames: BackpropFrames, options: DOTOptions = DOTOptions(), edges: EdgeLabels = .chain,
        names: ValueNames? = nil
    ) {
        var options = options
        options.stacksFields = true
        options.groupsScopes = false
        self.frames = frames
        self.options = options
        self.edgeLabels = edges
        self.names = names ?? ValueNames(frames.snapshot)
        self.text = ChainRuleText(frames.snapshot, edges: frames.edges, names: self.names, format: options.numberFormat)
        self.colors = TeachingColors(options.theme)
    }

    // MARK: - Captions

    /// What happens in `frame`, in one line: `forward 1/3: e = a * b = -6.0000`,
    /// `backward 2/7: d.grad = -2.0000, passed on to e and c`.
    public func caption(for frame: BackpropFrames.Frame) -> String {
        let node = frames.snapshot.nodes[frame.node]
        let name = names[frame.node]
        switch frame.pass {
        case .forward:
            let formula = names.formula(node.op!, inputs: node.inputs)
            let position = "forward \(frame.step)/\(frames.forward.count): "
            return position + (formula == name ? "" : name + " = ") + formula + " = " + text.format(node.data)
        case .backward:
            let position = "backward \(frame.step)/\(frames.backward.count): "
            let gradient = text.format(frames.gradients[frame.node], isGradient: true)
            if frame.node == frames.snapshot.rootID {
                return position + name + ".grad = " + gradient
                    + " (the output: ∂\(names.operand(frame.node))/∂\(names.operand(frame.node)) = 1)"
            }
            let inputs = Self.list(frames.snapshot.nodes[frame.node].inputs.map { names[$0] })
            guard !inputs.isEmpty else { return position + name + ".grad = " + gradient + ", complete (a leaf)" }
            return position + name + ".grad = " + gradient + ", passed on to " + inputs
        }
    }

    /// `a`, `a and b`: distinct names in order.
    private static func list(_ names: [String]) -> String {
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        return unique.joined(separator: " and ")
    }

    // MARK: - Overlays

    /// The marks of `frame`; `nil` for the fullest frame, the one the layout is made from.
    public func overlay(for frame: BackpropFrames.Frame?) -> DiagramOverlay {
        let snapshot = frames.snapshot
        var overlay = DiagramOverlay()
        for node in snapshot.nodes {
            let hasData = frame.map { frames.hasData(node.id, in: $0) } ?? true
            let gradient = frame.map { frames.gradient(of: node.id, in: $0) } ?? frames.gradients[node.id]
            var lines: [String] = []
            if options.fields.contains(.data) { lines.append(hasData ? "data " + text.format(node.data) : "data") }
            if options.fields.contains(.grad) && (node.role != .constant || options.showsConstantGradients) {
                if let gradient {
                    let sum = edgeLabels == .chain ? text.gradientSum(of: node.id) : nil
                    lines.append(sum ?? "grad " + text.format(gradient, isGradient: true))
                } else {
                    lines.append("grad")
                }
            }
            var mark = DiagramOverlay.NodeMark(lines: lines, hidesData: true, hidesGrad: true)
            if let frame {
                if frame.node == node.id {
                    mark.fill = colors.currentFill
                    mark.border = colors.current
                    mark.penWidth = 2.5
                } else {
                    mark.dashed = frame.pass == .forward ? !hasData : gradient == nil
                }
            }
            overlay.nodes[node.id] = mark
        }
        for edge in frames.edges.edges {
            var mark = DiagramOverlay.EdgeMark()
            let carried = frame.map { frames.hasCarried(into: edge.node, in: $0) } ?? true
            let computed = frame.map { frames.hasData(edge.node, in: $0) } ?? true
            switch edgeLabels {
            case .plain: break
            case .chain:
                if carried && text.hasGradients {
                    mark.label = text.localLine(edge) + "\n" + text.productLine(edge)
                } else if computed {
                    // Local derivatives are known once the forward pass has computed the result.
                    mark.label = text.localLine(edge) + (text.hasGradients ? "\n " : "")
                }
            case .grad:
                if carried { mark.label = text.contribution(edge) }
            }
            if let frame, frame.node == edge.node {
                mark.color = colors.current
                mark.penWidth = 2.5
            }
            if mark != DiagramOverlay.EdgeMark() {
                overlay.edges[DiagramOverlay.EdgeID(node: edge.node, operand: edge.operand)] = mark
            }
        }
        overlay.key = [
            .swatch(fill: colors.currentFill, border: colors.current, text: "this step"),
            .text("dashed: not computed yet"),
        ]
        return overlay
    }

    // MARK: - DOT

    /// The options of `frame`'s diagram: the title, then the caption.
    private func options(for frame: BackpropFrames.Frame?) -> DOTOptions {
        var options = options
        options.title = frame.map { frame in
            [options.title, caption(for: frame)].compactMap { $0 }.joined(separator: "\n")
        }
        return options
    }

    /// `frame`'s diagram as DOT, without pinned positions: any Graphviz lays it out, but
    /// not necessarily as it lays out the other frames; ``render(_:formats:dotsPerInch:)`` pins them.
    public func dot(for frame: BackpropFrames.Frame) -> String {
        frames.snapshot.dot(options: options(for: frame), overlay: overlay(for: frame))
    }

    /// The fullest frame as DOT: every number and label, no caption. Its layout is every frame's.
    public func referenceDOT() -> String {
        frames.snapshot.dot(options: options(for: nil), overlay: overlay(for: nil))
    }

    // MARK: - Rendering

    /// Draws `selected` on one layout, in each of `formats`.
    ///
    /// - Parameters:
    ///   - selected: Frames of ``frames``, in the order wanted.
    ///   - formats: `.svg`, `.png` and/or `.pdf`.
    ///   - dotsPerInch: The resolution of PNG frames; Graphviz's 96 by default.
    /// - Returns: For each format, one image per frame, all of the same size.
    /// - Throws: ``RenderError`` if Graphviz fails.
    public func render(
        _ selected: [BackpropFrames.Frame], formats: [RenderFormat], dotsPerInch: Double? = nil
    ) throws -> [RenderFormat: [Data]] {
        let layout = try PinnedLayout(laying: referenceDOT())
        // The caption must fit: a title wider than the graph would widen some frames.
        let titleSize = 12 * (options.fontSize ?? options.theme.fontSize) / 11
        let widest =
            selected.map { frame in
                (options(for: frame).title ?? "").split(separator: "\n").map(\.count).max() ?? 0
            }.max() ?? 0
        let minimumWidth = Double(widest) * titleSize * 0.62 + 16
        var pinned: [String] = []
        for frame in selected { pinned.append(try layout.pin(dot(for: frame), minimumWidth: minimumWidth)) }
        var images: [RenderFormat: [Data]] = [:]
        for format in formats {
            images[format] = try pinned.map { dot in
                let source =
                    format == .png && dotsPerInch != nil ? PNGResolution.dot(dot, dotsPerInch: dotsPerInch!) : dot
                return try GraphRenderer.render(dot: source, format: format, layout: "nop2")
            }
        }
        return images
    }
}
