import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Each kind of gradient finding on a network built to show it, healthy networks without
/// findings, and the same findings from both engines.
@Suite("Gradient flow")
struct GradientFlowTests {
    /// The loss of `model` on the first `count` moons points, after backward(), on the tensor engine.
    static func tensorLoss(_ model: MLP, count: Int = 100) -> GraphSnapshot {
        let task = TensorClassificationTask(
            model: TensorMLP(copying: model), dataset: .moons(count: count, noise: 0.1), l2Strength: 0)
        let loss = task.loss().loss
        loss.backward()
        return loss.snapshot()
    }

    /// The same on the scalar engine.
    static func scalarLoss(_ model: MLP, count: Int) -> GraphSnapshot {
        let task = ClassificationTask(model: model, dataset: .moons(count: count, noise: 0.1), l2Strength: 0)
        let loss = task.loss().loss
        loss.backward()
        return loss.snapshot()
    }

    static func kinds(_ flow: GradientFlow) -> [GradientFinding.Kind] { flow.findings.map(\.kind) }

    @Test func deepSigmoidNetworkVanishes() {
        let model = MLP(2, Array(repeating: 16, count: 7) + [1], activation: .sigmoid, seed: 7)
        let flow = GradientFlow(Self.tensorLoss(model))
        #expect(flow.layers.map(\.path) == (0..<8).map { "mlp/layer\($0)" })
        let vanishing = flow.findings.filter { $0.kind == .vanishing }
        #expect(vanishing.map(\.place).contains("mlp/layer0"), "\(flow.findings)")
        // The signal shrinks from the output down.
        let rms = flow.layers.map(\.outputGradientRMS)
        #expect(rms[0] < rms[3] && rms[3] < rms[6], "\(rms)")
        #expect(!flow.findings.contains { $0.kind == .exploding })
        // The marked nodes are the layer's outputs: its sigmoid.
        let snapshot = Self.tensorLoss(model)
        #expect(vanishing.first { $0.place == "mlp/layer0" }!.nodes.allSatisfy { snapshot.nodes[$0].op == .sigmoid })
    }

    @Test func largeInitialGainExplodes() {
        let model = MLP(
            2, Array(repeating: 32, count: 6) + [1], activation: .relu, initialization: .he, gain: 4, seed: 3)
        let flow = GradientFlow(Self.tensorLoss(model))
        let exploding = flow.findings.filter { $0.kind == .exploding }
        #expect(exploding.contains { $0.place == "mlp/layer0" }, "\(flow.findings)")
    }

    @Test func largeLearningRateExplodes() {
        var trainer = Trainer(
            task: TensorClassificationTask(model: TensorMLP(copying: MLP(2, [16, 16, 1])), dataset: .moons()),
            optimizer: SGD(learningRate: 50))
        for _ in 0..<20 { trainer.step() }
        let loss = trainer.task.loss().loss
        for parameter in trainer.task.parameters() { parameter.zeroGrad() }
        loss.backward()
        let flow = GradientFlow(loss.snapshot())
        #expect(flow.findings.first?.kind == .exploding, "\(flow.findings)")
    }

    @Test func negativeBiasKillsReLUs() {
        let model = MLP(2, [8, 8, 1], seed: 5)
        for neuron in model.layers[1].neurons { neuron.bias.data = -50 }
        for snapshot in [Self.tensorLoss(model, count: 30), Self.scalarLoss(model, count: 30)] {
            let flow = GradientFlow(snapshot)
            let dead = flow.findings.filter { $0.kind == .deadReLU }
            #expect(dead.count == 1, "\(flow.findings)")
            #expect(dead.first?.place.contains("mlp/layer1") == true)
            #expect(
                dead.first?.evidence.hasPrefix("8 of 8 ReLU units output 0 for every example (30 examples)") == true)
            #expect(flow.scope("mlp/layer1")?.activations?.deadUnits == 8)
            // Nothing flows below a layer whose units are all dead.
            #expect(flow.findings.contains { $0.kind == .vanishing && $0.place == "mlp/layer0" })
            for id in dead.first?.nodes ?? [] { #expect(snapshot.nodes[id].op == .relu) }
        }
    }

