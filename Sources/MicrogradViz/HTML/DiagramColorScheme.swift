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
