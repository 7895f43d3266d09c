import Foundation
import Micrograd

/// The gradient view of a diagram: every value and every edge coloured by the size of
/// its gradient, log₁₀ |grad|, on a perceptually uniform scale, with a colour bar in the
/// key. A value whose gradient is exactly 0 is drawn with a dashed border and no colour,
/// one whose gradient is NaN or infinite in red with a thick border: neither is a colour
/// of the scale.
///
/// A tensor's size is the root mean square of its elements (for one number, |grad|);
/// an edge's is that of the gradient flowing along it (local derivative × upstream; see
/// `EdgeDerivatives`).
///
/// ```swift
/// loss.backward()
/// let snapshot = loss.snapshot()
/// let dot = snapshot.dot(overlay: GradientColoring().overlay(for: snapshot))
/// ```
public struct GradientColoring: Sendable {
    /// The colour scale.
    public var scale: ColorScale
    /// The theme the diagram is drawn in, for the marks that are not on the scale.
    public var theme: Theme

    /// Creates a colouring.
    ///
    /// - Parameters:
    ///   - scale: `.viridis` (default) or `.cividis`.
    ///   - theme: The diagram's theme.
    public init(scale: ColorScale = .viridis, theme: Theme = .light) {
        self.scale = scale
        self.theme = theme
    }

    /// The size of a gradient: |grad| for one number, the root mean square for a tensor;
    /// NaN or infinite if any element is.
    public static func magnitude(_ gradient: [Double]) -> Double {
        guard !gradient.isEmpty else { return 0 }
        var squares = 0.0
        for value in gradient {
            if !value.isFinite { return value.isNaN ? .nan : .infinity }
            squares += value * value
        }
        return (squares / Double(gradient.count)).squareRoot()
    }

    /// The colour marks for every value and edge of `snapshot`, and the key's colour bar.
    ///
    /// - Complexity: about one backward pass, for the edges' gradients.
    public func overlay(for snapshot: GraphSnapshot) -> DiagramOverlay {
        let nodeSizes = snapshot.nodes.map { Self.magnitude($0.grad) }
        let edges = snapshot.edgeDerivatives().edges
        let edgeSizes = edges.map { Self.magnitude($0.contribution) }
        let logs = (nodeSizes + edgeSizes).filter { $0.isFinite && $0 > 0 }.map { log10($0) }
        var low = (logs.min() ?? 0).rounded(.down)
        var high = (logs.max() ?? 0).rounded(.up)
        if high - low < 1 {
            low -= high == low ? 1 : 0
            high = low + Swift.max(high - low, 1)
        }
        func fraction(_ size: Double) -> Double { (log10(size) - low) / (high - low) }

        let palette = theme.palette
        let style = Self.style(theme)
        var overlay = DiagramOverlay()
        var sawZero = false
        var sawNonFinite = false
        for (id, size) in nodeSizes.enumerated() {
            if !size.isFinite {
                sawNonFinite = true
                overlay.nodes[id] = .init(
                    fill: style.nonFinite, border: style.nonFinite, penWidth: 3, fontColor: style.nonFiniteText)
            } else if size == 0 {
                sawZero = true
                overlay.nodes[id] = .init(fill: palette.background, dashed: true, fontColor: palette.text)
            } else {
                overlay.nodes[id] = .init(
                    fill: scale.color(at: fraction(size)), fontColor: scale.textColor(at: fraction(size)))
            }
        }
        for (edge, size) in zip(edges, edgeSizes) {
            let id = DiagramOverlay.EdgeID(node: edge.node, operand: edge.operand)
            if !size.isFinite {
                overlay.edges[id] = .init(color: style.nonFinite, penWidth: 2.5)
            } else if size == 0 {
                overlay.edges[id] = .init(dashed: true)
            } else {
                overlay.edges[id] = .init(color: scale.color(at: fraction(size)), penWidth: 2.5)
            }
        }
        overlay.key.append(
            .scale(
                colors: scale.steps(9), low: Self.powerOfTen(low), high: Self.powerOfTen(high),
                title: "|grad| (RMS for tensors)"))
        if sawZero {
            overlay.key.append(.swatch(fill: palette.background, border: palette.text, text: "grad exactly 0 (dashed)"))
        }
        if sawNonFinite {
            overlay.key.append(
                .swatch(fill: style.nonFinite, border: style.nonFinite, text: "grad NaN or inf (thick border)"))
        }
        return overlay
    }

    /// `1e-4`, `1`, `1e3`: a whole power of ten as the key shows it.
    static func powerOfTen(_ exponent: Double) -> String {
        let power = Int(exponent)
        return power == 0 ? "1" : "1e\(power)"
    }

    /// The colour of NaN and infinite gradients, and of text on it.
    static func style(_ theme: Theme) -> (nonFinite: String, nonFiniteText: String) {
        switch theme {
        case .light, .print, .slide, .auto: ("#d62728", "#ffffff")
        case .dark: ("#f87171", "#000000")
        }
    }
}
