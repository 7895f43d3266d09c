/// Which scopes are a model's layers, found from where its parameters live.
///
/// The layers are the children of the deepest scope holding every parameter: for an
/// ``MLP`` (parameters in `mlp/layer0/neuron0`, …, `mlp/layer2/neuron0`) that is `mlp`,
/// so the layers are `mlp/layer0`, `mlp/layer1`, `mlp/layer2`; for a ``TensorMLP`` the
/// same paths. Parameters that all sit in one scope make one layer, that scope.
///
/// ```swift
/// let layers = LayerScopes(parameterScopes: model.parameters().map(\.scope))
/// layers.paths          // ["mlp/layer0", "mlp/layer1"]
/// layers.layerOf[0]     // 0: the first parameter belongs to mlp/layer0
/// ```
public struct LayerScopes: Sendable, Equatable {
    /// The layers' scope paths, in the order their first parameter appears.
    public let paths: [String]
    /// For each parameter scope given, the position of its layer in ``paths``.
    public let layerOf: [Int]

    /// Groups the scopes of a model's parameters into layers.
    ///
    /// - Parameter parameterScopes: Each parameter's scope path, such as `mlp/layer0/neuron3`.
    /// - Complexity: O(n · d) for n parameters nested d scopes deep.
    public init(parameterScopes: [String]) {
        let components = parameterScopes.map { $0.split(separator: "/").map(String.init) }
        var common = components.first ?? []
        for path in components.dropFirst() {
            var length = 0
            while length < common.count && length < path.count && common[length] == path[length] { length += 1 }
            common.removeLast(common.count - length)
        }
        var paths: [String] = []
        var positions: [String: Int] = [:]
        var layerOf: [Int] = []
        for path in components {
            let layer = path.prefix(Swift.min(path.count, common.count + 1)).joined(separator: "/")
            if let known = positions[layer] {
                layerOf.append(known)
            } else {
                positions[layer] = paths.count
                layerOf.append(paths.count)
                paths.append(layer)
            }
        }
        self.paths = paths
        self.layerOf = layerOf
    }

    /// Whether `scopePath` is the layer `layer` or nested in it.
    public static func scope(_ scopePath: String, isIn layer: String) -> Bool {
        layer.isEmpty || scopePath == layer || scopePath.hasPrefix(layer + "/")
    }
}
