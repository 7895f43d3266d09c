/// Why Graphviz could not render a graph. The message is Graphviz's own where
/// it gave one, followed by what to do.
public struct RenderError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What went wrong.
    public enum Kind: String, Sendable {
        /// The DOT text could not be read, or it is not exactly one graph.
        case syntax
        /// The graph was read but a label or attribute was invalid.
        case invalidGraph
        /// Laying the graph out failed.
        case layout
        /// Producing the image failed.
        case render
        /// Graphviz's plugins (layouts or output formats) are not available.
        case pluginsMissing
        /// The requested layout engine does not exist.
        case unknownLayout
        /// The DOT would make Graphviz read local files or write script-bearing links; see
        /// ``RenderOptions/allowsUnsafeInput``.
        case unsafeInput
        /// The DOT, one of its tokens, or the drawing it asks for is over a ``RenderLimits`` limit.
        case tooLarge
        /// Rendering took longer than ``RenderOptions/timeLimit``.
        case timedOut
        /// Rendering needed more memory than ``RenderOptions/memoryLimit`` (or than the system had).
        case outOfMemory
        /// Graphviz (or cairo, pango, fontconfig) crashed while rendering. Only the render process
        /// ended; the next render works.
        case crashed
        /// The render process could not be started (for example, no more processes allowed).
        case system
    }

    /// What went wrong.
    public let kind: Kind
    /// Graphviz's message and what to do about it.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - message: Graphviz's message and what to do about it.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
