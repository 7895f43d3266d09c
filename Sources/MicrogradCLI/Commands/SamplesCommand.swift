import ArgumentParser
import MicrogradLanguage

/// `micrograd samples`: the built-in networks.
struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "List the built-in sample networks, with a line on each.",
        discussion:
            "Draw one with `micrograd snapshot <name>`. The .mg files are in the Samples/ directory of the repository."
    )

    @Flag(help: "Print only the names, one per line (for scripts).")
    var names = false

    func run() throws {
        let width = SampleCatalogue.all.map(\.name.count).max() ?? 0
        for sample in SampleCatalogue.all {
            if names {
                print(sample.name)
            } else {
                print(sample.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + sample.summary)
            }
        }
    }
}
