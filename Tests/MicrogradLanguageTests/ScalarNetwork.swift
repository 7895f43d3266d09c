import Micrograd
import MicrogradLanguage

/// A network whose values are scalars, as every `.mg` program builds: the same as
/// ``MicrogradLanguage/Network`` with `Value`s instead of `any GraphValue`.
struct ScalarNetwork {
    let output: Value
    let outputName: String
    let leaves: [(name: String, value: Value)]

    init(_ network: Network) {
        output = network.output as! Value
        outputName = network.outputName
        leaves = network.leaves.map { ($0.name, $0.value as! Value) }
    }
}
