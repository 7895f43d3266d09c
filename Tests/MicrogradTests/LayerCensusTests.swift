import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd

/// The census `train --diagnose` takes every step, against a plain recomputation from the
/// snapshot of the same scalar graph.
@Suite("Layer census")
struct LayerCensusTests {
    /// What the census reports, recomputed from a snapshot with the definitions written out:
    /// a layer's activations are its ReLU, tanh and sigmoid nodes (one unit per scope); its
    /// outputs are the computed nodes in it that the root is or that a node outside it uses.
    static func recompute(_ snapshot: GraphSnapshot, layers: [String], options: GradientFlowOptions) -> (
        activations: [ActivationStatistics?], outputs: [(squares: Double, count: Int)], values: [[Double]]
    ) {
        func layer(of node: GraphSnapshot.Node) -> Int? {
            node.scope.isEmpty ? nil : layers.firstIndex { LayerScopes.scope(node.scopePath, isIn: $0) }
        }
        var usedOutside = Set<Int>()
        if layer(of: snapshot.root) != nil { usedOutside.insert(snapshot.rootID) }
        for node in snapshot.nodes {
            for input in node.inputs where snapshot.nodes[input].op != nil {
                if let inputLayer = layer(of: snapshot.nodes[input]), inputLayer != layer(of: node) {
                    usedOutside.insert(input)
                }
            }
        }
        var accumulators = layers.map { _ in ActivationStatistics.Accumulator(options: options) }
        var outputs = layers.map { _ in (squares: 0.0, count: 0) }
        var values = layers.map { _ in [Double]() }
        var units: [String: Int] = [:]
        for node in snapshot.nodes {
            guard let index = layer(of: node) else { continue }
            if usedOutside.contains(node.id) {
                outputs[index].squares += node.grad[0] * node.grad[0]
                outputs[index].count += 1
            }
            if let op = node.op, ActivationStatistics.isActivation(op) {
                let unit = units[node.scopePath] ?? units.count
                units[node.scopePath] = unit
                accumulators[index].addScalar(op, output: node.data[0], gradient: node.grad[0], unit: unit)
                values[index].append(node.data[0])
            }
        }
        return (accumulators.map { $0.isEmpty ? nil : $0.result }, outputs, values)
    }

    @Test(arguments: [Neuron.Nonlinearity.relu, .tanh, .sigmoid])
    func matchesARecomputationFromTheSnapshot(activation: Neuron.Nonlinearity) throws {
        // A large gain saturates tanh and sigmoid units and kills some ReLU units.
        let model = MLP(2, [6, 5, 1], activation: activation, gain: 3, seed: 7)
        let points: [[Double]] = [[0.5, -1.0], [1.5, 0.25], [-2.0, 0.75], [0.1, 0.2], [-0.6, -1.4]]
        // A forward pass the loss does not use: its records share the tape but are not reached.
        _ = model(points[0])
        var terms: [Value] = []
        for (index, point) in points.enumerated() {
            let score = model(point)[0]
            terms.append((score - Value(Double(index % 2))) * (score - Value(Double(index % 2))))
        }
        let loss = terms.dropFirst().reduce(terms[0], +)
        loss.backward()
        let layers = LayerScopes(parameterScopes: model.parameters().map(\.scope)).paths
        #expect(layers.count == 3)
        let options = GradientFlowOptions()
        let census = LayerCensus(root: loss, layers: layers, options: options, keepsValues: true)
        let expected = Self.recompute(loss.snapshot(), layers: layers, options: options)
        for layer in layers.indices {
            #expect(census.outputGradients[layer].count == expected.outputs[layer].count)
            #expect(isClose(census.outputGradients[layer].squares, expected.outputs[layer].squares, tolerance: 1e-12))
            let found = census.activations[layer].isEmpty ? nil : census.activations[layer].result
            #expect((found == nil) == (expected.activations[layer] == nil))
            if let found, let wanted = expected.activations[layer] {
                #expect(found.function == wanted.function)
                #expect(found.count == wanted.count)
                #expect(found.unitCount == wanted.unitCount)
                #expect(found.deadUnits == wanted.deadUnits)
                #expect(found.saturatedFraction == wanted.saturatedFraction)
                #expect(isClose(found.mean, wanted.mean, tolerance: 1e-12))
                #expect(isClose(found.standardDeviation, wanted.standardDeviation, tolerance: 1e-12))
                #expect(isClose(found.gradient.norm, wanted.gradient.norm, tolerance: 1e-12))
            }
            #expect(census.values[layer].data.sorted() == expected.values[layer].sorted())
        }
        // The case is not trivial: hidden layers have outputs and activations (5 examples × units).
        #expect(expected.outputs[0].count == 30 && expected.outputs[1].count == 25 && expected.outputs[2].count == 5)
        #expect(expected.activations[0]?.count == 30)
    }

    /// A tensor graph, against ``GradientFlow``'s analysis of its snapshot: the same layers,
    /// activations and output gradients, found by a walk of the snapshot instead of the live graph.
    @Test(arguments: [Neuron.Nonlinearity.relu, .tanh, .sigmoid])
    func tensorsMatchTheSnapshotAnalysis(activation: Neuron.Nonlinearity) throws {
        let model = TensorMLP(copying: MLP(2, [6, 5, 1], activation: activation, gain: 3, seed: 7))
        let points: [[Double]] = [[0.5, -1.0], [1.5, 0.25], [-2.0, 0.75], [0.1, 0.2], [-0.6, -1.4]]
        let targets = Tensor([[0], [1], [0], [1], [0]], role: .constant)
        let loss = Loss.meanSquaredError(predictions: model(Tensor(points)), targets: targets)
        loss.backward()
        let layers = LayerScopes(parameterScopes: model.parameters().map(\.scope)).paths
        #expect(layers.count == 3)
        let census = LayerCensus(root: loss, layers: layers, options: GradientFlowOptions(), keepsValues: true)
        let flow = GradientFlow(loss.snapshot())
        #expect(flow.layers.map(\.path) == layers)
        for (index, layer) in flow.layers.enumerated() {
            let outputs = census.outputGradients[index]
            #expect(outputs.count == 5 * [6, 5, 1][index])
            #expect(isClose((outputs.squares / Double(outputs.count)).squareRoot(), layer.outputGradientRMS))
            let found = census.activations[index].isEmpty ? nil : census.activations[index].result
            #expect((found == nil) == (layer.activations == nil))
            if let found, let wanted = layer.activations {
                #expect(found.function == wanted.function)
                #expect(found.count == wanted.count && found.unitCount == wanted.unitCount)
                #expect(found.deadUnits == wanted.deadUnits)
                #expect(found.saturatedFraction == wanted.saturatedFraction)
                #expect(isClose(found.mean, wanted.mean, tolerance: 1e-12))
                #expect(isClose(found.gradient.norm, wanted.gradient.norm, tolerance: 1e-12))
                #expect(census.values[index].data.count == found.count)
            }
        }
        #expect(census.activations[0].result.count == 30, "5 examples × 6 units")
    }
}
