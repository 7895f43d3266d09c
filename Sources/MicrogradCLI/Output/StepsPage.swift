import Foundation
import Micrograd
import MicrogradViz

/// The page `micrograd steps --format html` writes: the graph with every value, and the
/// frames of the passes drawn as step sliders: the backward pass in the order `backward()`
/// took, each step with its chain-rule lines as `--trace` prints them, then the forward pass.
enum StepsPage {
    /// The page, as HTML text.
    ///
    /// - Parameters:
    ///   - frames: The steps of the graph, taken after backward().
    ///   - selected: The frames chosen with `--pass`.
    ///   - title: The page's heading.
    ///   - diagram: How the diagram looks.
    /// - Throws: ``CLIError`` with Graphviz's message if the diagram cannot be drawn.
    static func html(
        _ frames: BackpropFrames, selected: [BackpropFrames.Frame], title: String, diagram: DOTOptions,
        names: ValueNames
    ) throws(CLIError) -> String {
        let options = ViewerOptions(diagram: diagram, collapsedViews: false, backwardSteps: false)
        var graph: ViewerGraph
        do throws(RenderError) {
            graph = try ViewerGraph.rendered(frames.snapshot, title: title, options: options)
        } catch {
            throw .failure(error.message)
        }
        let trace = BackpropTrace(frames, names: names, format: diagram.numberFormat)
        for pass in [BackpropFrames.Frame.Pass.backward, .forward] {
            let passFrames = selected.filter { $0.pass == pass }
            let steps = passFrames.map { frame in
                ViewerSequence.Step(
                    caption: trace.lines(for: frame).map(Self.withoutPosition).joined(separator: "; "),
                    nodes: [frame.node])
            }
            guard !steps.isEmpty else { continue }
            graph.sequences.append(
                ViewerSequence(
                    id: pass.rawValue, title: pass == .backward ? "Backward pass" : "Forward pass", steps: steps,
                    unknown: Self.unknown(in: passFrames, of: frames)))
        }
        graph.notes.append(
            "The backward pass walks the values in the order backward() completes their gradients; the forward "
                + "pass the operations in the order they were computed.")
        return ViewerPage(title: title, graphs: [graph]).html()
    }

    /// When each value's number is known in the frames of one pass, as the frame images draw
    /// it: data from the forward step that computes it (leaves from the start), a gradient
    /// from the backward step that completes it.
    static func unknown(in passFrames: [BackpropFrames.Frame], of frames: BackpropFrames) -> ViewerSequence.Unknown {
        let isForward = passFrames.first?.pass == .forward
        let never = passFrames.count + 1
        let knownFrom = frames.snapshot.nodes.indices.map { id in
            let isKnown = { (frame: BackpropFrames.Frame) in
                isForward ? frames.hasData(id, in: frame) : frames.gradient(of: id, in: frame) != nil
            }
            // Known at every step from the first one that knows it on.
            guard let first = passFrames.firstIndex(where: isKnown) else { return never }
            return first == 0 && isForward && frames.snapshot.nodes[id].op == nil ? 0 : first + 1
        }
        return ViewerSequence.Unknown(field: isForward ? .data : .grad, knownFrom: knownFrom)
    }

    /// A trace line without its `backward 2/10  ` position, which the page's slider shows.
    private static func withoutPosition(_ line: String) -> String {
        guard let gap = line.range(of: "  ") else { return line }
        return String(line[gap.upperBound...])
    }
}
