import ArgumentParser
import MicrogradViz

/// `--names short|full`: how named values are titled in diagrams.
struct NameOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How named values are titled: short (weight) or full, with their module scope (mlp/layer0/weight).",
            valueName: "style"))
    var names: DOTOptions.Names = .short
}

extension DOTOptions.Names: ExpressibleByArgument {}
