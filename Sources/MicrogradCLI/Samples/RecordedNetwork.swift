import Micrograd
import MicrogradViz

/// A recorded graph that `snapshot` can draw and differentiate: a scalar network
/// (from a `.mg` file, an expression or Swift), or a tensor network.
protocol RecordedNetwork {
    /// The output's name in the table, such as `loss`.
    var outputName: String { get }
    /// The output's value; every network's output is a single number.
    var outputData: Double { get }
    /// The graph as it is now.
    func snapshot() -> GraphSnapshot
    /// Runs backpropagation from the output.
    func backward()
    /// The table printed after the files: a header row, then one row for the output and
    /// one per input and parameter. Columns before `textColumns` are left-aligned.
    func table(format: NumberFormat) -> (rows: [[String]], textColumns: Int)
}

extension NetworkProgram.Network: RecordedNetwork {
    var outputData: Double { output.data }
    func snapshot() -> GraphSnapshot { output.snapshot() }
    func backward() { output.backward() }

    func table(format: NumberFormat) -> (rows: [[String]], textColumns: Int) {
        var rows = [["name", "role", "data", "grad"]]
        rows.append([outputName, "output", format.format(output.data), format.format(output.grad)])
        for (name, value) in leaves {
            rows.append([name, value.role.rawValue, format.format(value.data), format.format(value.grad)])
        }
        return (rows, 2)
    }
}

/// A network of tensors whose output is a scalar loss.
struct TensorNetwork: RecordedNetwork {
    /// The loss, a tensor of one element.
    let output: Tensor
    let outputName: String
    /// The inputs and parameters, with their names.
    let leaves: [(name: String, tensor: Tensor)]

    /// A network named `loss`, whose leaves are `data` and then the model's parameters
    /// named by their path under `scope` (`mlp/layer0/weight`).
    init(loss: Tensor, data: [(name: String, tensor: Tensor)], model: some Module, scope: String) {
        output = loss
        outputName = "loss"
        leaves = data + model.namedParameters().map { (name: scope + "/" + $0.name, tensor: $0.parameter) }
    }

    var outputData: Double { output.scalars[0] }
    func snapshot() -> GraphSnapshot { output.snapshot() }
    func backward() { output.backward() }

    /// `name  role  shape  data mean  grad norm`: a tensor is summarised by the mean of
    /// its elements and the L2 norm of its gradient.
    func table(format: NumberFormat) -> (rows: [[String]], textColumns: Int) {
        func norm(_ values: [Double]) -> Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        var rows = [["name", "role", "shape", "data mean", "grad norm"]]
        rows.append([outputName, "output", "[]", format.format(outputData), format.format(norm(output.gradScalars))])
        for (name, tensor) in leaves {
            rows.append([
                name, tensor.role.rawValue, "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]",
                format.format(mean(tensor.scalars)), format.format(norm(tensor.gradScalars)),
            ])
        }
        return (rows, 3)
    }
}
