import ArgumentParser

/// `train --html`: one page for the whole run.
struct RunViewerOptions: ParsableArguments {
    @Flag(
        help: """
            Also write DIR/<dataset>-run.html, one page for the run to open in a browser: the loss and accuracy \
            per step, a slider over the graph snapshots (--snapshot-every), and the plots.
            """)
    var html = false
}
