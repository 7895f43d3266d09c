import Micrograd

/// How a light-theme diagram is recoloured for a dark page: each colour a light
/// diagram uses, as a fill or a stroke, paired with the dark theme's colour for the same
/// part, written as CSS rules on the SVG's own attributes. One diagram then serves both
/// themes, so a page carries each layout once.
enum DiagramColorScheme {
    /// A colour of the light theme and its dark counterpart, for one SVG attribute.
    struct Pair: Equatable {
        /// `fill` or `stroke`.
        let attribute: String
        let light: String
        let dark: String
    }

    /// Every pair, in palette order; a later pair with the same attribute and light
    /// colour as an earlier one is a conflict (see ``conflicts``) and is left out.
    static let pairs: [Pair] = resolve().pairs

    /// Pairs that disagree with an earlier one: a light colour used for two parts that
    /// the dark theme colours differently. A test keeps this empty.
    static let conflicts: [Pair] = resolve().conflicts

    /// The CSS rules, one per pair: `.canvas [fill="#dbeafe"]{fill:light-dark(#dbeafe,#1e3a8a)}`.
    static let css: String = pairs.map { pair in
        ".canvas [\(pair.attribute)=\"\(pair.light)\"]{\(pair.attribute):light-dark(\(pair.light),\(pair.dark))}\n"
    }.joined()

    private static func resolve() -> (pairs: [Pair], conflicts: [Pair]) {
        let light = Theme.light.palette
        let dark = Theme.dark.palette
        var candidates: [Pair] = [
            Pair(attribute: "fill", light: light.background, dark: dark.background),
            Pair(attribute: "fill", light: light.text, dark: dark.text),
            Pair(attribute: "stroke", light: light.edge, dark: dark.edge),
            Pair(attribute: "fill", light: light.edge, dark: dark.edge),
            Pair(attribute: "stroke", light: light.clusterBorder, dark: dark.clusterBorder),
            Pair(attribute: "fill", light: light.clusterFill, dark: dark.clusterFill),
            Pair(attribute: "fill", light: light.clusterText, dark: dark.clusterText),
        ]
        var boxes: [(Theme.BoxStyle, Theme.BoxStyle)] = [(light.operation, dark.operation)]
        for role in [Role.input, .parameter, .constant, .intermediate] {
            boxes.append((light.roles[role]!, dark.roles[role]!))
        }
        boxes += [(light.root, dark.root), (light.collapsed, dark.collapsed)]
        for (lightBox, darkBox) in boxes {
            candidates += [
                Pair(attribute: "fill", light: lightBox.fill, dark: darkBox.fill),
                Pair(attribute: "stroke", light: lightBox.border, dark: darkBox.border),
                Pair(attribute: "fill", light: lightBox.text, dark: darkBox.text),
            ]
        }
        var pairs: [Pair] = []
        var conflicts: [Pair] = []
        for candidate in candidates {
            if let earlier = pairs.first(where: { $0.attribute == candidate.attribute && $0.light == candidate.light })
            {
                if earlier.dark != candidate.dark { conflicts.append(candidate) }
                continue
            }
            pairs.append(candidate)
        }
        return (pairs, conflicts)
    }
}

extension DiagramColorScheme {
    /// What a layer's colour paints.
    enum Part {
        /// A box's fill.
        case fill
        /// A border or an edge.
        case stroke
        /// Text.
        case text
    }

    /// `color` as the page writes a layer's colour: `light-dark(light, dark)` when it is
    /// the light theme's colour for that part and the dark theme draws it differently, so
    /// that a layer made for the light theme reads in both; other colours (a colour
    /// scale's, and the text chosen to read on it) as they are.
    static func themed(_ color: String, as part: Part) -> String {
        let light = color.lowercased()
        let candidates: [Pair]
        switch part {
        case .fill: candidates = pairs.filter { $0.attribute == "fill" && !textColors.contains($0.light.lowercased()) }
        case .stroke: candidates = pairs.filter { $0.attribute == "stroke" }
        case .text: candidates = pairs.filter { $0.attribute == "fill" && textColors.contains($0.light.lowercased()) }
        }
        guard let pair = candidates.first(where: { $0.light.lowercased() == light }), pair.dark != pair.light else {
            return color
        }
        return "light-dark(\(pair.light),\(pair.dark))"
    }

    /// The light theme's text colours.
    private static let textColors: Set<String> = {
        let light = Theme.light.palette
        var colors: Set<String> = [light.text.lowercased(), light.clusterText.lowercased()]
        for box in [light.operation, light.root, light.collapsed] + light.roles.values.map({ $0 }) {
            colors.insert(box.text.lowercased())
        }
        return colors
    }()
}
