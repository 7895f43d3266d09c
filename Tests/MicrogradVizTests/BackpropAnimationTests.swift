import Foundation
import MicrogradLanguage
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// The frames as drawings: one layout for all, what each frame shows and hides, and the
/// two animated files.
@Suite("Backprop animation")
struct BackpropAnimationTests {
    static func frames(_ sample: String) throws -> BackpropFrames {
        let root = try #require(SampleCatalogue.named(sample)).build().output
        root.backward()
        return BackpropFrames(root.snapshot(), backwardOrder: root.backwardOrder())
    }

    /// Each node group's outline (its first polygon or ellipse) in an SVG, by group id.
    static func outlines(_ svg: Data) -> [String: String] {
        let text = String(decoding: svg, as: UTF8.self)
        var outlines: [String: String] = [:]
        let groups = text.components(separatedBy: "class=\"node\"")
        for (index, group) in groups.enumerated().dropFirst() {
            // The group's id ends the text before `class="node"`: `<g id="n3" `.
            let before = groups[index - 1]
            guard let idStart = before.range(of: "<g id=\"", options: .backwards) else { continue }
            let id = String(before[idStart.upperBound...].prefix { $0 != "\"" })
            if let shape = group.range(of: "points=\"") ?? group.range(of: "<ellipse") {
                outlines[id] = String(group[shape.upperBound...].prefix { $0 != "/" })
            }
        }
        return outlines
    }

