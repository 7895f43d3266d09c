import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// Tensor graphs in every format: shapes are shown, small tensors list their
/// elements, big ones are summarised, and JSON keeps every number.
@Suite("Tensor graphs")
struct TensorExportTests {
    /// The DOT line of the node with `label`. Left to right, a tensor's fields are
    /// stacked, so its record has no braces.
    func line(_ dot: String, labelled label: String) -> String? {
        dot.split(separator: "\n").first { $0.contains("label=\"\(label)|") }.map(String.init)
    }

    @Test func goldenFiles() {
        let loss = TensorGraphs.classifier()
        expectMatchesGolden(loss.snapshot().dot(), named: "tensor-before.dot")
        loss.backward()
        let after = loss.snapshot()
        expectMatchesGolden(after.dot(), named: "tensor-after.dot")
        expectMatchesGolden(after.json(), named: "tensor-after.json")
        expectMatchesGolden(after.mermaid(), named: "tensor-after.mmd")
    }

    @Test func smallTensorsListTheirElements() throws {
        let x = Tensor([1.0, -2.0, 0.5], label: "x")
        let y = (x * x).sum()
        y.backward()
        let dot = y.snapshot().dot()
        let node = try #require(line(dot, labelled: "x [3]"))
        #expect(node.contains("|data [1.0000, -2.0000, 0.5000]|grad [2.0000, -4.0000, 1.0000]\""))
        #expect(node.contains("tooltip=\"x [3] (input)\\ndata = [1.0, -2.0, 0.5]\\ngrad = [2.0, -4.0, 1.0]\""))
        // A zero-dimensional result is a scalar and shows no shape.
        #expect(dot.contains("label=\"data 5.2500|grad 1.0000\""))
    }

    @Test func bigTensorsAreSummarisedFromTheirNumbers() throws {
        let values = (0..<12).map { Double($0) - 4 }  // -4 … 7
        let w = try Tensor(shape: [3, 4], scalars: values, label: "w", role: .parameter)
        let loss = (w * w).sum() * 0.5  // grad = w
        loss.backward()
        let dot = loss.snapshot().dot()
        let node = try #require(line(dot, labelled: "w [3, 4]"))
        let mean = values.reduce(0, +) / 12
        let norm = values.map { $0 * $0 }.reduce(0, +).squareRoot()
        let expected = String(
            format: "|data mean %.4f, range [-4.0000, 7.0000]|grad norm %.4f, max abs 7.0000\"", mean, norm)
        #expect(node.contains(expected))
        // A record's fields are split at `|`, so the summary must never contain one.
        let label = try #require(node.split(separator: "label=\"").dropFirst().first?.split(separator: "\"").first)
        #expect(label.filter { $0 == "|" }.count == 2)
        // The tooltip keeps every element up to 16.
        #expect(node.contains("data = [-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]"))
    }

