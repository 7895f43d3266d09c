import ArgumentParser
import Foundation
import Micrograd
import MicrogradLanguage

/// `micrograd expr`: the graph of a one-line expression.
struct ExprCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expr",
        abstract: "Draw the graph of a one-line expression before and after backward().",
        discussion: """
            The expression uses the language of .mg files: + - * / ^ (or **), parentheses, and the functions \
            relu tanh exp log sigmoid abs softplus pow(x, p). Give every name a value with --set; each becomes an \
            input, and the result is called out. An expression may start with '-', as in "-x^2".

            Examples:
              micrograd expr "tanh(x1*w1 + x2*w2 + b)" --set x1=2,x2=0,w1=-3,w2=1,b=6.8814
              micrograd expr "-x^2" --set x=3
            """
    )

    @Argument(help: "The expression, in quotes.")
    var expression: String

    @Option(
        help: ArgumentHelp(
            "Values of the names, like x1=2,w1=-3 (repeat it to add more: --set x=1 --set w=2).",
            valueName: "name=value,..."))
    var set: [String] = []

    @Option(help: "The base name of the files written.")
    var name: String = "expr"

    @OptionGroup var diagram: DiagramOptions
    @OptionGroup(title: "Teaching") var teaching: TeachingOptions
    @OptionGroup(title: "Slides") var slides: SlideOptions
    @OptionGroup(title: "Big graphs") var view: ViewOptions
    @OptionGroup var layout: LayoutOptions

    mutating func validate() throws {
        guard !name.isEmpty, !name.contains("/") else {
            throw ValidationError("--name must be a file name, not empty and without '/'")
        }
    }

    func run() throws {
        try reportingErrors {
            let inputs = try Self.parseSet(set)
            let network: Network
            do {
                let program = try NetworkProgram(expression: expression, inputs: inputs)
                let unused = inputs.map(\.name).filter { !program.referencedNames.contains($0) }
                guard unused.isEmpty else {
                    let names = unused.map { MessageText.quoted($0) }.joined(separator: ", ")
                    throw CLIError.usage(
                        "--set gives \(names), which the expression does not use; remove \(unused.count == 1 ? "it" : "them") or fix the expression"
                    )
                }
                network = try program.build()
            } catch let error as NetworkFileError {
                throw CLIError.usage(error)
            }
            try SnapshotRun(
                name: name, network: network, options: diagram, teaching: teaching, slides: slides, view: view,
                layout: layout
            ).run()
        }
    }

    /// The options of `expr` (its own and ``DiagramOptions``) that take a value, as typed.
    /// A test checks this list against the options the parser knows.
    static let optionsTakingValues: Set<String> = [
        "--set", "--name", "-o", "--out", "--format", "--stage", "--rankdir", "--theme", "--precision", "--style",
        "--scopes", "--render-limit", "--json-summary-above", "--color", "--color-scale", "--edges", "--tolerance",
        "--dpi", "--scale", "--font-size", "--title", "--fields", "--labels", "--depth", "--expand", "--max-nodes",
        "--focus", "--radius", "--layout", "--names",
    ]
    /// The flags of `expr`: help.
    static let flags: Set<String> = ["-h", "--help"]

    /// The command line with each `expr` argument that starts with `-` but is no option,
    /// such as the expression `-x^2` or `-3*x`, moved behind a `--`, where the parser
    /// takes it as the expression instead of as options `-x`, `-^` and `-2`.
    ///
    /// Options (`--name`, `--name=value`, the short `-o` and `-h`) and the value after an
    /// option that takes one (`--precision -3`) stay where they are, and nothing after a
    /// `--` the user typed moves. Other commands' arguments are returned unchanged.
    ///
    /// - Parameter arguments: The command line without the program's name, starting with `expr`.
    static func movingExpressionsBehindTerminator(_ arguments: [String]) -> [String] {
        guard arguments.first == "expr" else { return arguments }
        var kept = ["expr"]
        var moved: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                index -= 1
                break
            }
            if optionsTakingValues.contains(argument) {
                kept.append(argument)
                if index < arguments.count {
                    kept.append(arguments[index])
                    index += 1
                }
            } else if argument.count > 1, argument.hasPrefix("-"), !flags.contains(argument),
                !looksLikeLongOption(argument)
            {
                moved.append(argument)
            } else {
                kept.append(argument)
            }
        }
        let rest = arguments[index...]
        guard !moved.isEmpty else { return arguments }
        if rest.first == "--" { return kept + ["--"] + moved + rest.dropFirst() }
        return kept + ["--"] + moved
    }

    /// Whether `argument` is written like a long option, `--name` or `--name=value`
    /// (known or not: an unknown one gets the parser's message).
    private static func looksLikeLongOption(_ argument: String) -> Bool {
        guard argument.hasPrefix("--") else { return false }
        let name = argument.dropFirst(2).prefix { $0 != "=" }
        guard let first = name.first, first.isASCII, first.isLetter else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// The `--set` options, each like `x1=2,w1=-3`, as pairs, or a usage error saying which
    /// part is malformed.
    static func parseSet(_ options: [String]) throws(CLIError) -> [(name: String, value: Double)] {
        var pairs: [(name: String, value: Double)] = []
        for text in options where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            try parseSet(text, into: &pairs)
        }
        return pairs
    }

    /// Adds the pairs of one `--set` option to `pairs`.
    private static func parseSet(_ text: String, into pairs: inout [(name: String, value: Double)]) throws(CLIError) {
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2, !name.isEmpty else {
                throw .usage(
                    "malformed --set entry \(MessageText.quoted(piece)); write name=value pairs separated by commas, "
                        + "like x1=2,w1=-3")
            }
            guard name.first.map({ $0.isLetter || $0 == "_" }) == true,
                name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else {
                throw .usage(
                    "\(MessageText.quoted(name)) in --set is not a name; names start with a letter, like x1 or w_2")
            }
            let valueText = parts[1].trimmingCharacters(in: .whitespaces)
            guard let value = Double(valueText), valueText.allSatisfy({ !$0.isLetter || $0 == "e" || $0 == "E" }) else {
                throw .usage(
                    "\(MessageText.quoted(valueText)) in --set \(MessageText.escaped(name))=\(MessageText.escaped(valueText)) "
                        + "is not a number; "
                        + "write it like 2, -3.5 or 1e-4")
            }
            guard value.isFinite else {
                throw .usage(
                    "\(MessageText.quoted(valueText)) in --set \(MessageText.escaped(name))=\(MessageText.escaped(valueText)) "
                        + "is too large for a number (the largest is about 1.8e308); give a finite value")
            }
            guard !pairs.contains(where: { $0.name == name }) else {
                throw .usage("--set gives \(MessageText.quoted(name)) twice; give each name once")
            }
            pairs.append((name, value))
        }
    }
}
