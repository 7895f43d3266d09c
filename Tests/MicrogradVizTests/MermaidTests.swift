import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

@Suite("Mermaid")
struct MermaidTests {
    @Test func flowchartWithRolesAndOperations() {
        let root = SampleGraphs.neuron()
        root.backward()
        let mermaid = root.snapshot().mermaid()
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        #expect(mermaid.contains("  n0[\"x1<br>data 2.0000<br>grad -1.5000\"]"))
        #expect(mermaid.contains("  n2_op((\"#42;\"))"), "* is Markdown emphasis, so it is an entity")
        #expect(mermaid.contains("  n0 --> n2_op\n"))
        #expect(mermaid.contains("  n2_op --> n2\n"))
        #expect(mermaid.contains("  class n1,n4,n7 parameter\n"))
        #expect(mermaid.contains("  class n9 output\n"))
        #expect(mermaid.contains("classDef input fill:#dbeafe"))
    }

    @Test func scopesAreSubgraphs() {
        let mermaid = SampleGraphs.mlp().snapshot().mermaid()
        // Titled with the full path and the parameters held: 2 neurons of 2 weights and a bias, then 1 of 2 and 1.
        #expect(mermaid.contains("  subgraph scope_mlp [\"mlp #183; 9 params\"]\n"))
        #expect(mermaid.contains("    subgraph scope_mlp_2f_layer0 [\"mlp/layer0 #183; 6 params\"]\n"))
        #expect(
            mermaid.components(separatedBy: "subgraph").count == mermaid.components(separatedBy: "\n  end\n").count
                + mermaid.components(separatedBy: "\n    end\n").count
                + mermaid.components(separatedBy: "\n      end\n").count - 2)
        #expect(
            !SampleGraphs.mlp().snapshot().mermaid(options: MermaidOptions(groupsScopes: false)).contains("subgraph"))
    }

    @Test func edgesKeepEveryOperandSlot() {
        let a = Value(2.0, label: "a")
        let mermaid = (a * a).snapshot().mermaid(options: MermaidOptions(rankDirection: .topToBottom))
        #expect(mermaid.hasPrefix("flowchart TB\n"))
        #expect(mermaid.components(separatedBy: "  n0 --> n1_op\n").count - 1 == 2)
        let b = Value(1.0, label: "b")
        #expect((a / b).snapshot().mermaid().contains("  n0 -->|a| n2_op\n"))
    }
}
