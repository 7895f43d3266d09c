import ArgumentParser
import Foundation
import MicrogradLanguage

extension MicrogradCommand {
    /// Runs the command line, as `ParsableCommand.main()` does, with two differences:
    /// an `expr` expression that starts with `-` (`-x^2`) reaches the command as its
    /// expression (see ``ExprCommand/movingExpressionsBehindTerminator(_:)``), and the
    /// parser's messages, which quote what the user typed, have their control characters
    /// escaped before they reach the terminal.
    static func main() {
        let arguments = ExprCommand.movingExpressionsBehindTerminator(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let text = Terminal.escapedLines(message) + "\n"
                if code == .success {
                    print(text, terminator: "")
                } else {
                    Terminal.standardError(text)
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
