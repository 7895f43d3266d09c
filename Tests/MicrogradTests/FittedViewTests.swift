import MicrogradTestSupport
import Testing

@testable import Micrograd

/// Collapsing automatically to fit a node budget.
@Suite("Fitted views")
struct FittedViewTests {
    @Test func aGraphThatFitsIsDrawnWhole() {
        let snapshot = CollapsedViewTests.mlp([4, 4, 1])
        let fitted = FittedView(snapshot, options: GraphViewOptions(), maxNodes: 1_000, countingOperations: true)
        #expect(fitted.fits && !fitted.collapsedAutomatically)
        #expect(fitted.view.graph == snapshot)
        #expect(fitted.nodeCount == GraphView(snapshot).drawnNodeCount(countingOperations: true))
    }

    /// The deepest depth whose view fits is chosen: each tighter budget closes one more level.
    @Test func theDeepestDepthThatFitsIsChosen() throws {
        let snapshot = CollapsedViewTests.mlp([4, 4, 1])
        let sizes = (0...2).map { depth in
            let view = GraphView(snapshot, options: GraphViewOptions(depth: depth))
            return (
                view.drawnNodeCount(countingOperations: true), view.drawnEdgeCount(countingOperations: true)
            )
        }
        let full = GraphView(snapshot).drawnNodeCount(countingOperations: true)
        #expect(sizes[0].0 < sizes[1].0 && sizes[1].0 < sizes[2].0 && sizes[2].0 < full)
        for depth in 0...2 {
            let (nodes, edges) = sizes[depth]
            let fitted = FittedView(
                snapshot, options: GraphViewOptions(), maxNodes: nodes, maxEdges: edges, countingOperations: true)
            #expect(fitted.fits && fitted.collapsedAutomatically)
            #expect(fitted.options.depth == depth, "budget \(nodes) nodes, \(edges) edges")
            #expect(fitted.nodeCount == nodes && fitted.edgeCount == edges)
            #expect(fitted.requestedNodeCount == full)
            CollapsedViewTests.expectFaithful(fitted.view)
        }
        // Edges count too: twice the nodes by default, which two dense layers exceed.
        let dense = CollapsedViewTests.mlp([16, 16, 1])
        let fitted = FittedView(dense, options: GraphViewOptions(), maxNodes: 150, countingOperations: true)
        let neurons = GraphView(dense, options: GraphViewOptions(depth: 2))
        #expect(neurons.drawnNodeCount(countingOperations: true) <= 150)
        #expect(neurons.drawnEdgeCount(countingOperations: true) > 300)
        #expect(fitted.options.depth == 1)
    }

    @Test func aChosenDepthIsKept() {
        let snapshot = CollapsedViewTests.mlp([4, 4, 1])
        let fitted = FittedView(snapshot, options: GraphViewOptions(depth: 2), maxNodes: 5, countingOperations: true)
        #expect(fitted.options.depth == 2 && !fitted.collapsedAutomatically && !fitted.fits)
    }

    /// Without scopes, only rolling can shrink a graph: a batch of identical per-example terms.
    @Test func rollingIsTriedWhenNoDepthFits() throws {
        let weight = Value(0.5, label: "w", role: .parameter)
        let loss = (0..<60).map { (weight * Value(Double($0) / 10)).relu() }.sum()
        loss.backward()
        let snapshot = loss.snapshot()
        let fitted = FittedView(snapshot, options: GraphViewOptions(), maxNodes: 20, countingOperations: true)
        #expect(fitted.fits && fitted.options.rollsRepeats && fitted.options.depth == nil)
        #expect(fitted.nodeCount <= 20)
        CollapsedViewTests.expectFaithful(fitted.view)
        // A budget nothing meets: the smallest view, marked as not fitting.
        let tight = FittedView(snapshot, options: GraphViewOptions(), maxNodes: 2, countingOperations: true)
        #expect(!tight.fits && tight.options.rollsRepeats)
        #expect(tight.nodeCount == fitted.nodeCount)
    }
}