    @Test func largeGainSaturatesTanh() {
        let model = MLP(2, [16, 16, 1], activation: .tanh, gain: 5, seed: 2)
        let flow = GradientFlow(Self.tensorLoss(model))
        let saturated = flow.findings.filter { $0.kind == .saturated }
        #expect(saturated.contains { $0.tag.hasPrefix("saturated ") && $0.place.contains("mlp/layer1") })
        let fraction = flow.scope("mlp/layer1")!.activations!.saturatedFraction
        #expect(fraction > 0.5 && fraction <= 1)
    }

    @Test func healthyNetworksHaveNoFindings() {
        let model = MLP(2, [16, 16, 1], activation: .tanh, initialization: .xavier, seed: 1)
        #expect(GradientFlow(Self.tensorLoss(model)).findings.isEmpty)
        #expect(GradientFlow(Self.scalarLoss(model, count: 10)).findings.isEmpty)
        // The lecture's neuron: w2's gradient is 0 because x2 is, which is no problem.
        let x1 = Value(2, label: "x1")
        let x2 = Value(0, label: "x2")
        let w1 = Value(-3, label: "w1", role: .parameter)
        let w2 = Value(1, label: "w2", role: .parameter)
        let b = Value(6.8813735870195432, label: "b", role: .parameter)
        let o = (x1 * w1 + x2 * w2 + b).tanh()
        o.backward()
        #expect(GradientFlow(o.snapshot()).findings.isEmpty)
    }

    @Test func bothEnginesFindTheSame() {
        let model = MLP(2, [8, 8, 1], seed: 11)
        for neuron in model.layers[0].neurons.prefix(3) { neuron.bias.data = -50 }
        let tensor = GradientFlow(Self.tensorLoss(model, count: 20))
        let scalar = GradientFlow(Self.scalarLoss(model, count: 20))
        #expect(Self.kinds(tensor) == Self.kinds(scalar))
        #expect(tensor.findings.map(\.evidence) == scalar.findings.map(\.evidence))
        for (a, b) in zip(tensor.layers, scalar.layers) {
            #expect(a.path == b.path)
            #expect(isClose(a.outputGradientRMS, b.outputGradientRMS, tolerance: 1e-9))
            #expect(isClose(a.parameterGradient.norm, b.parameterGradient.norm, tolerance: 1e-9))
            #expect(a.activations?.deadUnits == b.activations?.deadUnits)
        }
    }

    @Test func nanFromLogOfANegativeNumberIsBornAtTheLog() {
        let x = Value(-2, label: "x")
        let w = Value(0.5, label: "w", role: .parameter)
        let a = (x * w).log()
        a.label = "a"
        let loss = a * w + 3
        loss.backward()
        let snapshot = loss.snapshot()
        let flow = GradientFlow(snapshot)
        let forward = flow.findings.filter { $0.kind == .nonFiniteForward }
        #expect(forward.count == 1, "\(flow.findings)")
        #expect(forward.first?.nodes == [snapshot.nodes.firstIndex { $0.label == "a" }!])
        #expect(forward.first?.tag == "NaN born here")
        #expect(forward.first?.evidence == "log(-1) = NaN; every input is finite")
        // The NaN gradients that follow are consequences, not origins.
        #expect(!flow.findings.contains { $0.kind == .nonFiniteBackward })
    }

    @Test func zeroTimesInfinityIsBornAtTheProduct() {
        let zero = Value(0, label: "z")
        let big = Value(1000, label: "t").exp()
        big.label = "big"
        let product = zero * big
        product.label = "y"
        product.backward()
        let snapshot = product.snapshot()
        let flow = GradientFlow(snapshot)
        let origins = flow.findings.filter { $0.kind == .nonFiniteForward }
        let id = { (label: String) in snapshot.nodes.firstIndex { $0.label == label }! }
        #expect(origins.map(\.nodes) == [[id("big")], [id("y")]], "\(flow.findings)")
        #expect(origins.map(\.tag) == ["inf born here", "NaN born here"])
        #expect(origins.last?.evidence == "0 * inf = NaN; an input is infinite")
    }

