import ArgumentParser
import Micrograd

/// `micrograd`: draw, differentiate and train the networks of Micrograd from the command line.
@main
struct MicrogradCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "micrograd",
        abstract: "See backpropagation: build networks, draw their graphs before and after backward(), and train them.",
        discussion: """
            Results go to standard output and files; messages go to standard error.

            Exit codes: 0 success; 64 a bad command line (an unknown option, sample, format, theme or value, a \
            malformed --set or expression); 1 anything else that failed (a missing or malformed file, a directory \
            that cannot be written, a Graphviz error).
            """,
        version: MicrogradRelease.version,
        subcommands: [
            SamplesCommand.self, SnapshotCommand.self, ExprCommand.self, StepsCommand.self, TrainCommand.self,
            DiagnoseCommand.self, RenderCommand.self, DiffCommand.self, DiagramsCommand.self,
        ]
    )
}
