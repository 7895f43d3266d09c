/// How ``GraphRenderer`` renders a graph: which layout engine, how far it trusts the DOT, and how
/// much time and memory one render may take.
///
/// The defaults are safe for DOT from anywhere (a web form, a user's file): the graph may not
/// read local files or carry script-bearing links, it must stay within ``RenderLimits``, and the
/// render runs in a separate process that is stopped after a minute or 2 GiB.
///
/// ```swift
/// // DOT your own code wrote:
/// let svg = try GraphRenderer.render(dot: snapshot.dot(), format: .svg, options: .trusted)
/// // A big graph, with a time budget:
/// var options = RenderOptions.trusted
/// options.timeLimit = .seconds(10)
/// ```
public struct RenderOptions: Sendable, Equatable {
    /// Where the render runs.
    public enum Isolation: Sendable, Equatable {
        /// In a child process forked for each render: a crash, an abort, a hang or running out of
        /// memory in Graphviz becomes a ``RenderError``, time and memory limits apply, and memory
        /// Graphviz leaks goes away with the child. About a millisecond more per render.
        case separateProcess
        /// In this process, behind the renderer's lock. Faster by about a millisecond, but a
        /// Graphviz crash ends this process, ``RenderOptions/timeLimit`` and
        /// ``RenderOptions/memoryLimit`` do not apply, Graphviz 2.42 leaks memory for clusters and
        /// records, and failures cairo reports only on standard error go unnoticed.
        case sameProcess
    }

    /// The Graphviz layout engine: `dot` (layered, the default), `neato`, `sfdp`, `fdp`, `circo`,
    /// `twopi`, …; see ``GraphRenderer/availablePlugins()``.
    public var layout: String
    /// Whether to trust the DOT: when `true`, attributes that read local files (`image`,
    /// `shapefile`, `imagepath`, `fontpath`, `stylesheet`, `<IMG>` in HTML labels) and links of any
    /// scheme are allowed, and ``limits`` are not checked. `false` by default.
    public var allowsUnsafeInput: Bool
    /// Caps on the DOT text and on the drawing, checked unless ``allowsUnsafeInput``.
    public var limits: RenderLimits
    /// How long one render may take before it is stopped with ``RenderError/Kind/timedOut``;
    /// `nil` for no limit. One minute by default. Needs ``Isolation/separateProcess``.
    public var timeLimit: Duration?
    /// How much memory (in bytes) one render may allocate before it is stopped with
    /// ``RenderError/Kind/outOfMemory``; `nil` for no limit. 2 GiB by default. Needs
    /// ``Isolation/separateProcess``; not enforced under AddressSanitizer or ThreadSanitizer.
    public var memoryLimit: Int?
    /// Where the render runs: ``Isolation/separateProcess`` by default.
    public var isolation: Isolation

    /// Creates options; every default is the safe one described above.
    ///
    /// - Parameters:
    ///   - layout: The Graphviz layout engine.
    ///   - allowsUnsafeInput: Whether to trust the DOT.
    ///   - limits: Caps on untrusted DOT.
    ///   - timeLimit: The longest a render may take, or `nil`.
    ///   - memoryLimit: The most memory a render may allocate, in bytes, or `nil`.
    ///   - isolation: Where the render runs.
    public init(
        layout: String = "dot", allowsUnsafeInput: Bool = false, limits: RenderLimits = RenderLimits(),
        timeLimit: Duration? = .seconds(60), memoryLimit: Int? = 2 << 30, isolation: Isolation = .separateProcess
    ) {
        self.layout = layout
        self.allowsUnsafeInput = allowsUnsafeInput
        self.limits = limits
        self.timeLimit = timeLimit
        self.memoryLimit = memoryLimit
        self.isolation = isolation
    }

    /// For DOT you wrote yourself (for example with ``Micrograd/GraphSnapshot/dot(options:overlay:)``):
    /// no checks, no limits, in a separate process (so a Graphviz crash is still an error).
    public static var trusted: RenderOptions {
        RenderOptions(allowsUnsafeInput: true, timeLimit: nil, memoryLimit: nil)
    }
}
