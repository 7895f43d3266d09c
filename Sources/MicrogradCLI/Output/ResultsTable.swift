import Micrograd
import MicrogradLanguage
import MicrogradViz

/// The table `snapshot` and `expr` print after the files: the output, then each
/// input and parameter.
enum ResultsTable {
    /// The widest a cell is printed: longer names are cut and end with `…`, so that one
    /// long name cannot pad every row of a big table (the files keep the full names).
    static let maximumCellWidth = 40

    /// The rows as aligned lines: columns before `textColumns` left-aligned, the others
    /// right-aligned, two spaces apart, each cell cut to ``maximumCellWidth`` characters.
    ///
    /// - Complexity: O(rows × columns × ``maximumCellWidth``), whatever the length of the names.
    static func lines(_ rows: [[String]], textColumns: Int) -> [String] {
        let cells = rows.map { row in row.map(fitted) }
        guard let header = cells.first else { return [] }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < textColumns ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
    }

    /// `cell`, or its first characters and `…` if it is wider than ``maximumCellWidth``.
    static func fitted(_ cell: String) -> String {
        let head = cell.prefix(maximumCellWidth + 1)
        guard head.count > maximumCellWidth else { return cell }
        return String(head.prefix(maximumCellWidth - 1)) + "…"
    }

    /// A header row, then one row for the output and one per leaf. Columns before
    /// `textColumns` are left-aligned.
    ///
    /// Scalar networks show `name role data grad`; tensor networks summarise each
    /// tensor as `name role shape data-mean grad-norm`.
    static func rows(of network: Network, format: NumberFormat) -> (rows: [[String]], textColumns: Int) {
        let named =
            [(network.outputName, "output", network.output)]
            + network.leaves.map { ($0.name, $0.value.role.rawValue, $0.value) }
        guard network.isTensorNetwork else {
            let rows = named.map { name, role, value in
                [name, role, format.format(value.dataElements[0]), format.format(value.gradElements[0])]
            }
            return ([["name", "role", "data", "grad"]] + rows, 2)
        }
        let rows = named.map { name, role, value in
            [
                name, role, "[" + (value.elementShape ?? []).map(String.init).joined(separator: ", ") + "]",
                format.format(Summary(value.dataElements).mean), format.format(Summary(value.gradElements).norm),
            ]
        }
        return ([["name", "role", "shape", "data mean", "grad norm"]] + rows, 3)
    }
}
