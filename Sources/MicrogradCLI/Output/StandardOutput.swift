import Foundation
import MicrogradLanguage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--out -`: one file written to standard output instead of into a directory, so that it pipes
/// into `dot`, `jq` or a Markdown file.
///
/// The file is made in memory first and written at the end, so a run that fails writes nothing to
/// standard output; what the command would otherwise print (the table, notes) goes to standard error.
enum StandardOutput {
    /// The `--out` value that means standard output.
    static let path = "-"

    /// Whether the `--out` value `out` asks for standard output.
    static func isRequested(_ out: String?) -> Bool { out == path }

    /// Checks that a `snapshot` or `expr` run makes exactly one file, and that a binary one is not
    /// about to be written to a terminal.
    ///
    /// - Parameters:
    ///   - baseName: The network's name, as the files would be named (`neuron`).
    ///   - formats: The formats asked for.
    ///   - stage: The snapshots asked for.
    /// - Throws: ``CLIError`` (a usage error, exit code 64) naming the files the run would make and
    ///   what to add to the command line.
    static func checkOneFile(baseName: String, formats: [OutputFormat], stage: Stage) throws(CLIError) {
        let stages: [Stage] = stage == .both ? [.before, .after] : [stage]
        guard stages.count == 1, formats.count == 1 else {
            let names = stages.flatMap { stage in
                formats.map { baseName + "-" + stage.rawValue + "." + $0.fileExtension }
            }
            var fixes: [String] = []
            if stages.count > 1 { fixes.append("add --stage after (or --stage before)") }
            if formats.count > 1 {
                let suggested = formats.contains(.dot) ? OutputFormat.dot : formats[0]
                fixes.append("give one format, like --format \(suggested.rawValue)")
            }
            throw .usage(
                "--out - writes one file to standard output, but this run makes \(names.count) ("
                    + names.joined(separator: ", ") + "); " + fixes.joined(separator: " and ")
                    + ", or give a directory with --out to write them all")
        }
        let format = formats[0]
        try checkTerminal(
            formatName: format.rawValue, isBinary: format == .png || format == .pdf,
            fileName: baseName + "-" + stages[0].rawValue + "." + format.fileExtension)
    }

    /// Refuses to write a binary file (PNG, PDF) to a terminal, where it would show as garbage and
    /// could drive the terminal; to a pipe or a file it goes.
    ///
    /// - Parameters:
    ///   - formatName: The format as the user names it (`png`).
    ///   - isBinary: Whether the file is binary.
    ///   - fileName: A name to suggest redirecting to.
    /// - Throws: ``CLIError`` (a usage error, exit code 64) saying how to redirect it.
    static func checkTerminal(formatName: String, isBinary: Bool, fileName: String) throws(CLIError) {
        guard isBinary, Terminal.outputIsTerminal else { return }
        throw .usage(
            "--out - would write \(formatName), a binary format, to the terminal; redirect it to a file "
                + "(> \(MessageText.escaped(fileName))) or pipe it into another program, or give --out a path "
                + "instead of -")
    }

    /// The error for a command that writes several files into a directory, given `--out -`.
    static let refusedForDirectory = CLIError.usage(
        "--out - (standard output) takes one file, which `snapshot` and `expr` write with one --stage and "
            + "one --format, and `render` always; this command writes its files into a directory, so give one "
            + "with --out, like --out out")

    /// Writes `data` to standard output, all of it, after anything already printed.
    ///
    /// - Throws: ``CLIError`` with the system's reason when standard output cannot take it (a full
    ///   disk, a closed descriptor).
    static func write(_ data: Data) throws(CLIError) {
        fflush(nil)  // whatever print() buffered goes first
        if let failure = writeAll(data, to: STDOUT_FILENO) {
            throw .failure("cannot write to standard output: \(String(cString: strerror(failure)))")
        }
    }
}

/// Writes every byte of `data` to `descriptor`, retrying after interruptions.
///
/// - Returns: `nil`, or the `errno` of the write that failed.
private func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
    data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
