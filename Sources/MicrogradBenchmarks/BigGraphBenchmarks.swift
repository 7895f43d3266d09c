import Foundation
import Micrograd
import MicrogradViz

#if canImport(Glibc)
    import Glibc
#endif

/// Wall-clock and CPU seconds taken by `body` (CPU time of the whole process, so a
/// loaded machine shows as wall time above CPU time).
func timed(_ body: () -> Void) -> (wall: Double, cpu: Double) {
    func cpuNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
    let cpuStart = cpuNow()
    let wall = seconds(body)
    return (wall, cpuNow() - cpuStart)
}

/// The runs of `timed(body)` with the median wall time.
func medianTimed(runs: Int, _ body: () -> Void) -> (wall: Double, cpu: Double) {
    let times = (0..<runs).map { _ in timed(body) }.sorted { $0.wall < $1.wall }
    return times[runs / 2]
}

/// One example's hinge loss through micrograd's demo MLP, `MLP(2, [h, h, 1])`, after backward():
/// about 1,000 values for h = 16.
func demoExampleLoss(hidden: Int) -> Value {
    let task = ClassificationTask(model: MLP(2, [hidden, hidden, 1]), dataset: .moons(count: 100, noise: 0.1))
    let loss = task.exampleLoss(at: 0)
    loss.backward()
    return loss
}

/// What the CLI draws by default for `snapshot`: the view fitted into 150 nodes, record
/// style with scope boxes, laid out as ``LayoutPlan`` decides.
func defaultDiagram(_ snapshot: GraphSnapshot) -> (dot: String, plan: LayoutPlan, fitted: FittedView) {
    let fitted = FittedView(snapshot, options: GraphViewOptions(), maxNodes: 150, countingOperations: true)
    let plan = LayoutPlan(nodeCount: fitted.nodeCount, drawsScopes: true)
    var options = DOTOptions()
    options.layoutTuning = plan.tuning
    let dot = fitted.collapsedAutomatically ? fitted.view.dot(options: options) : snapshot.dot(options: options)
    return (dot, plan, fitted)
}

