import ArgumentParser
import MicrogradLanguage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure to report to the user: one line of cause and what to do, then an exit code.
struct CLIError: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    let message: String
    /// 64 for a bad command line, 1 for everything else.
    let exitCode: Int32
    /// Whether `message` already starts the way compilers do (`file:line:column: error: …`).
    var isFormatted = false

    /// The command line asked for something that cannot be (exit code 64).
    static func usage(_ message: String) -> CLIError { CLIError(message: message, exitCode: 64) }

    /// An expression given on the command line is malformed (exit code 64).
    static func usage(_ error: NetworkFileError) -> CLIError {
        CLIError(message: error.description, exitCode: 64, isFormatted: true)
    }

    /// Something failed while running (exit code 1).
    static func failure(_ message: String) -> CLIError { CLIError(message: message, exitCode: 1) }

    var description: String { message }
}

/// Runs a command body, turning our errors into a message on standard error and an exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CLIError {
        if error.isFormatted {
            Terminal.standardError(Terminal.escapedLines(error.message) + "\n")
        } else {
            Terminal.error(error.message)
        }
        throw ExitCode(error.exitCode)
    } catch let error as NetworkFileError {
        // Already "file:line:column: error: …", with the user's text escaped.
        Terminal.standardError(error.description + "\n")
        throw ExitCode(1)
    }
}

/// Writing to the terminal.
enum Terminal {
    /// Writes `error: message` to standard error, control characters escaped.
    static func error(_ message: String) {
        standardError("error: " + escapedLines(message) + "\n")
    }

    /// Writes `warning: message` to standard error, control characters escaped.
    static func warning(_ message: String) {
        standardError("warning: " + escapedLines(message) + "\n")
    }

    /// `text` with the control characters of each line escaped (`\u{1B}`), its line breaks
    /// kept: a message that quotes a file name or value cannot drive the terminal.
    static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { MessageText.escaped($0) }
            .joined(separator: "\n")
    }

    /// Writes text to standard error.
    static func standardError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }

    /// Whether standard output is a terminal (rather than a pipe or file).
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