    /// The `<svg …>` tag's size.
    static func size(_ svg: Data) -> String {
        let text = String(decoding: svg, as: UTF8.self)
        guard let start = text.range(of: "<svg"), let end = text[start.upperBound...].range(of: "viewBox") else {
            return ""
        }
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test(arguments: ["zero-to-hero", "neuron", "readme"])
    func everyFrameHasTheSameLayout(sample: String) throws {
        let frames = try Self.frames(sample)
        let animation = BackpropAnimation(frames)
        let selected = frames.frames()
        let drawings = try animation.render(selected, formats: [.svg, .png])
        let svgs = try #require(drawings[.svg])
        #expect(svgs.count == selected.count)
        let reference = Self.outlines(svgs[0])
        #expect(reference.count >= frames.snapshot.nodes.count, "every value has an outline")
        for (index, svg) in svgs.enumerated() {
            #expect(SVGTexts(svg).isWellFormed)
            #expect(Self.size(svg) == Self.size(svgs[0]), "frame \(index + 1)")
            #expect(Self.outlines(svg) == reference, "frame \(index + 1) moved a box")
        }
        let headers = try #require(drawings[.png]).map { AnimatedPNG.chunks(of: $0)?.first }
        #expect(headers.allSatisfy { $0 != nil && $0 == headers[0] }, "every PNG frame has the same size")
    }

    /// What a frame's boxes say: numbers appear as they are computed, gradients as the
    /// backward pass completes them; the step's box is highlighted and the rest not yet
    /// computed dashed.
    @Test func framesShowWhatIsComputedSoFar() throws {
        let frames = try Self.frames("zero-to-hero")
        let animation = BackpropAnimation(frames)
        let snapshot = frames.snapshot
        func id(_ label: String) -> Int { snapshot.nodes.first { $0.label == label }!.id }
        // Forward 1: e = a * b computed; d and L not yet; no gradients.
        let first = animation.overlay(for: frames.forward[0])
        #expect(first.nodes[id("e")]?.lines == ["data -6.0000", "grad"])
        #expect(first.nodes[id("e")]?.fill == TeachingColors.light.currentFill)
        #expect(first.nodes[id("d")]?.lines == ["data", "grad"] && first.nodes[id("d")]?.dashed == true)
        #expect(first.nodes[id("a")]?.lines == ["data 2.0000", "grad"] && first.nodes[id("a")]?.dashed == false)
        #expect(animation.caption(for: frames.forward[0]) == "forward 1/3: e = a * b = -6.0000")
        // Backward 1: L's gradient; its edges carry -2 to d and 4 to f.
        let start = animation.overlay(for: frames.backward[0])
        #expect(start.nodes[id("L")]?.lines == ["data -8.0000", "grad 1.0000"])
        #expect(start.nodes[id("d")]?.lines == ["data 4.0000", "grad"] && start.nodes[id("d")]?.dashed == true)
        let fromD = start.edges[.init(node: id("L"), operand: 0)]
        #expect(fromD?.label == "∂L/∂d = f = -2.0000\n× 1.0000 = -2.0000")
        #expect(fromD?.color == TeachingColors.light.current)
        // Edges into values not processed yet show only the local derivative (and keep two lines).
        #expect(start.edges[.init(node: id("e"), operand: 0)]?.label == "∂e/∂a = b = -3.0000\n ")
        #expect(animation.caption(for: frames.backward[0]) == "backward 1/7: L.grad = 1.0000 (the output: ∂L/∂L = 1)")
        // The last frame: every gradient.
        let last = animation.overlay(for: frames.backward.last!)
        #expect(last.nodes[id("a")]?.lines == ["data 2.0000", "grad 6.0000"])
        #expect(last.nodes.values.filter(\.dashed).isEmpty)
        // The fullest frame, the layout's: every number and every label.
        let full = animation.overlay(for: nil)
        #expect(full.nodes.values.allSatisfy { !$0.lines.contains("grad") && !$0.lines.contains("data") })
        #expect(full.edges.count == frames.edges.edges.count)
    }

    /// Every frame's DOT is self-contained and byte-stable: what `steps --format dot` writes.
    @Test func frameDOTIsStable() throws {
        let first = try BackpropAnimation(Self.frames("neuron"))
        let second = try BackpropAnimation(Self.frames("neuron"))
        for (a, b) in zip(first.frames.frames(), second.frames.frames()) {
            #expect(first.dot(for: a) == second.dot(for: b))
        }
        let dot = first.dot(for: first.frames.backward[1])
        #expect(dot.contains("label=\"backward 2/10: n.grad = 0.5000, passed on to x1w1x2w2 and b\""))
    }

    @Test func animatedSVGPlaysEveryFrameAndFallsBackToTheLast() throws {
        let frames = try Self.frames("zero-to-hero")
        let svgs = try #require(try BackpropAnimation(frames).render(frames.frames(), formats: [.svg])[.svg])
        let durations = Array(repeating: 1000, count: svgs.count - 1) + [3000]
        let animated = AnimatedSVG.make(
            frames: svgs, milliseconds: durations,
            presentation: SVGPresentation(title: "zero-to-hero", description: "steps"))
        let text = String(decoding: animated, as: UTF8.self)
        #expect(SVGTexts(animated).isWellFormed)
        #expect(text.components(separatedBy: "class=\"mg-frame\"").count - 1 == svgs.count)
        #expect(text.contains("animation-duration:\(svgs.count + 2)s"))
        #expect(text.contains("@keyframes mg-frame-0{0%{visibility:visible}"))
        #expect(
            text.contains("#mg-frame-\(svgs.count - 1){visibility:visible}"), "the last frame shows without animation")
        #expect(text.contains("prefers-reduced-motion") && !text.contains("<script"))
        #expect(text.contains("<title id=\"mg-title\">zero-to-hero</title>"))
        // Ids are unique across frames.
        let ids = text.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(ids).count == ids.count)
    }

    @Test func animatedPNGIsAValidAPNG() throws {
        let frames = try Self.frames("zero-to-hero")
        let pngs = try #require(try BackpropAnimation(frames).render(frames.backward, formats: [.png])[.png])
        let apng = try AnimatedPNG.make(frames: pngs, milliseconds: Array(repeating: 500, count: pngs.count))
        let chunks = try #require(AnimatedPNG.chunks(of: apng), "every chunk's CRC checks")
        let types = chunks.map(\.type)
        #expect(types.first == "IHDR" && types.last == "IEND")
        #expect(types.firstIndex(of: "acTL")! < types.firstIndex(of: "IDAT")!)
        #expect(types.filter { $0 == "fcTL" }.count == pngs.count)
        let control = [UInt8](chunks.first { $0.type == "acTL" }!.data)
        #expect(control == [0, 0, 0, UInt8(pngs.count), 0, 0, 0, 0])
        // fcTL and fdAT share one sequence, 0, 1, 2, … with no gaps.
        let sequence = chunks.filter { $0.type == "fcTL" || $0.type == "fdAT" }.map { chunk in
            [UInt8](chunk.data.prefix(4)).reduce(0) { $0 << 8 | Int($1) }
        }
        #expect(sequence == Array(0..<sequence.count))
        #expect(chunks.first { $0.type == "IHDR" }?.data == AnimatedPNG.chunks(of: pngs[0])?.first?.data)
    }

    @Test func animatedPNGRefusesFramesOfDifferentSizes() throws {
        let small = try GraphRenderer.render(dot: "digraph { a }", format: .png)
        let large = try GraphRenderer.render(dot: "digraph { a -> b -> c }", format: .png)
        #expect(throws: AnimatedPNG.FrameError.self) {
            try AnimatedPNG.make(frames: [small, large], milliseconds: [100, 100])
        }
        #expect(throws: AnimatedPNG.FrameError.self) {
            try AnimatedPNG.make(frames: [Data("not a png".utf8)], milliseconds: [100])
        }
    }

    /// PNG's checksum: the CRC-32 of `IEND` with no data, as in every PNG file.
    @Test func crcMatchesPNGs() {
        #expect(CRC32.checksum(Array("IEND".utf8), [UInt8]()) == 0xAE42_6082)
        #expect(CRC32.checksum(Array("123456789".utf8), [UInt8]()) == 0xCBF4_3926)
    }

    /// The text trace: one line per forward step and per application of the chain rule, in
    /// the engine's order.
    @Test func traceFollowsTheEngine() throws {
        let frames = try Self.frames("zero-to-hero")
        let lines = BackpropTrace(frames).lines(for: frames.frames())
        #expect(
            Array(lines.prefix(6)) == [
                "forward 1/3  e = a * b = 2.0000 * -3.0000 = -6.0000",
                "forward 2/3  d = e + c = -6.0000 + 10.0000 = 4.0000",
                "forward 3/3  L = d * f = 4.0000 * -2.0000 = -8.0000",
                "backward 1/7  L.grad = 1.0000 (the output)",
                "backward 1/7  d.grad += ∂L/∂d · L.grad = -2.0000 · 1.0000 = -2.0000",
                "backward 1/7  f.grad += ∂L/∂f · L.grad = 4.0000 · 1.0000 = 4.0000",
            ])
        #expect(lines.contains("backward 4/7  a.grad += ∂e/∂a · e.grad = -3.0000 · -2.0000 = 6.0000"))
    }

    /// The neuron's trace has the lecture's step: n.grad += ∂o/∂n · o.grad = 0.5000 · 1.0000.
    @Test func neuronTraceHasTheLecturesStep() throws {
        let frames = try Self.frames("neuron")
        let lines = BackpropTrace(frames).lines(for: frames.backward)
        #expect(lines.contains("backward 1/10  n.grad += ∂o/∂n · o.grad = 0.5000 · 1.0000 = 0.5000"))
    }
}
