import Foundation
import MicrogradTestSupport
import Testing

/// Shell completions and the version, as swift-argument-parser generates them from the commands' help.
@Suite("Completions and version")
struct CompletionAndManualTests {
    static let subcommands = ["samples", "snapshot", "expr", "train", "render", "diagrams"]

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameEveryCommand(shell: String) throws {
        let result = try micrograd(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.standardError)")
        let script = result.standardOutput
        for command in Self.subcommands { #expect(script.contains(command), "\(shell) completes \(command)") }
        for option in ["--stage", "--theme", "--rankdir", "--check"] {
            #expect(script.contains(String(option.dropFirst(2))), "\(shell) completes \(option)")
        }
        switch shell {
        case "bash":
            #expect(script.contains("complete -o filenames -F _micrograd micrograd"))
        case "zsh": #expect(script.hasPrefix("#compdef micrograd"))
        default: #expect(script.contains("complete -c 'micrograd'"))
        }
    }

    @Test func theBashScriptIsValidBash() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("micrograd.bash")
        try Data(try micrograd(["--generate-completion-script", "bash"]).standardOutput.utf8).write(to: script)
        let check = try run(URL(fileURLWithPath: "/bin/bash"), ["-n", script.path])
        #expect(check.status == 0, "\(check.standardError)")
        // Sourcing it defines the completion function.
        let sourced = try run(
            URL(fileURLWithPath: "/bin/bash"), ["-c", "source '\(script.path)' && declare -F _micrograd"])
        #expect(sourced.status == 0 && sourced.standardOutput.contains("_micrograd"), "\(sourced.standardError)")
    }

    @Test func theVersionIsTheLibrarys() throws {
        let result = try micrograd(["--version"])
        #expect(result.status == 0)
        let source = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Sources/Micrograd/MicrogradRelease.swift"),
            encoding: .utf8)
        let version = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!version.isEmpty && source.contains("\"\(version)\""))
        #expect(version.split(separator: ".").count == 3)
    }
}
