import Micrograd
import MicrogradLanguage
import MicrogradTestSupport
import Testing

/// The chain rule on every edge of every built-in sample.
@Suite("Edge derivatives of the samples")
struct SampleEdgeTests {
    @Test(arguments: SampleCatalogue.all.map(\.name))
    func contributionsSumToGradients(sample: String) throws {
        let network = try #require(SampleCatalogue.named(sample)).build()
        network.output.backward()
        let snapshot = network.output.snapshot()
        let edges = snapshot.edgeDerivatives()
        #expect(edges.edges.count == snapshot.nodes.reduce(0) { $0 + $1.inputs.count })
        for node in snapshot.nodes where node.id != snapshot.rootID {
            let arriving = try #require(edges.gradientArriving(at: node.id), "node \(node.id) has an edge out")
            #expect(
                zip(arriving, node.grad).allSatisfy { isClose($0, $1, tolerance: 1e-12) },
                "\(sample) node \(node.id): \(arriving) against \(node.grad)")
        }
    }

    /// micrograd's README: the contributions into a and b sum to 138.8338 and 645.5773.
    @Test func readmeLeavesReceiveThePublishedGradients() throws {
        let network = try #require(SampleCatalogue.named("readme")).build()
        network.output.backward()
        let snapshot = network.output.snapshot()
        let edges = snapshot.edgeDerivatives()
        let a = try #require(snapshot.nodes.first { $0.label == "a" })
        let b = try #require(snapshot.nodes.first { $0.label == "b" })
        #expect(edges.edges(outOf: a.id).count > 1, "a is used several times")
        #expect(isClose(edges.gradientArriving(at: a.id)![0], 138.83381924198252, tolerance: 1e-12))
        #expect(isClose(edges.gradientArriving(at: b.id)![0], 645.5772594752186, tolerance: 1e-12))
    }
}
