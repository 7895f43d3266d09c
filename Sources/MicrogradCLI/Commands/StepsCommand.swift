import ArgumentParser
import Foundation
import Micrograd
import MicrogradLanguage
import MicrogradViz

/// `micrograd steps`: backpropagation frame by frame, for lectures.
struct StepsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steps",
        abstract: "Draw backpropagation step by step: the forward pass, then the backward pass, one frame per step.",
        discussion: """
            The forward pass gets one frame per operation, in the order the values were computed; the backward \
            pass one frame per value, in exactly the order backward() completes their gradients. The step's value \
            is highlighted, dashed boxes are not computed yet, and each edge shows the chain rule once its gradient \
            has flowed. Every frame has the same layout, so stepping through them does not jump.

            Writes DIR/<name>-forward-01.<ext>, …, DIR/<name>-backward-01.<ext>, … for svg, png and dot, and one \
            animated file, DIR/<name>-steps.svg (animated-svg) or DIR/<name>-steps.png (apng), for slides; html \
            writes DIR/<name>-steps.html, one page to explore in a browser with a slider per pass.

            Examples:
              micrograd steps zero-to-hero --trace
              micrograd steps neuron --pass backward --format png,apng --theme slide
              micrograd steps --expr "tanh(x*w + b)" --set x=2,w=-3,b=6.8814
            """
    )

    /// Which passes to draw.
    enum Pass: String, CaseIterable, ExpressibleByArgument {
        case forward, backward, both

        var passes: Set<BackpropFrames.Frame.Pass> {
            switch self {
            case .forward: [.forward]
            case .backward: [.backward]
            case .both: [.forward, .backward]
            }
        }
    }

    /// A file format `steps` writes.
    enum Format: String, CaseIterable {
        case svg, png, dot
        case animatedSVG = "animated-svg"
        case apng
        case html
    }

    @Argument(
        help: ArgumentHelp(
            "A sample name (see `micrograd samples`) or the path of a .mg file; or use --expr.", valueName: "network"))
    var network: String?

    @Option(
        help: ArgumentHelp(
            "A one-line expression to step through instead, like \"tanh(x*w + b)\".", valueName: "expression"))
    var expr: String?

    @Option(
        help: ArgumentHelp(
            "With --expr, the values of its names, like x=2,w=-3 (repeat it to add more).", valueName: "name=value,..."
        ))
    var set: [String] = []

    @Option(help: "The base name of the files written (the network's name, or expr).")
    var name: String?

    @Option(help: "Which pass to draw: forward, backward or both.")
    var pass: Pass = .both

    @Option(
        help: ArgumentHelp(
            "Formats, separated by commas: svg, png and dot (a file per frame), animated-svg and apng (one animated file), html (one page with a slider).",
            valueName: "formats"))
    var format: String = "svg,animated-svg"

    @Option(name: .shortAndLong, help: "The directory to write into; created if missing.")
    var out: String = "out"

    @Flag(help: "Print the steps as text: one line per operation and per application of the chain rule.")
    var trace = false

    @Option(help: "What edges say: chain (local derivative, then the product that flows), grad or plain.")
    var edges: EdgeLabels = .chain

    @Option(help: "Direction of the diagram: LR (left to right) or TB (top to bottom).")
    var rankdir: RankDirection = .leftToRight

    @Option(help: "Colours of the diagram.")
    var theme: Theme = .light

    @Option(parsing: .unconditional, help: "Digits after the decimal point (0-12).")
    var precision: Int = 4

    @Option(
        parsing: .unconditional,
        help: "How long each frame of an animation shows, in seconds (the last one three times as long).")
    var seconds: Double = 1.5

    @OptionGroup(title: "Slides") var slides: SlideOptions

    /// The most values `steps` draws: one frame each, and one per operation.
    static let valueLimit = 200

    mutating func validate() throws {
        try validateOut(out)
        guard (network == nil) != (expr == nil) else {
            throw ValidationError(
                network == nil
                    ? "give a network (a sample name or a .mg file) or --expr \"...\" to step through"
                    : "give either a network or --expr, not both")
        }
        if expr == nil && !set.isEmpty { throw ValidationError("--set gives values to --expr's names; add --expr") }
        guard (0...12).contains(precision) else {
            throw ValidationError("--precision must be between 0 and 12, not \(precision)")
        }
        guard seconds >= 0.05 && seconds <= 60 else {
            throw ValidationError("--seconds must be between 0.05 and 60, not \(seconds)")
        }
        if let name, name.isEmpty || name.contains("/") {
            throw ValidationError("--name must be a file name, not empty and without '/'")
        }
        _ = try Self.parseFormats(format)
    }

    /// `svg,apng` as formats, or an error naming the one that is not known.
    static func parseFormats(_ text: String) throws -> [Format] {
        var formats: [Format] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let word = piece.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = Format(rawValue: word) else {
                var message = "unknown format '\(word)' for steps"
                if let nearest = Suggestions.nearest(to: word, in: Format.allCases.map(\.rawValue)) {
                    message += " (did you mean '\(nearest)'?)"
                }
                throw ValidationError(
                    message + "; formats are " + Format.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }

    func run() throws {
        try reportingErrors {
            let (defaultName, built) = try buildNetwork()
            try StepsRun(command: self, name: name ?? defaultName, network: built).run()
        }
    }

    /// The network named on the command line, or the expression's.
    private func buildNetwork() throws -> (String, Network) {
        if let network { return try SnapshotCommand.build(network) }
        let inputs = try ExprCommand.parseSet(set)
        do {
            let program = try NetworkProgram(expression: expr ?? "", inputs: inputs)
            let unused = inputs.map(\.name).filter { !program.referencedNames.contains($0) }
            guard unused.isEmpty else {
                throw CLIError.usage(
                    "--set gives " + unused.map { "'\($0)'" }.joined(separator: ", ")
                        + ", which the expression does not use; remove it or fix the expression")
            }
            return ("expr", try program.build())
        } catch let error as NetworkFileError {
            throw CLIError.usage(error)
        }
    }
}

/// Builds one network's frames, writes them, and prints what it did.
struct StepsRun {
    let command: StepsCommand
    let name: String
    let network: Network

    func run() throws {
        let directory = try SnapshotExporter.prepare(directory: command.out)
        let formats = (try? StepsCommand.parseFormats(command.format)) ?? []
        network.output.backward()
        let snapshot = network.output.snapshot().disambiguatingLabels(command.slides.labels)
        guard snapshot.nodes.count <= StepsCommand.valueLimit else {
            throw CLIError.failure(
                "steps draws a frame per value and per operation, and \(name) has \(snapshot.nodes.count) values, more "
                    + "than \(StepsCommand.valueLimit); step through a smaller network (neuron, zero-to-hero, readme)")
        }
        let frames = BackpropFrames(snapshot, backwardOrder: network.output.backwardOrder())
        let selected = frames.frames(of: command.pass.passes)
        let names = ValueNames(snapshot)
        let options = command.slides.applied(
            to: DOTOptions(precision: command.precision, rankDirection: command.rankdir, theme: command.theme))
        if command.trace {
            let trace = BackpropTrace(frames, names: names, format: options.numberFormat)
            for line in trace.lines(for: selected) { print(line) }
            print()
        }
        guard !selected.isEmpty else {
            Terminal.warning("\(name) has no operations, so its forward pass has no frames")
            return
        }
        let animation = BackpropAnimation(frames, options: options, edges: command.edges, names: names)
        var images: [RenderFormat] = []
        if formats.contains(.svg) || formats.contains(.animatedSVG) { images.append(.svg) }
        if formats.contains(.png) || formats.contains(.apng) { images.append(.png) }
        let drawings: [RenderFormat: [Data]]
        do {
            drawings = try animation.render(
                selected, formats: images, dotsPerInch: command.slides.pngDotsPerInch)
        } catch let error as RenderError {
            throw CLIError.failure(error.message)
        }
        let finish = ImageFinish(slides: command.slides, theme: command.theme)
        let digits = max(2, String(max(frames.forward.count, frames.backward.count)).count)
        var files: [SnapshotExporter.PendingFile] = []
        for format in formats {
            switch format {
            case .svg, .png, .dot:
                for (index, frame) in selected.enumerated() {
                    let number =
                        String(repeating: "0", count: max(0, digits - String(frame.step).count)) + String(frame.step)
                    let url = directory.appendingPathComponent(
                        "\(name)-\(frame.pass.rawValue)-\(number).\(format.rawValue)")
                    let data: Data
                    switch format {
                    case .dot: data = Data(animation.dot(for: frame).utf8)
                    case .svg:
                        data = finish.image(
                            drawings[.svg]![index], format: .svg, title: title(for: frame, in: animation),
                            description: description(of: frame, in: animation))
                    default: data = drawings[.png]![index]
                    }
                    files.append(SnapshotExporter.PendingFile(url: url, data: data))
                }
            case .animatedSVG:
                let presentation = SVGPresentation(
                    title: command.slides.title ?? "\(name): backpropagation step by step",
                    description: animationDescription(selected, in: animation), theme: command.theme,
                    scale: command.slides.scale)
                files.append(
                    SnapshotExporter.PendingFile(
                        url: directory.appendingPathComponent("\(name)-steps.svg"),
                        data: AnimatedSVG.make(
                            frames: drawings[.svg]!, milliseconds: durations(selected.count), presentation: presentation
                        )))
            case .html:
                let page = try StepsPage.html(
                    frames, selected: selected, title: command.slides.title ?? "\(name): backpropagation step by step",
                    diagram: options, names: names)
                files.append(
                    SnapshotExporter.PendingFile(
                        url: directory.appendingPathComponent("\(name)-steps.html"), data: Data(page.utf8)))
            case .apng:
                do throws(AnimatedPNG.FrameError) {
                    files.append(
                        SnapshotExporter.PendingFile(
                            url: directory.appendingPathComponent("\(name)-steps.png"),
                            data: try AnimatedPNG.make(frames: drawings[.png]!, milliseconds: durations(selected.count))
                        ))
                } catch {
                    throw CLIError.failure("cannot make the animated PNG: \(error.description)")
                }
            }
        }
        for path in try SnapshotExporter.write(files) { print("wrote " + path) }
    }

    /// Each frame's time in an animation: the last one held three times as long.
    private func durations(_ count: Int) -> [Int] {
        let each = Int((command.seconds * 1000).rounded())
        return (0..<count).map { $0 == count - 1 ? each * 3 : each }
    }

    /// A frame's accessible title: its caption.
    private func title(for frame: BackpropFrames.Frame, in animation: BackpropAnimation) -> String {
        "\(name), " + animation.caption(for: frame)
    }

    /// A frame's description.
    private func description(of frame: BackpropFrames.Frame, in animation: BackpropAnimation) -> String {
        let pass = frame.pass == .forward ? "the forward pass" : "the backward pass"
        return "Step \(frame.step) of \(pass) through the computation graph of \(name): "
            + animation.caption(for: frame) + ". The step's value is highlighted; dashed boxes are not computed yet."
    }

    /// The animation's description: what it shows, and its steps.
    private func animationDescription(_ selected: [BackpropFrames.Frame], in animation: BackpropAnimation) -> String {
        "Backpropagation through the computation graph of \(name), one frame per step: "
            + selected.map { animation.caption(for: $0) }.joined(separator: "; ") + "."
    }
}
