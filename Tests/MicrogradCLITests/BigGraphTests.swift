import Foundation
import MicrogradTestSupport
import Testing

/// `--depth`, `--expand`, `--max-nodes`, `--roll`, `--focus`, `--radius` and `--layout`
/// on the command line: what is written, and what the user is told.
@Suite("Big graphs on the command line")
struct BigGraphTests {
    /// Runs `snapshot` into a fresh directory and returns the result and the directory.
    static func snapshot(_ arguments: [String]) throws -> (result: CLIResult, directory: URL) {
        let directory = try temporaryDirectory()
        let result = try micrograd(["snapshot"] + arguments + ["--out", directory.path])
        return (result, directory)
    }

    static func text(_ directory: URL, _ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func theMLPCollapsesToItsNeuronsAndSaysSo() throws {
        let (result, directory) = try Self.snapshot(["mlp", "--format", "dot,json,mermaid", "--stage", "after"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.standardError)")
        // JSON keeps every value unless a view is asked for.
        let json = try GraphFile(contentsOf: directory.appendingPathComponent("mlp-after.json"))
        #expect(json.nodes.count == 108)
        // Each value and each operation node are laid out: more than 150.
        let laidOut = json.nodes.count + json.nodes.filter { $0.op != nil }.count
        #expect(laidOut > 150)
        #expect(
            result.standardError.contains("note: the graph has 108 values (\(laidOut) nodes"), "\(result.standardError)"
        )
        #expect(result.standardError.contains("each scope nested deeper than 2 as one box"))
        #expect(result.standardError.contains("--depth all or --max-nodes none draws every value"))
        let dot = try Self.text(directory, "mlp-after.dot")
        expectMatchesGolden(dot, named: "mlp-depth2-after.dot")
        #expect(dot.contains("neuron3: relu(w·x + b)") && dot.contains("neuron0: w·x + b"))
        #expect(dot.components(separatedBy: "style=\"filled,rounded\"").count - 1 == 9, "one box per neuron")
        #expect(try Self.text(directory, "mlp-after.mmd").contains("neuron3: relu#40;w·x + b#41;"))
    }

    @Test func maxNodesNoneAndDepthAllDrawEveryValue() throws {
        for option in [["--max-nodes", "none"], ["--depth", "all"]] {
            let (result, directory) = try Self.snapshot(["mlp", "--format", "dot", "--stage", "after"] + option)
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(result.status == 0 && result.standardError.isEmpty, "\(option): \(result.standardError)")
            let dot = try Self.text(directory, "mlp-after.dot")
            expectMatchesGolden(dot, named: "mlp-after.dot")
        }
    }

    @Test func depthTwoMatchesGolden() throws {
        let (result, directory) = try Self.snapshot(["mlp", "--depth", "2", "--format", "dot,json"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0 && result.standardError.isEmpty, "\(result.standardError)")
        expectMatchesGolden(try Self.text(directory, "mlp-after.dot"), named: "mlp-depth2-after.dot")
        expectMatchesGolden(try Self.text(directory, "mlp-after.json"), named: "mlp-depth2-after.json")
        // An old reader of version 1 reads the collapsed graph as a smaller one, with the
        // full graph's numbers.
        let view = try GraphFile(contentsOf: directory.appendingPathComponent("mlp-after.json"))
        #expect(view.version == 1 && view.nodes.count == 16)
        let (full, second) = try Self.snapshot(["mlp", "--format", "json", "--stage", "after"])
        defer { try? FileManager.default.removeItem(at: second) }
        #expect(full.status == 0)
        let every = try GraphFile(contentsOf: second.appendingPathComponent("mlp-after.json"))
        for label in ["loss", "x0", "x1", "y"] {
            #expect(
                view.node(label)?.data == every.node(label)?.data && view.node(label)?.grad == every.node(label)?.grad)
        }
        // The output neuron's box holds its score, the full graph's.
        let score = try #require(view.nodes.first { $0.label == "neuron0" && $0.scope == "mlp/layer2" })
        let product = try #require(every.nodes.first { $0.op == "*" && $0.scope.isEmpty })
        #expect(every.nodes[product.inputs[0]].data == score.data || every.nodes[product.inputs[1]].data == score.data)
    }

    @Test func focusMatchesGolden() throws {
        let (result, directory) = try Self.snapshot([
            "mlp", "--focus", "mlp/layer0/neuron3/w0", "--radius", "4", "--format", "dot", "--stage", "after",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0 && result.standardError.isEmpty, "\(result.standardError)")
        let dot = try Self.text(directory, "mlp-after.dot")
        expectMatchesGolden(dot, named: "mlp-focus-w0-after.dot")
        #expect(dot.contains("the graph continues there"))
    }

    @Test func rollAndExpandChangeWhatIsOneBox() throws {
        let (rolled, directory) = try Self.snapshot([
            "mlp", "--depth", "2", "--roll", "--format", "dot", "--stage", "after",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(rolled.status == 0, "\(rolled.standardError)")
        let dot = try Self.text(directory, "mlp-after.dot")
        #expect(dot.contains("neuron0–3 × 4: relu(w·x + b)"))
        #expect(dot.contains("xlabel=\"4\""), "layer 0's four activations on one edge")
        let (expanded, second) = try Self.snapshot([
            "mlp", "--depth", "1", "--expand", "mlp/layer1", "--format", "dot", "--stage", "after",
        ])
        defer { try? FileManager.default.removeItem(at: second) }
        #expect(expanded.status == 0, "\(expanded.standardError)")
        let open = try Self.text(second, "mlp-after.dot")
        #expect(open.contains("layer0: 4 × relu(w·x + b)") && open.contains("layer2: w·x + b"))
        #expect(open.contains("neuron1: relu(w·x + b)") && !open.contains("layer1: "))
    }

    @Test(arguments: [
        (["--layout", "circo"], "--layout"),
        (["--radius", "2"], "--radius applies to --focus"),
        (["--focus", "w9"], "no value or scope called 'w9'"),
        (["--focus", "w0"], "names 9 values"),
        (["--focus", "mlp/layer0/neuron3/w0", "--radius", "-1"], "--radius"),
        (["--expand", "mlp/layer7"], "did you mean 'mlp/layer0'?"),
        (["--depth", "-1"], "--depth"),
        (["--max-nodes", "0"], "--max-nodes"),
    ])
    func badOptionsExit64(arguments: [String], message: String) throws {
        let (result, directory) = try Self.snapshot(["mlp"] + arguments)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 64, "\(arguments)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.isEmpty ?? true, "no output")
    }

    @Test(arguments: ["sfdp", "neato", "dot"])
    func everyLayoutRenders(layout: String) throws {
        let (result, directory) = try Self.snapshot([
            "mlp", "--layout", layout, "--format", "svg,dot", "--stage", "after",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.standardError)")
        let svg = SVGTexts(try Data(contentsOf: directory.appendingPathComponent("mlp-after.svg")))
        #expect(svg.isWellFormed)
        #expect(svg.textsByGroup.values.contains { $0.contains("neuron3: relu(w·x + b)") })
        let dot = try Self.text(directory, "mlp-after.dot")
        #expect(dot.contains("overlap=\"prism\"") == (layout != "dot"))
    }

    /// A graph too big for Graphviz's defaults is laid out with the faster settings, and
    /// the user is told which and how to force the defaults.
    @Test func bigLayoutsAreTunedAndSayHow() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd([
            "train", "moons", "--model", "2,8,8,1", "--steps", "1", "--snapshot-every", "1", "--max-nodes", "none",
            "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("ranking the scope boxes together with the rest of the graph (newrank)"))
        #expect(result.standardError.contains("pass --layout dot for its default settings"))
        let svg = SVGTexts(try Data(contentsOf: directory.appendingPathComponent("moons-example0-step1.svg")))
        #expect(svg.isWellFormed)
        // By default the same run draws each neuron as one box, and says so.
        let collapsed = try micrograd([
            "train", "moons", "--model", "2,8,8,1", "--steps", "1", "--snapshot-every", "1", "--out", directory.path,
        ])
        #expect(collapsed.status == 0)
        #expect(collapsed.standardError.contains("note: the graph has"), "\(collapsed.standardError)")
        let boxes = SVGTexts(try Data(contentsOf: directory.appendingPathComponent("moons-example0-step1.svg")))
        #expect(boxes.textsByGroup.values.contains { $0.contains("neuron7: relu(w·x + b)") })
    }
}