    @Test func constantTensorsSayAllAndTooltipsSummarisePastSixteen() throws {
        let bias = Tensor.zeros([20], role: .parameter)
        bias.label = "bias"
        let y = (bias + 1).sum()
        y.backward()
        let dot = y.snapshot().dot()
        let node = try #require(line(dot, labelled: "bias [20]"))
        #expect(
            node.contains("|data all 0.0000|grad norm \(String(format: "%.4f", 20.0.squareRoot())), max abs 1.0000\""))
        #expect(node.contains("data = mean 0.0, min 0.0, max 0.0, norm 0.0 (20 elements)"))
    }

    @Test func nanInATensorShowsInItsSummary() throws {
        let x = Tensor([1.0, .nan, 3.0, 4.0, 5.0], label: "x")
        let y = x.sum()
        y.backward()
        let node = try #require(line(y.snapshot().dot(), labelled: "x [5]"))
        #expect(node.contains("|data mean NaN, range [NaN, NaN]|"))
        #expect(y.snapshot().json().contains("\"data\": [1.0, \"NaN\", 3.0, 4.0, 5.0]"))
    }

    @Test func topToBottomStacksWithBraces() throws {
        let x = Tensor([1.0, 2.0], label: "x")
        let y = (x * 3).sum()
        let dot = y.snapshot().dot(options: DOTOptions(rankDirection: .topToBottom))
        #expect(dot.contains("label=\"{x [2]|data [1.0000, 2.0000]|grad [0.0000, 0.0000]}\""))
        // Scalars keep one row in either direction.
        let a = Value(2.0, label: "a")
        #expect((a * a).snapshot().dot(options: DOTOptions(rankDirection: .topToBottom)).contains("label=\"a|data"))
        #expect((a * a).snapshot().dot().contains("label=\"{a|data"))
    }

    @Test func reductionTooltipsNameTheOperand() {
        let x = Tensor([[1.0, 2.0], [3.0, 4.0]], label: "x")
        let y = x.sum(axis: 1).reshaped([1, 2]).transposed()
        let dot = y.snapshot().dot()
        #expect(dot.contains("label=\"sum(axis: 1)\", shape=\"ellipse\", tooltip=\"sum(a, axis: 1)\""))
        // A reshape's target is the shape its result box shows.
        #expect(dot.contains("label=\"reshape\", shape=\"ellipse\", tooltip=\"reshape(a)\""))
        #expect(dot.contains("label=\"[1, 2]|data [3.0000, 7.0000]"))
        #expect(dot.contains("label=\"T\", tooltip=\"a.T\""))
    }

    struct File: Decodable {
        struct Node: Decodable {
            let id: Int
            let label: String?
            let op: String?
            let shape: [Int]
            let data: [Double]
            let grad: [Double]
            let role: String
            let scope: String
            let inputs: [Int]
        }
        let root: Int
        let nodes: [Node]
    }

    @Test func jsonKeepsEveryElementExactly() throws {
        let loss = TensorGraphs.classifier()
        loss.backward()
        let snapshot = loss.snapshot()
        let file = try JSONDecoder().decode(File.self, from: Data(snapshot.json().utf8))
        #expect(file.nodes.count == snapshot.nodes.count)
        for (node, original) in zip(file.nodes, snapshot.nodes) {
            #expect(node.shape == original.shape)
            #expect(node.data == original.data)
            #expect(node.grad == original.grad)
            #expect(node.inputs == original.inputs)
            #expect(node.scope == original.scopePath)
        }
        let weight = try #require(file.nodes.first { $0.label == "weight" && $0.scope == "mlp/layer0" })
        #expect(weight.shape == [2, 8] && weight.data.count == 16 && weight.role == "parameter")
    }

    struct SummaryFile: Decodable {
        struct Summary: Decodable, Equatable {
            let count: Int
            let mean: Double
            let min: Double
            let max: Double
            let norm: Double
        }
        enum Numbers: Decodable {
            case all([Double])
            case summary(Summary)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let values = try? container.decode([Double].self) {
                    self = .all(values)
                } else {
                    self = .summary(try container.decode(Summary.self))
                }
            }
        }
        struct Node: Decodable {
            let label: String?
            let shape: [Int]
            let data: Numbers
            let grad: Numbers
        }
        let nodes: [Node]
    }

    @Test func jsonSummarisesBigTensorsOnRequest() throws {
        let values = [3.0, -1.0, 4.0, 1.0, -5.0, 9.0]
        let x = try Tensor(shape: [2, 3], scalars: values, label: "x")
        let y = (x * 2).sum()
        y.backward()
        let file = try JSONDecoder().decode(
            SummaryFile.self, from: Data(y.snapshot().json(options: JSONOptions(summarizingAbove: 4)).utf8))
        let node = try #require(file.nodes.first { $0.label == "x" })
        guard case .summary(let data) = node.data, case .summary(let grad) = node.grad else {
            Issue.record("x [2, 3] was not summarised")
            return
        }
        let norm = values.map { $0 * $0 }.reduce(0, +).squareRoot()
        #expect(data == .init(count: 6, mean: 11.0 / 6, min: -5, max: 9, norm: norm))
        #expect(grad == .init(count: 6, mean: 2, min: 2, max: 2, norm: (6.0 * 4).squareRoot()))
        // Small tensors (the constant 2 and the sum) keep their elements.
        let constant = try #require(file.nodes.first { $0.shape == [] && $0.label == nil })
        guard case .all(let two) = constant.data else {
            Issue.record("the constant was summarised")
            return
        }
        #expect(two == [2])
        // Without options, every element is written.
        let full = try JSONDecoder().decode(SummaryFile.self, from: Data(y.snapshot().json().utf8))
        guard case .all(let elements) = try #require(full.nodes.first { $0.label == "x" }).data else {
            Issue.record("summarised by default")
            return
        }
        #expect(elements == values)
    }
}