    @Test func infiniteSlopeIsABackwardOrigin() {
        let x = Value(0, label: "x")
        let w = Value(2, label: "w", role: .parameter)
        let loss = x.pow(0.5) * w
        loss.backward()
        let snapshot = loss.snapshot()
        let flow = GradientFlow(snapshot)
        #expect(flow.findings.map(\.kind) == [.nonFiniteBackward], "\(flow.findings)")
        #expect(flow.findings.first?.nodes == [snapshot.nodes.firstIndex { $0.label == "x" }!])
    }

    @Test func nanInATensorIsBornAtItsOperation() {
        let x = Tensor([[1.0, -1.0], [2.0, 3.0]], label: "x")
        let logged = x.log()
        let loss = logged.sum()
        loss.backward()
        let snapshot = loss.snapshot()
        let flow = GradientFlow(snapshot)
        let origin = flow.findings.first { $0.kind == .nonFiniteForward }
        #expect(origin?.nodes == [snapshot.nodes.firstIndex { $0.op == .log }!])
        #expect(origin?.evidence == "1 of 4 elements are NaN; every input is finite")
    }

    @Test func unusedParametersAreFound() {
        let w = Value(1, label: "w", role: .parameter)
        let spare = Value(2, label: "spare", role: .parameter)
        let x = Value(3, label: "x")
        let loss = w * x
        let unused = LeafReachability.unusedLeaves([w, spare, x], root: loss)
        #expect(unused == [1])
        loss.backward()
        let flow = GradientFlow(
            loss.snapshot(), unusedLeaves: unused.map { _ in GradientFlow.UnusedLeaf(name: "spare", role: .parameter) })
        #expect(flow.findings.map(\.kind) == [.unused])
        #expect(flow.findings.first?.place == "spare")
        // Tensors too.
        let weight = Tensor([1.0, 2.0], label: "weight", role: .parameter)
        let other = Tensor([1.0], label: "other", role: .parameter)
        let total = (weight * 2).sum()
        #expect(LeafReachability.unusedLeaves([weight, other], root: total) == [1])
        #expect(LeafReachability.unusedLeaves([w], root: total) == [0])
    }

    @Test func moduleWithoutGradientIsVanishing() {
        // The second layer's weights multiply an input of zeros: none of its parameters learns.
        let layer = withScope("net") { Linear(weights: [[1.0, -1.0]], bias: [0.0, 0.0], name: "layer0") }
        let head = withScope("net") { Linear(weights: [[2.0], [3.0]], bias: [0.0], name: "layer1") }
        let x = Tensor([[0.0], [0.0]], label: "x")
        let loss = (head(layer(x)) ** 2).mean()
        loss.backward()
        let flow = GradientFlow(loss.snapshot())
        #expect(flow.findings.contains { $0.kind == .vanishing && $0.tag == "grad exactly 0" }, "\(flow.findings)")
    }

    @Test func reportNumbersAreShortAndStable() {
        #expect(ReportNumber.text(0.0151) == "0.0151")
        #expect(ReportNumber.text(2.1e-5) == "2.10e-05")
        #expect(ReportNumber.text(15000) == "1.50e+04")
        #expect(ReportNumber.text(1234) == "1230")
        #expect(ReportNumber.text(-12.5) == "-12.5")
        #expect(ReportNumber.text(0.0032) == "0.0032")
        #expect(ReportNumber.text(9.9999) == "10")
        #expect(ReportNumber.percent(0.94) == "94%")
        #expect(ReportNumber.percent(0.025) == "2.5%")
    }

    @Test func layersComeFromParameterScopes() {
        let layers = LayerScopes(parameterScopes: ["mlp/layer0/neuron0", "mlp/layer0/neuron1", "mlp/layer1/neuron0"])
        #expect(layers.paths == ["mlp/layer0", "mlp/layer1"])
        #expect(layers.layerOf == [0, 0, 1])
        #expect(LayerScopes(parameterScopes: ["linear", "linear"]).paths == ["linear"])
    }
}
