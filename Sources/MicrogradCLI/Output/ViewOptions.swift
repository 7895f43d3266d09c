import ArgumentParser
import Micrograd
import MicrogradLanguage

/// The options that make a big graph's diagram readable: collapse scopes, roll
/// repeats, focus on one value, and the node budget above which the diagram is
/// collapsed automatically. Shared by `snapshot`, `expr` and `train`.
struct ViewOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Draw each scope nested deeper than N as one box: 2 shows every neuron as a box, 1 every layer, 0 the "
                + "whole model; all draws every value. (default: every value, collapsed automatically above --max-nodes)",
            valueName: "n|all"))
    var depth: DepthChoice?

    @Option(
        help: ArgumentHelp(
            "Keep this scope open in a collapsed diagram, such as mlp/layer1 (repeatable).", valueName: "scope"))
    var expand: [String] = []

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The most nodes a diagram lays out (and twice as many edges); above it, scopes are collapsed to the "
                + "deepest depth that fits (none: never collapse). Operations drawn as their own nodes count.",
            valueName: "n|none"))
    var maxNodes: NodeLimit = .limit(Self.defaultMaxNodes)

    @Flag(help: "Roll repeated identical structure into one box × n, such as the 16 neurons of a layer.")
    var roll = false

    @Option(
        help: ArgumentHelp(
            "Draw only the values near this one: a name (loss), a scope path and name (mlp/layer0/neuron1/w0), "
                + "a node id, or a scope (mlp/layer1).",
            valueName: "value"))
    var focus: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "How many steps from --focus to draw, towards inputs and towards the output (all: every one).",
            valueName: "k|all"))
    var radius: RadiusChoice?

    /// The node budget when none is given.
    static let defaultMaxNodes = 150
    /// The steps drawn around a focus when no radius is given.
    static let defaultRadius = 3

    /// `--depth 2` or `--depth all`.
    enum DepthChoice: ExpressibleByArgument, Equatable {
        case levels(Int)
        case all

        init?(argument: String) {
            if argument.lowercased() == "all" {
                self = .all
            } else if let levels = Int(argument) {
                self = .levels(levels)
            } else {
                return nil
            }
        }

        static var allValueStrings: [String] { ["0", "1", "2", "…", "all"] }
    }

    /// `--max-nodes 150` or `--max-nodes none`.
    enum NodeLimit: ExpressibleByArgument, Equatable {
        case limit(Int)
        case none

        init?(argument: String) {
            if argument.lowercased() == "none" {
                self = .none
            } else if let limit = Int(argument) {
                self = .limit(limit)
            } else {
                return nil
            }
        }

        var defaultValueDescription: String {
            switch self {
            case .limit(let limit): String(limit)
            case .none: "none"
            }
        }
    }

    /// `--radius 3` or `--radius all`.
    enum RadiusChoice: ExpressibleByArgument, Equatable {
        case steps(Int)
        case all

        init?(argument: String) {
            if argument.lowercased() == "all" {
                self = .all
            } else if let steps = Int(argument) {
                self = .steps(steps)
            } else {
                return nil
            }
        }
    }

    mutating func validate() throws {
        // The numbers are checked here rather than when parsed, so that the message says what is wrong.
        if case .levels(let levels) = depth, levels < 0 {
            throw ValidationError("--depth must be 0 or more (or all), not \(levels)")
        }
        if case .limit(let limit) = maxNodes, limit < 1 {
            throw ValidationError("--max-nodes must be at least 1 (or none), not \(limit)")
        }
        if case .steps(let steps) = radius, steps < 0 {
            throw ValidationError("--radius must be 0 or more (or all), not \(steps)")
        }
        if radius != nil && focus == nil {
            throw ValidationError("--radius applies to --focus; add --focus NAME or leave out --radius")
        }
        if !expand.isEmpty && depth == .all {
            throw ValidationError("--expand opens scopes in a collapsed diagram; --depth all collapses none")
        }
    }

    /// Whether the user asked for a view rather than the graph node for node.
    var asksForView: Bool { depth != nil || roll || focus != nil || !expand.isEmpty }

    /// The view the options describe for `snapshot`, with names checked against it.
    ///
    /// - Throws: ``CLIError`` (exit code 64) naming a scope or value the graph does not have.
    func viewOptions(for snapshot: GraphSnapshot) throws(CLIError) -> GraphViewOptions {
        let tree = ScopeTree(snapshot)
        let scopePaths = tree.scopes.dropFirst().map(\.path)
        for path in expand where tree.scope(path: path) == nil {
            throw .usage(Self.unknownScope(path, in: scopePaths, option: "--expand"))
        }
        var options = GraphViewOptions(rollsRepeats: roll)
        if case .levels(let levels) = depth { options.depth = levels }
        if !expand.isEmpty && options.depth == nil {
            // Opening scopes means the others are closed: collapse below the top level.
            options.depth = 0
        }
        options.expanded = expand
        if let focus {
            let target = try Self.focusTarget(focus, in: snapshot, tree: tree)
            let steps: Int?
            switch radius ?? .steps(Self.defaultRadius) {
            case .steps(let count): steps = count
            case .all: steps = nil
            }
            options.focus = GraphViewOptions.Focus(target: target, radius: steps)
        }
        return options
    }

    /// The budget, or `nil` when collapsing automatically is off (`--max-nodes none`, or a
    /// depth chosen with `--depth`).
    var automaticBudget: Int? {
        guard depth == nil, case .limit(let limit) = maxNodes else { return nil }
        return limit
    }

    /// What `--focus` names: a value (by id, name or path) or a scope.
    private static func focusTarget(
        _ name: String, in snapshot: GraphSnapshot, tree: ScopeTree
    ) throws(CLIError) -> GraphViewOptions.FocusTarget {
        let ids = snapshot.ids(named: name)
        if ids.count == 1 { return .value(ids[0]) }
        if ids.count > 1 {
            let names = ids.prefix(4).map { snapshot.name(of: $0) }
            throw .usage(
                "--focus \(name) names \(ids.count) values (\(names.joined(separator: ", "))\(ids.count > 4 ? ", …" : "")); "
                    + "give a scope path and name such as \(names[0]), or a node id")
        }
        if tree.scope(path: name) != nil, !name.isEmpty { return .scope(name) }
        var candidates = tree.scopes.dropFirst().map(\.path)
        for index in snapshot.nodes.indices where snapshot.nodes[index].label.map({ !$0.isEmpty }) ?? false {
            candidates.append(snapshot.name(of: index))
        }
        var message = "the graph has no value or scope called '\(name)'"
        if let nearest = Suggestions.nearest(to: name, in: candidates) { message += " (did you mean '\(nearest)'?)" }
        throw .usage(
            message + "; give a value's name (such as \(snapshot.name(of: snapshot.rootID))), "
                + "its scope path and name, a node id from the JSON, or a scope path")
    }

    private static func unknownScope(_ path: String, in paths: [String], option: String) -> String {
        var message = "\(option) \(path): the graph has no such scope"
        if let nearest = Suggestions.nearest(to: path, in: paths) { message += " (did you mean '\(nearest)'?)" }
        if paths.isEmpty { return message + "; this graph has no scopes" }
        return message + "; its scopes are " + paths.prefix(8).joined(separator: ", ") + (paths.count > 8 ? ", …" : "")
    }
}
