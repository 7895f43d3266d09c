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
            relu tanh exp log sigmoid pow(x, p). Give every name a value with --set; each becomes an input, and \
            the result is called out.

            Example:
              micrograd expr "tanh(x1*w1 + x2*w2 + b)" --set x1=2,x2=0,w1=-3,w2=1,b=6.8814
            """
    )

    @Argument(help: "The expression, in quotes.")
    var expression: String

    @Option(help: ArgumentHelp("Values of the names, like x1=2,w1=-3.", valueName: "name=value,..."))
    var set: String = ""

    @Option(help: "The base name of the files written.")
    var name: String = "expr"

    @OptionGroup var diagram: DiagramOptions
    @OptionGroup(title: "Big graphs") var view: ViewOptions
    @OptionGroup var layout: LayoutOptions

    mutating func validate() throws {
        guard !name.isEmpty, !name.contains("/") else {
            throw ValidationError("--name must be a file name without '/'")
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
                    let names = unused.map { "'\($0)'" }.joined(separator: ", ")
                    throw CLIError.usage(
                        "--set gives \(names), which the expression does not use; remove \(unused.count == 1 ? "it" : "them") or fix the expression"
                    )
                }
                network = try program.build()
            } catch let error as NetworkFileError {
                throw CLIError.usage(error)
            }
            try SnapshotRun(name: name, network: network, options: diagram, view: view, layout: layout).run()
        }
    }

    /// `x1=2,w1=-3` as pairs, or a usage error saying which part is malformed.
    static func parseSet(_ text: String) throws(CLIError) -> [(name: String, value: Double)] {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        var pairs: [(name: String, value: Double)] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2, !name.isEmpty else {
                throw .usage(
                    "malformed --set entry '\(piece)'; write name=value pairs separated by commas, like x1=2,w1=-3")
            }
            guard name.first.map({ $0.isLetter || $0 == "_" }) == true,
                name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else {
                throw .usage("'\(name)' in --set is not a name; names start with a letter, like x1 or w_2")
            }
            let valueText = parts[1].trimmingCharacters(in: .whitespaces)
            guard let value = Double(valueText), valueText.allSatisfy({ !$0.isLetter || $0 == "e" || $0 == "E" }) else {
                throw .usage(
                    "'\(valueText)' in --set \(name)=\(valueText) is not a number; write it like 2, -3.5 or 1e-4")
            }
            guard !pairs.contains(where: { $0.name == name }) else {
                throw .usage("--set gives '\(name)' twice; give each name once")
            }
            pairs.append((name, value))
        }
        return pairs
    }
}
