import Micrograd
import MicrogradLanguage
import MicrogradViz

/// The table `snapshot` and `expr` print after the files: the output, then each
/// input and parameter.
enum ResultsTable {
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
