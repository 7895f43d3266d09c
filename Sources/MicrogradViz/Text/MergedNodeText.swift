import Micrograd

/// What a diagram says about a node that stands for many values (a collapsed scope,
/// rolled scopes, or rolled values), shared by every writer: a title line naming it and
/// what it computes, a line on its parameters' gradient, and tooltip lines.
///
/// The node's data and grad lines are written like any value's, from the drawn node,
/// which holds the numbers of the values leaving the group.
struct MergedNodeText {
    /// `neuron3: relu(w·x + b)`, `neuron0–15 × 16: relu(w·x + b)`, `152 × relu(x)`.
    let title: String
    /// `3 params, grad norm 0.2236`; `nil` without parameters.
    let parameterLine: String?
    /// The full path, the sizes and the parameters' gradient at full precision.
    let tooltip: [String]
    /// How many identical scopes the node stands for: 1 unless rolled.
    let copies: Int

    /// The text of a drawn node, or `nil` when it is a single value.
    init?(_ origin: GraphView.Origin, format: NumberFormat) {
        switch origin {
        case .value:
            return nil
        case .scope(let scope):
            let name = scope.copies == 1 ? scope.name : "\(scope.name) × \(scope.copies)"
            title = scope.computes.isEmpty ? name : name + ": " + scope.computes
            copies = scope.copies
            let elements = scope.parameterGradient.count
            if elements > 0 {
                parameterLine =
                    "\(Self.count(elements, "param")), grad norm \(format.format(scope.parameterGradient.norm))"
            } else {
                parameterLine = nil
            }
            var tooltip = [
                (scope.copies == 1 ? scope.path : "\(scope.paths[0]) … \(scope.paths[scope.copies - 1])") + ": "
                    + scope.computes,
                Self.count(scope.members.count, "value") + ", " + Self.count(scope.outputs.count, "output"),
            ]
            if elements > 0 {
                let gradient = scope.parameterGradient
                tooltip.append(
                    Self.count(elements, "parameter") + ": grad norm " + Self.shortest(gradient.norm)
                        + ", max abs " + Self.shortest(gradient.largestMagnitude))
            }
            self.tooltip = tooltip
        case .values(let values):
            title = values.computes
            copies = 1
            parameterLine = nil
            let place = values.scopePath.isEmpty ? "" : " in " + values.scopePath
            let what =
                values.kind == .chain
                ? "a chain of \(Self.count(values.members.count, "operation"))"
                : Self.count(values.members.count, "value") + " rolled into one box"
            tooltip = [values.computes + place, what]
        }
    }

    /// `1 value`, `12 values`.
    static func count(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    /// Every digit needed to read `value` back, or `NaN`, `inf`, `-inf`.
    static func shortest(_ value: Double) -> String {
        var buffer = TextBuffer(capacity: 24)
        if value.isNaN {
            buffer.append("NaN")
        } else if value.isInfinite {
            buffer.append(value < 0 ? "-inf" : "inf")
        } else {
            buffer.appendShortest(value)
        }
        return buffer.string
    }
}
