import ArgumentParser
import Foundation
import Micrograd
import MicrogradLanguage
import MicrogradViz

/// What the teaching and slide options add to one network's diagrams: names told apart,
/// the chain rule on the edges, a gradient check on the leaves, and accessible SVG text.
struct TeachingDiagrams {
    let name: String
    let network: Network
    let teaching: TeachingOptions
    let slides: SlideOptions

    /// The diagram options with the slide options applied.
    func dotOptions(_ base: DOTOptions) -> DOTOptions {
        slides.applied(to: base)
    }

    /// The snapshot as it is drawn: repeated labels told apart if asked.
    func prepare(_ snapshot: GraphSnapshot) -> GraphSnapshot {
        snapshot.disambiguatingLabels(slides.labels)
    }

    /// The gradient check `--gradcheck` asks for, or `nil`.
    ///
    /// - Throws: ``CLIError`` (a usage error) for a network of tensors.
    func gradientCheck() throws(CLIError) -> GradientCheck? {
        guard teaching.gradcheck else { return nil }
        guard let output = network.output as? Value else {
            throw .usage(
                "--gradcheck checks networks of scalar values, and \(name) is made of tensors; "
                    + "try it on a scalar sample such as neuron or readme")
        }
        return output.gradientCheck(tolerance: teaching.tolerance)
    }

    /// The marks drawn on `snapshot`: edge labels, and the check's results after backward().
    func overlay(for snapshot: GraphSnapshot, options: DOTOptions, check: GradientCheck?) -> DiagramOverlay {
        var overlay = DiagramOverlay.edgeLabels(teaching.edges, for: snapshot, options: options)
        if teaching.edges == .grad && !snapshot.root.grad.contains(where: { $0 != 0 }) {
            overlay = DiagramOverlay()  // no gradient flows before backward()
        }
        if let check { overlay = overlay.merging(.gradientCheck(check, options: options)) }
        return overlay
    }

    /// The SVG's accessible title: `--title`, or `neuron after backward()`.
    func title(stage: Stage) -> String {
        slides.title ?? "\(name) \(stage == .before ? "before" : "after") backward()"
    }

    /// The SVG's description: what the graph is and what the diagram shows.
    func description(of snapshot: GraphSnapshot, stage: Stage, check: GradientCheck?) -> String {
        let leaves = snapshot.nodes.filter { $0.op == nil }.count
        let format = NumberFormat()
        let root = snapshot.root
        var text = "The computation graph of \(name) \(stage == .before ? "before" : "after") backward(): "
        text +=
            "\(snapshot.nodes.count) values, \(leaves) of them leaves and \(snapshot.nodes.count - leaves) computed. "
        text +=
            "The output \(root.label ?? "value") is \(root.data.count == 1 ? format.format(root.data[0]) : "a tensor"). "
        text +=
            "Each box shows a value's label, data and gradient; arrows lead from inputs through operations to results."
        switch teaching.edges {
        case .plain: break
        case .chain: text += " Each edge shows the local derivative and the gradient it carries back."
        case .grad: text += " Arrows point backwards, labelled with the gradient that flows along them."
        }
        if let check, stage == .after {
            text +=
                check.passes
                ? " The gradient check agrees for every leaf."
                : " The gradient check fails for \(check.mismatches.count) leaves, marked in red."
        }
        return text
    }

    /// The table of the check: each input and parameter (and constants when their gradients
    /// are shown, or when they disagree), then a verdict.
    func checkTable(_ check: GradientCheck, names: ValueNames, precision: Int) -> [String] {
        let format = NumberFormat(precision: precision)
        let error = NumberFormat(precision: 1)
        var rows = [["name", "role", "grad", "numeric", "rel. error", ""]]
        for leaf in check.leaves where leaf.role != .constant || slides.constantGrads || !leaf.agrees {
            rows.append([
                names[leaf.id], leaf.role.rawValue, format.format(leaf.analytic), format.format(leaf.numeric),
                error.format(leaf.relativeError), leaf.agrees ? "" : "✗ mismatch",
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = [
            "gradient check: central differences with h = \(NumberFormat(precision: 0).format(check.step)) · max(1, |x|), "
                + "tolerance \(NumberFormat(precision: 0).format(check.tolerance))"
        ]
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column < 2 || column == 5
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            lines.append(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        let mismatches = check.mismatches
        let unlisted = check.leaves.filter { $0.role == .constant && $0.agrees && !slides.constantGrads }.count
        var verdict =
            mismatches.isEmpty
            ? "all \(check.leaves.count) gradients agree"
            : "\(mismatches.count) of \(check.leaves.count) gradients disagree: "
                + mismatches.map { names[$0.id] }.joined(separator: ", ")
        if unlisted > 0 {
            verdict += " (\(unlisted) constant\(unlisted == 1 ? "" : "s") not listed; --constant-grads lists them)"
        }
        lines.append(verdict)
        return lines
    }
}
