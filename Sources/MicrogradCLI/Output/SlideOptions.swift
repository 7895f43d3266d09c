import ArgumentParser
import Micrograd
import MicrogradViz

/// The options for diagrams made for slides and pages, which snapshot, expr and steps share.
struct SlideOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("The resolution of PNG images, in dots per inch (Graphviz's is 96).", valueName: "n"))
    var dpi: Double?

    @Option(
        parsing: .unconditional,
        help: "How much larger to draw: SVG's displayed size and PNG's pixels (1.5 draws half as big again).")
    var scale: Double = 1

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The size of the text in value boxes, in points (11; 16 with --theme slide).", valueName: "pt"))
    var fontSize: Double?

    @Flag(help: "Leave out the key to the colours.")
    var noKey = false

    @Option(help: "A title above the diagram, also the SVG's accessible title.")
    var title: String?

    @Option(
        help: ArgumentHelp("What each value's box shows, separated by commas: label, data, grad.", valueName: "fields"))
    var fields: String = "label,data,grad"

    @Flag(help: "Draw on a transparent background instead of the theme's colour.")
    var transparent = false

    @Option(help: "Tell repeated labels apart: keep, primes (c, c′, c″) or subscripts (c₁, c₂, c₃).")
    var labels: DuplicateLabels = .keep

    @Flag(help: "Show constants' gradients too (hidden unless asked: nothing can change a constant).")
    var constantGrads = false

    mutating func validate() throws {
        if let dpi, !(dpi >= 10 && dpi <= 2400) {
            throw ValidationError("--dpi must be between 10 and 2400, not \(NumberFormat(precision: 0).format(dpi))")
        }
        guard scale >= 0.1 && scale <= 20 else {
            throw ValidationError("--scale must be between 0.1 and 20, not \(scale)")
        }
        if let fontSize, !(fontSize >= 4 && fontSize <= 96) {
            throw ValidationError("--font-size must be between 4 and 96 points, not \(fontSize)")
        }
        _ = try Self.parseFields(fields)
    }

    /// `label,data,grad` as fields, or an error naming the unknown one.
    static func parseFields(_ text: String) throws -> NodeFields {
        let known: [String: NodeFields] = ["label": .label, "data": .data, "grad": .grad]
        var fields: NodeFields = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = piece.trimmingCharacters(in: .whitespaces).lowercased()
            guard let field = known[name] else {
                throw ValidationError("unknown field '\(name)' in --fields; the fields are label, data and grad")
            }
            fields.insert(field)
        }
        return fields
    }

    /// The PNG resolution these options ask for, or `nil` for Graphviz's.
    var pngDotsPerInch: Double? {
        dpi == nil && scale == 1 ? nil : (dpi ?? PNGResolution.standard) * scale
    }

    /// `options` with these options applied.
    func applied(to options: DOTOptions) -> DOTOptions {
        var options = options
        options.fontSize = fontSize
        options.showsLegend = !noKey
        options.title = title
        options.fields = (try? Self.parseFields(fields)) ?? .all
        options.transparentBackground = transparent
        options.showsConstantGradients = constantGrads
        return options
    }
}

extension DuplicateLabels: ExpressibleByArgument {}
extension EdgeLabels: ExpressibleByArgument {}
