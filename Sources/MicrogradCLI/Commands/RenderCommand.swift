import ArgumentParser
import Foundation
import MicrogradViz

/// `micrograd render`: any DOT file through libgvc.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a Graphviz DOT file to SVG, PNG or PDF in this process (no `dot` program needed).",
        discussion: "Example:\n  micrograd render out/neuron-after.dot --format png"
    )

    @Argument(help: "The DOT file.")
    var file: String

    @Option(help: "The image format: svg, png or pdf.")
    var format: RenderFormat = .svg

    @Option(
        name: .shortAndLong,
        help: "Where to write the image (default: the DOT file's name with the format's extension).")
    var out: String?

    @Option(help: "The Graphviz layout engine.")
    var layout: String = "dot"

    func run() throws {
        try reportingErrors {
            let input = URL(fileURLWithPath: file)
            guard let data = FileManager.default.contents(atPath: file), let dot = String(data: data, encoding: .utf8)
            else {
                let reason =
                    FileManager.default.fileExists(atPath: file) ? "it cannot be read as UTF-8 text" : "no such file"
                throw CLIError.failure("cannot read '\(file)': \(reason); check the path")
            }
            let output =
                out.map { URL(fileURLWithPath: $0) }
                ?? input.deletingPathExtension().appendingPathExtension(format.fileExtension)
            let image: Data
            do {
                image = try GraphRenderer.render(dot: dot, format: format, layout: layout)
            } catch let error as RenderError {
                throw CLIError.failure("\(file): \(error.message)")
            }
            do throws(FileWriteError) {
                try AtomicFile.write(image, to: output)
            } catch {
                throw CLIError.failure(error.description)
            }
            print("wrote " + output.relativePath)
        }
    }
}

extension RenderFormat: ExpressibleByArgument {}