/// Pixel width and height of a PNG, from its header.
func pngSize(_ data: Data) -> (width: Int, height: Int) {
    guard data.count > 24 else { return (0, 0) }
    let bytes = [UInt8](data.prefix(24))
    func word(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (word(16), word(20))
}

/// The figures issue "Big graphs stay readable and fast" asks for.
func benchmarkBigGraphs() {
    print("== Big graphs: collapsed views and layout that never hangs ==")
    // 1. micrograd's demo MLP on one example, default options, end to end to PNG.
    var png = Data()
    var described = ""
    var demoDOT = ""
    let demo = medianTimed(runs: 5) {
        let loss = demoExampleLoss(hidden: 16)
        let snapshot = loss.snapshot()
        let (dot, plan, fitted) = defaultDiagram(snapshot)
        demoDOT = dot
        png = (try? GraphRenderer.render(dot: dot, format: .png, layout: plan.engine.rawValue)) ?? Data()
        described =
            "\(snapshot.nodes.count) values drawn as \(fitted.nodeCount) nodes (depth \(fitted.options.depth ?? -1))"
    }
    let size = pngSize(png)
    // Graphviz draws 11-point text at 96 pixels per inch: 14.7 px, scaled down if the image is wider than the slide.
    let textHeight = 11.0 * 96 / 72 * min(1, 1920 / Double(max(size.width, 1)))
    print(
        String(
            format: "demo MLP 2-16-16-1, one example, default view, build to PNG: %.3f s wall, %.3f s CPU; "
                + "%@; %d×%d px, text %.1f px high on a 1920-px slide",
            demo.wall, demo.cpu, described, size.width, size.height, textHeight))
    if let path = ProcessInfo.processInfo.environment["MICROGRAD_BENCHMARK_IMAGES"] {
        try? png.write(to: URL(fileURLWithPath: path).appendingPathComponent("demo-mlp-example.png"))
        try? Data(demoDOT.utf8).write(to: URL(fileURLWithPath: path).appendingPathComponent("demo-mlp-example.dot"))
    }

    // 2. A graph of about 100,000 values: micrograd's demo loss over 152 points.
    let task = ClassificationTask(model: MLP(2, [16, 16, 1]), dataset: .moons(count: 152, noise: 0.1))
    let loss = task.loss(on: nil).loss
    loss.backward()
    var snapshot = loss.snapshot()
    var svg = Data()
    var overview = ""
    var overviewDOT = ""
    let collapsed = medianTimed(runs: 3) {
        snapshot = loss.snapshot()
        let (dot, plan, fitted) = defaultDiagram(snapshot)
        overviewDOT = dot
        svg = (try? GraphRenderer.render(dot: dot, format: .svg, layout: plan.engine.rawValue)) ?? Data()
        overview =
            "depth \(fitted.options.depth.map(String.init) ?? "all"), "
            + (fitted.options.rollsRepeats ? "repeats rolled, " : "") + "\(fitted.nodeCount) nodes"
    }
    let fullDOT = medianTimed(runs: 3) { _ = snapshot.dot() }
    let fullJSON = medianTimed(runs: 3) { _ = snapshot.json() }
    print(
        String(
            format: "%d values: collapsed overview (%@), snapshot to SVG: %.3f s wall, %.3f s CPU (%d KB)",
            snapshot.nodes.count, overview, collapsed.wall, collapsed.cpu, svg.count / 1024))
    print(
        String(
            format: "  the full graph as DOT: %.3f s wall (%.3f CPU); as JSON: %.3f s wall (%.3f CPU)", fullDOT.wall,
            fullDOT.cpu, fullJSON.wall, fullJSON.cpu))
    if let path = ProcessInfo.processInfo.environment["MICROGRAD_BENCHMARK_IMAGES"] {
        try? svg.write(to: URL(fileURLWithPath: path).appendingPathComponent("overview-100k.svg"))
        try? Data(overviewDOT.utf8).write(to: URL(fileURLWithPath: path).appendingPathComponent("overview-100k.dot"))
    }

    // 3. The 1,000-value MLP with a box per scope: every value, every box.
    let example = demoExampleLoss(hidden: 16).snapshot()
    let layoutNodes = GraphView(example).drawnNodeCount(countingOperations: true)
    let plan = LayoutPlan(nodeCount: layoutNodes, drawsScopes: true)
    var tuned = DOTOptions()
    tuned.layoutTuning = plan.tuning
    let dot = example.dot(options: tuned)
    let boxes = medianTimed(runs: 3) { _ = try? GraphRenderer.render(dot: dot, format: .svg, options: .trusted) }
    print(
        String(
            format: "%d-value MLP, every value and a box per scope, to SVG with the planned layout (%@): "
                + "%.3f s wall, %.3f s CPU (Graphviz's defaults: over 40 s; `micrograd-benchmark layout` measures)",
            example.nodes.count, plan.changes.joined(separator: ", "), boxes.wall, boxes.cpu))
}

/// Where `dot` gets slow: MLP loss graphs of 300–3,500 values in each way of drawing them.
///
/// - Parameter slow: Whether to run the variants known to take minutes.
func benchmarkLayout(slow: Bool) {
    print("== Layout: seconds to lay out and render SVG (wall / CPU), MLP(2, [h, h, 1]) one-example loss graphs ==")
    let variants: [(name: String, options: DOTOptions, slowFrom: Int)] = [
        ("record, scope boxes", DOTOptions(), 600),
        (
            "record, boxes, newrank",
            {
                var o = DOTOptions()
                o.layoutTuning.ranksClustersTogether = true
                return o
            }(), 2_000
        ),
        (
            "record, boxes, newrank, nslimit \(LayoutPlan.searchLimit)",
            {
                var o = DOTOptions()
                o.layoutTuning = LayoutTuning(ranksClustersTogether: true, searchLimit: LayoutPlan.searchLimit)
                return o
            }(), 4_000
        ),
        ("record, no boxes", DOTOptions(groupsScopes: false), 1_000),
        (
            "compact, boxes, newrank",
            {
                var o = DOTOptions(style: .compact)
                o.layoutTuning.ranksClustersTogether = true
                return o
            }(), 4_000
        ),
    ]
    for hidden in [8, 11, 16, 20, 32] {
        let snapshot = demoExampleLoss(hidden: hidden).snapshot()
        let nodes = GraphView(snapshot).drawnNodeCount(countingOperations: true)
        var cells: [String] = []
        for variant in variants {
            guard slow || snapshot.nodes.count < variant.slowFrom else {
                cells.append("\(variant.name): skipped (minutes)")
                continue
            }
            let dot = snapshot.dot(options: variant.options)
            let time = timed { _ = try? GraphRenderer.render(dot: dot, format: .svg, options: .trusted) }
            cells.append(String(format: "%@: %.2f / %.2f", variant.name, time.wall, time.cpu))
        }
        print("\(snapshot.nodes.count) values (\(nodes) nodes): " + cells.joined(separator: "; "))
    }
}
