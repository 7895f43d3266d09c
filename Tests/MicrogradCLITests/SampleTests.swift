import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradLanguage

/// Every sample, built by the `micrograd` executable, against the values a reader can check.
@Suite("Samples")
struct SampleTests {
    /// Runs `snapshot <sample> --format json` and returns the before and after graphs.
    static func snapshot(_ sample: String) throws -> (before: GraphFile, after: GraphFile) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["snapshot", sample, "--format", "json", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        return (
            try GraphFile(contentsOf: directory.appendingPathComponent("\(sample)-before.json")),
            try GraphFile(contentsOf: directory.appendingPathComponent("\(sample)-after.json"))
        )
    }

    @Test(arguments: SampleCatalogue.all.map(\.name))
    func beforeSnapshotHasZeroGradients(sample: String) throws {
        let (before, after) = try Self.snapshot(sample)
        #expect(before.nodes.allSatisfy { $0.gradElements.allSatisfy { $0 == 0 } })
        #expect(before.nodes.count == after.nodes.count)
        #expect(
            zip(before.nodes, after.nodes).allSatisfy { $0.dataElements == $1.dataElements && $0.inputs == $1.inputs })
        #expect(after.nodes[after.root].grad == 1)
    }

    /// micrograd's README: 24.7041, 138.8338, 645.5773 (PyTorch's full values in micrograd's tests).
    @Test func readme() throws {
        let graph = try Self.snapshot("readme").after
        #expect(isClose(graph.nodes[graph.root].data, 24.70408163265306, tolerance: 1e-12))
        #expect(isClose(try #require(graph.leaf("a")).grad, 138.83381924198252, tolerance: 1e-12))
        #expect(isClose(try #require(graph.leaf("b")).grad, 645.5772594752186, tolerance: 1e-12))
        #expect(graph.nodes[graph.root].label == "g")
    }

    /// Karpathy's lecture 1: L = −8; dL/da = 6, dL/db = −4, dL/dc = −2, dL/df = 4.
    @Test func zeroToHero() throws {
        let graph = try Self.snapshot("zero-to-hero").after
        #expect(graph.nodes[graph.root].data == -8)
        #expect(
            ["a": 6.0, "b": -4, "c": -2, "f": 4, "e": -2, "d": -2].allSatisfy { graph.node($0.key)?.grad == $0.value })
        #expect(graph.nodes.count == 7)
    }

    /// Lecture 1's neuron: o = 0.7071; x1 −1.5, w1 1, x2 0.5, w2 0, b 0.5.
    @Test func neuron() throws {
        let graph = try Self.snapshot("neuron").after
        #expect(isClose(graph.nodes[graph.root].data, 0.5.squareRoot(), tolerance: 1e-12))
        let expected = ["x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0, "b": 0.5]
        for (name, grad) in expected {
            #expect(isClose(try #require(graph.leaf(name)).grad, grad, tolerance: 1e-9), "\(name)")
        }
        #expect(["w1", "w2", "b"].allSatisfy { graph.leaf($0)?.role == "parameter" })
        #expect(["x1", "x2"].allSatisfy { graph.leaf($0)?.role == "input" })
    }

    /// w = [1, 1, 1], b = 0 on x = [1, 2, 3] → 10 and [4, 5, 6] → 20: predictions 6 and 15, loss 20.5.
    @Test func linearRegression() throws {
        let graph = try Self.snapshot("linear-regression").after
        #expect(graph.nodes[graph.root].data == 20.5)
        #expect(graph.node("p1")?.data == 6 && graph.node("p2")?.data == 15)
        #expect(["w1": -24.0, "w2": -33, "w3": -42, "b": -9].allSatisfy { graph.leaf($0.key)?.grad == $0.value })
    }

    /// Values computed independently (in Python, by the chain rule written out).
    @Test func sigmoid231() throws {
        let graph = try Self.snapshot("sigmoid-2-3-1").after
        #expect(isClose(graph.nodes[graph.root].data, 1.4474234360950173, tolerance: 1e-12))
        #expect(isClose(try #require(graph.node("yhat")).data, 1.796910877742211, tolerance: 1e-12))
        let expected: [String: Double] = [
            "v1": -1.4977481008336193, "v2": -1.8052595438109327, "v3": -2.034507284138245, "c": -2.406178244515578,
            "w11": -0.39582257377591373, "w12": -0.7916451475518275, "w21": -0.36067626227579863,
            "w32": -0.5656692725258335, "b3": -0.28283463626291677,
        ]
        for (name, grad) in expected {
            #expect(isClose(try #require(graph.leaf(name)).grad, grad, tolerance: 1e-12), "\(name)")
        }
    }

    /// The Swift-built MLP: its scopes, and gradients that match the engine in this process.
    @Test func mlp() throws {
        let graph = try Self.snapshot("mlp").after
        let parameters = graph.nodes.filter { $0.role == "parameter" }
        #expect(parameters.count == 4 * 3 + 4 * 5 + 5)
        #expect(Set(parameters.map(\.scope)).count == 9)
        #expect(parameters.contains { $0.scope == "mlp/layer1/neuron3" && $0.label == "w2" })
        let network = MLPSample.build()
        network.output.backward()
        #expect(graph.nodes[graph.root].data == network.output.scalar)
        #expect(graph.nodes[graph.root].data > 0, "the hinge loss is active, so gradients flow")
        let inProcess = Dictionary(uniqueKeysWithValues: network.leaves.map { ($0.name, $0.value.gradElements[0]) })
        for parameter in parameters {
            #expect(inProcess[parameter.scope + "/" + (parameter.label ?? "")] == parameter.grad)
        }
        #expect(parameters.filter { $0.grad != 0 }.count >= 30, "most weights get a gradient")
    }

    /// The tensor MLP: scopes, shapes, and gradients that match the engine in this
    /// process and central differences of the loss.
    @Test func mlpTensor() throws {
        let graph = try Self.snapshot("mlp-tensor").after
        let parameters = graph.nodes.filter { $0.role == "parameter" }
        #expect(parameters.map(\.shape) == [[2, 16], [16], [16, 16], [16], [16, 1], [1]])
        #expect(
            parameters.map(\.scope) == [
                "mlp/layer0", "mlp/layer0", "mlp/layer1", "mlp/layer1", "mlp/layer2", "mlp/layer2",
            ])
        #expect(graph.nodes.count < 30, "a dozen tensor operations, not thousands of values")
        let network = TensorMLPSample.build()
        network.output.backward()
        #expect(graph.nodes[graph.root].data == network.output.scalar)
        #expect(network.output.scalar > 0, "some points are inside the margin, so gradients flow")
        let inProcess = network.leaves.filter { $0.value.role == .parameter }
        #expect(zip(parameters, inProcess).allSatisfy { $0.gradElements == $1.value.gradElements })
        // Central differences of the loss on the whole first weight matrix, run afresh.
        let model = TensorMLPSample.model()
        let batch = TensorMLPSample.batch()
        let weight = model.layers[0].weight
        let numeric = numericalGradient(
            of: { scalars in
                weight.scalars = scalars
                return TensorMLPSample.loss(of: model, on: batch).scalars[0]
            }, at: weight.scalars)
        for (analytic, numeric) in zip(inProcess[0].value.gradElements, numeric) {
            #expect(isClose(analytic, numeric, tolerance: 1e-6))
        }
        #expect(parameters.filter { $0.gradElements.contains { $0 != 0 } }.count == 6)
    }

    /// One epoch of the seed's linear regression: MSE and its gradients, by hand.
    @Test func linearRegressionTensor() throws {
        let graph = try Self.snapshot("linear-regression-tensor").after
        let weight = try #require(graph.nodes.first { $0.label == "weight" })
        let bias = try #require(graph.nodes.first { $0.label == "bias" })
        #expect(weight.shape == [3, 1] && weight.scope == "linear" && bias.shape == [1])
        let w = weight.dataElements
        let x = [[1.0, 2, 3], [4, 5, 6]]
        let y = [10.0, 20]
        let errors = (0..<2).map { i in zip(x[i], w).map(*).reduce(0, +) + bias.dataElements[0] - y[i] }
        #expect(isClose(graph.nodes[graph.root].data, errors.map { $0 * $0 }.reduce(0, +) / 2, tolerance: 1e-12))
        for j in 0..<3 {
            #expect(
                isClose(weight.gradElements[j], (0..<2).map { errors[$0] * x[$0][j] }.reduce(0, +), tolerance: 1e-12))
        }
        #expect(isClose(bias.gradElements[0], errors.reduce(0, +), tolerance: 1e-12))
    }

    @Test func jsonSummaryAboveSummarisesBigTensors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "snapshot", "mlp-tensor", "--format", "json", "--stage", "after", "--json-summary-above", "16", "--out",
            directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try String(contentsOf: directory.appendingPathComponent("mlp-tensor-after.json"), encoding: .utf8)
        let weight = try #require(
            json.split(separator: "\n").first { $0.contains("\"shape\": [16, 16]") && $0.contains("weight") })
        #expect(weight.contains("\"data\": {\"count\": 256, \"mean\": "))
        let bias = try #require(
            json.split(separator: "\n").first { $0.contains("\"label\": \"bias\", \"op\": null, \"shape\": [16]") })
        #expect(bias.contains("\"data\": [0.0, 0.0"), "16 elements are not above 16, so they are listed")
    }

    /// The CLI's compiled-in copies are the files in Samples/, byte for byte.
    @Test func embeddedSamplesMatchTheFiles() throws {
        let directory = repositoryRoot.appendingPathComponent("Samples")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mg") }
            .sorted()
        #expect(EmbeddedSamples.files.map { $0.name + ".mg" } == files, "run `make samples`")
        for (name, text) in EmbeddedSamples.files {
            let file = try String(contentsOf: directory.appendingPathComponent(name + ".mg"), encoding: .utf8)
            #expect(text == file, "Samples/\(name).mg changed; run `make samples`")
        }
    }

    @Test func catalogueListsEverySampleWithASummary() throws {
        let result = try micrograd(["samples"])
        #expect(result.status == 0)
        for sample in SampleCatalogue.all {
            #expect(result.standardOutput.contains(sample.name + " "))
            #expect(!sample.summary.isEmpty && sample.summary.hasSuffix("."), "\(sample.name): \(sample.summary)")
        }
        let names = try micrograd(["samples", "--names"])
        #expect(names.standardOutput == SampleCatalogue.all.map(\.name).joined(separator: "\n") + "\n")
    }
}
