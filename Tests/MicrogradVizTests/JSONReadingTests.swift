import Foundation
import MicrogradLanguage
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// Reading the `micrograd-graph` JSON back into a snapshot.
@Suite("Reading JSON snapshots")
struct JSONReadingTests {
    @Test(arguments: SampleCatalogue.all.map(\.name))
    func everySampleReadsBackNodeForNode(sample: String) throws {
        let root = try #require(SampleCatalogue.named(sample)).build().output
        root.backward()
        let snapshot = root.snapshot()
        var written = snapshot
        if snapshot.nodes.contains(where: { $0.indices != nil }) {
            // A gather's chosen elements are not part of the format.
            written = GraphSnapshot(
                nodes: snapshot.nodes.map { node in
                    var node = node
                    node.indices = nil
                    return node
                }, rootID: snapshot.rootID)
        }
        let read = try GraphSnapshot(json: snapshot.json())
        #expect(read == written)
        #expect(read.json() == snapshot.json())
    }

    @Test func nonFiniteNumbersReadBack() throws {
        let x = Value(-1, label: "x")
        let y = x.log() * 0
        y.backward()
        let snapshot = y.snapshot()
        let read = try GraphSnapshot(json: snapshot.json())
        #expect(read.nodes.count == snapshot.nodes.count)
        #expect(read.nodes.contains { $0.data[0].isNaN })
        #expect(read.json() == snapshot.json())
    }

    @Test func malformedSnapshotsSayWhatIsWrong() throws {
        func error(_ text: String) -> String {
            do throws(GraphJSONError) {
                _ = try GraphSnapshot(json: text)
                return "read"
            } catch {
                return error.description
            }
        }
        let good = try SampleGraphs.neuron().snapshot().json()
        #expect(error("not json") == "it is not valid JSON")
        #expect(error(good.replacingOccurrences(of: "micrograd-graph", with: "other")).contains("\"other\""))
        #expect(error(good.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2")).contains("version 2"))
        #expect(
            error(good.replacingOccurrences(of: "\"op\": \"tanh\"", with: "\"op\": \"tanhh\"")).contains(
                "unknown operation \"tanhh\""))
        #expect(
            error(good.replacingOccurrences(of: "\"role\": \"parameter\"", with: "\"role\": \"weight\"")).contains(
                "unknown role"))
        #expect(
            error(good.replacingOccurrences(of: "\"inputs\": []}", with: "\"inputs\": [9]}")).contains(
                "inputs must be earlier nodes"))
        #expect(error(good.replacingOccurrences(of: "\"root\": ", with: "\"rooot\": ")).contains("missing \"root\""))
        let tensor = TensorGraphs.classifier()
        tensor.backward()
        let summarised = tensor.snapshot().json(options: JSONOptions(summarizingAbove: 4))
        #expect(error(summarised).contains("is a summary, not its numbers"))
    }
}
