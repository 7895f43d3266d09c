import ArgumentParser
import Foundation
import MicrogradViz

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `micrograd render`: any DOT file through libgvc.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a Graphviz DOT file to SVG, PNG or PDF (no `dot` program needed).",
        discussion: """
            The file is treated as untrusted: attributes that read local files (image, shapefile, imagepath, \
            fontpath, stylesheet, <IMG> in HTML labels) and links that are not plain http(s), mailto or ftp \
            addresses are refused, and so are files over 16 MB, tokens over 16,384 bytes, more than 600 dpi and \
            drawings over 32,767 pixels a side or 100 million pixels; a render that takes over a minute or 2 GiB \
            is stopped. --allow-unsafe-dot lifts all of this for a file you trust.

            With - as the file, the DOT is read from standard input, and --out says where the image goes.

            Examples:
              micrograd render out/neuron-after.dot --format png
              micrograd render out/neuron-after.dot --out - > neuron-after.svg
              micrograd snapshot neuron --stage after --format dot --out - \\
                | micrograd render - --out neuron.svg
            """
    )

    /// The layout engines offered on the command line.
    enum Layout: String, CaseIterable, ExpressibleByArgument {
        /// Layered, for directed graphs such as computation graphs.
        case dot
        /// Force-directed, scalable to big graphs.
        case sfdp
        /// Spring model, for small undirected graphs.
        case neato
    }

    @Argument(help: "The DOT file, or - to read it from standard input.")
    var file: String

    /// Whether the DOT comes from standard input.
    private var readsStandardInput: Bool { file == "-" }

    /// How messages name the input.
    private var inputName: String { readsStandardInput ? "standard input" : file }

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "The image format: svg, png or pdf (default: the extension of --out's file, else svg).",
            valueName: "format"))
    var requestedFormat: RenderFormat?

    /// The format to write: the one asked for, else the one --out's file name ends with, else SVG.
    var format: RenderFormat {
        requestedFormat ?? outFormat ?? .svg
    }

    /// The image format --out's file name ends with, if it is one (`.svg`, `.png`, `.pdf`).
    private var outFormat: RenderFormat? {
        guard let out, out != "-" else { return nil }
        let ending = URL(fileURLWithPath: out).pathExtension.lowercased()
        return RenderFormat.allCases.first { $0.fileExtension == ending }
    }

    @Option(
        name: .shortAndLong,
        help:
            "Where to write the image (default: the DOT file's name with the format's extension); with -, it goes to standard output."
    )
    var out: String?

    @Option(help: "The Graphviz layout engine: dot (layered), sfdp (force-directed, for big graphs) or neato.")
    var layout: Layout = .dot

    @Flag(
        help: """
            Trust the DOT file: allow attributes that read local files and links of any kind, and lift the size, \
            time and memory limits. Only for files you wrote or trust.
            """)
    var allowUnsafeDot = false

    func validate() throws {
        if let requestedFormat, let outFormat, requestedFormat != outFormat, let out {
            throw ValidationError(
                "--out \(out) ends in .\(outFormat.fileExtension) but --format is \(requestedFormat.rawValue); "
                    + "make them agree, or leave out --format")
        }
    }

    func run() throws {
        try reportingErrors {
            OutputTransaction.undoOnInterrupt()
            var options = allowUnsafeDot ? RenderOptions.trusted : RenderOptions()
            options.layout = layout.rawValue
            let input = URL(fileURLWithPath: readsStandardInput ? "graph" : file)
            let toStandardOutput = StandardOutput.isRequested(out)
            if toStandardOutput {
                try StandardOutput.checkTerminal(
                    formatName: format.rawValue, isBinary: format != .svg,
                    fileName: input.deletingPathExtension().lastPathComponent + "." + format.fileExtension)
            }
            if readsStandardInput && out == nil {
                throw CLIError.usage(
                    "the DOT comes from standard input, so the image has no name to take: give one with --out "
                        + "(for example --out graph.\(format.fileExtension)), or --out - for standard output")
            }
            let limit = allowUnsafeDot ? nil : options.limits.maximumInputBytes
            let dot = try readsStandardInput ? readStandardInput(limit: limit) : readInput(limit: limit)
            let output =
                out.map { URL(fileURLWithPath: $0) }
                ?? input.deletingPathExtension().appendingPathExtension(format.fileExtension)
            if !toStandardOutput && !readsStandardInput && Self.isSameFile(input, output) {
                throw CLIError.usage(
                    "the image would overwrite its own input '\(file)'; give another path with --out (for example "
                        + "--out \(input.deletingPathExtension().lastPathComponent).\(format.fileExtension))")
            }
            let image: Data
            do {
                image = try GraphRenderer.render(dot: dot, format: format, options: options)
            } catch let error as RenderError {
                var message = "\(inputName): \(error.message)"
                if error.kind == .unsafeInput || error.kind == .tooLarge {
                    message += "; if you trust this DOT, pass --allow-unsafe-dot"
                }
                throw CLIError.failure(message)
            }
            if toStandardOutput {
                try StandardOutput.write(image)
                return
            }
            do throws(FileWriteError) {
                try AtomicFile.write(image, to: output)
            } catch {
                throw CLIError.failure(error.description)
            }
            print("wrote " + output.relativePath)
        }
    }

    /// The DOT file's text, refused before reading when it is over `limit` bytes.
    private func readInput(limit: Int?) throws -> String {
        var status = stat()
        guard stat(file, &status) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw CLIError.failure("cannot read '\(file)': \(reason); check the path")
        }
        guard (status.st_mode & S_IFMT) != S_IFDIR else {
            throw CLIError.failure("cannot read '\(file)': it is a directory; give a DOT file")
        }
        if let limit, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) > limit {
            throw CLIError.failure(
                "'\(file)' is \(status.st_size) bytes, over the limit of \(limit) bytes for DOT that is not "
                    + "trusted; if you trust this file, pass --allow-unsafe-dot")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError.failure("cannot read '\(file)': permission denied or not a regular file; check the path")
        }
        return try Self.dotText(data, limit: limit, name: "'\(file)'")
    }

    /// The DOT text on standard input, refused as soon as it is over `limit` bytes.
    private func readStandardInput(limit: Int?) throws -> String {
        if isatty(STDIN_FILENO) != 0 {
            FileHandle.standardError.write(Data("reading DOT from standard input (end it with Ctrl-D)\n".utf8))
        }
        var data = Data()
        while let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
            data.append(chunk)
            // Checked as it arrives, so that an endless stream is refused without being held.
            if let limit, data.count > limit { break }
        }
        return try Self.dotText(data, limit: limit, name: "standard input")
    }

    /// `data` as DOT text, refused when it is over `limit` bytes or not UTF-8; `name` is
    /// how messages name where it came from.
    private static func dotText(_ data: Data, limit: Int?, name: String) throws -> String {
        if let limit, data.count > limit {
            throw CLIError.failure(
                "\(name) is over the limit of \(limit) bytes for DOT that is not trusted; if you trust it, pass "
                    + "--allow-unsafe-dot")
        }
        guard let dot = String(data: data, encoding: .utf8) else {
            throw CLIError.failure("cannot read \(name): it cannot be read as UTF-8 text; save it as UTF-8")
        }
        return dot
    }

    /// Whether two paths name one file: the same path after resolving symbolic links, or the same
    /// file (device and inode) when the output already exists, as a hard link would.
    static func isSameFile(_ a: URL, _ b: URL) -> Bool {
        if a.standardizedFileURL.resolvingSymlinksInPath().path == b.standardizedFileURL.resolvingSymlinksInPath().path
        {
            return true
        }
        var first = stat()
        var second = stat()
        guard stat(a.path, &first) == 0, stat(b.path, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}

extension RenderFormat: ExpressibleByArgument {}
