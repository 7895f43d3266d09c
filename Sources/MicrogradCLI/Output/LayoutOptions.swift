import ArgumentParser
import MicrogradViz

/// `--layout`: which Graphviz layout draws the diagram. Shared by `snapshot` and `expr`.
struct LayoutOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The Graphviz layout: dot (layered, inputs to output), sfdp or neato (force-directed). "
                + "(default: dot, with settings for speed above \(LayoutPlan.tuningThreshold) nodes; "
                + "--layout dot keeps Graphviz's defaults at any size)",
            valueName: "dot|sfdp|neato"))
    var layout: LayoutPlan.Engine?
}

extension LayoutPlan.Engine: ExpressibleByArgument {}
