import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

@Suite("JSON")
struct JSONTests {
    @Test func documentedSchema() throws {
        let a = Value(3.0, label: "a")
        let square = a * a
        square.backward()
        let json = square.snapshot().json()
        #expect(
            json == """
                {
                  "format": "micrograd-graph",
                  "version": 1,
                  "root": 1,
                  "nodes": [
                    {"id": 0, "label": "a", "op": null, "data": 3.0, "grad": 6.0, "role": "input", "scope": "", "inputs": []},
                    {"id": 1, "label": null, "op": "*", "data": 9.0, "grad": 1.0, "role": "intermediate", "scope": "", "inputs": [0, 0]}
                  ]
                }

                """)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "micrograd-graph")
        #expect(object["version"] as? Int == 1)
    }

    @Test func nonFiniteNumbersAreStrings() throws {
        let x = Value(-1.0, label: "x")
        let y = x.log() + 1 / Value(0.0, label: "zero")
        let json = y.snapshot().json()
        #expect(json.contains("\"data\": \"NaN\""))
        #expect(json.contains("\"data\": \"Infinity\""))
        let z = -(1 / Value(0.0))
        #expect(z.snapshot().json().contains("\"data\": \"-Infinity\""))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }

    /// The file as a reader would decode it. (JSONDecoder reads doubles exactly;
    /// JSONSerialization on Linux does not, so it is not used for numbers here.)
    struct File: Decodable {
        struct Node: Decodable {
            let id: Int
            let label: String?
            let op: String?
            let data: Double
            let grad: Double
            let role: String
            let scope: String
            let inputs: [Int]
        }
        let format: String
        let version: Int
        let root: Int
        let nodes: [Node]
    }

    @Test func fullPrecisionRoundTrips() throws {
        let root = SampleGraphs.readme()
        root.backward()
        let snapshot = root.snapshot()
        let file = try JSONDecoder().decode(File.self, from: Data(snapshot.json().utf8))
        #expect(file.root == snapshot.rootID)
        #expect(file.nodes.count == snapshot.nodes.count)
        for (node, original) in zip(file.nodes, snapshot.nodes) {
            #expect(node.id == original.id)
            #expect(node.data == original.data[0])
            #expect(node.grad == original.grad[0])
            #expect(node.inputs == original.inputs)
            #expect(node.role == original.role.rawValue)
            #expect(node.op == original.op?.symbol)
            #expect(node.label == original.label)
        }
        #expect(file.nodes.last?.label == "g" && file.nodes.last?.data == 24.70408163265306)
    }

    @Test func scopesAreWrittenAsPaths() {
        let json = SampleGraphs.mlp().snapshot().json()
        #expect(json.contains("\"scope\": \"mlp/layer0/neuron1\""))
        #expect(json.contains("\"role\": \"parameter\""))
    }
}
