import Foundation

/// Renders DOT text to SVG, PNG or PDF through Graphviz's C library (libgvc); no `dot` binary is
/// needed.
///
/// ```swift
/// // DOT from elsewhere: checked, limited, rendered in a separate process.
/// let svg: Data = try GraphRenderer.render(dot: text, format: .svg)
/// // DOT you wrote yourself:
/// try GraphRenderer.write(dot: snapshot.dot(), format: .png, to: URL(filePath: "neuron.png"), options: .trusted)
/// ```
///
/// By default each render runs in a child process forked from a warmed-up Graphviz context: a
/// crash, abort, hang or memory blow-up inside Graphviz becomes a ``RenderError`` (this process
/// carries on), memory stays flat however many graphs are drawn, and the same DOT always gives the
/// same bytes. ``RenderOptions/Isolation/sameProcess`` renders in this process instead.
///
/// Safe to call from any thread. Renders in separate processes run in parallel; Graphviz calls
/// in this process are serialized, because Graphviz itself is not thread-safe.
public enum GraphRenderer {
    /// Lays out and renders a graph from DOT that is not trusted (with the defaults of ``RenderOptions``).
    ///
    /// - Parameters:
    ///   - dot: The graph in DOT.
    ///   - format: `.svg`, `.png` or `.pdf`.
    ///   - layout: The Graphviz layout engine, `dot` by default.
    /// - Returns: The image's bytes.
    /// - Throws: ``RenderError`` with Graphviz's own message when the DOT cannot be read, a label is
    ///   invalid, an attribute is unsafe, a limit is exceeded, the layout or output plugin is missing,
    ///   or rendering fails. A failed render does not affect later ones.
    public static func render(dot: String, format: RenderFormat, layout: String = "dot") throws(RenderError) -> Data {
        try render(dot: dot, format: format, options: RenderOptions(layout: layout))
    }

    /// Lays out and renders a graph as `options` say.
    ///
    /// - Parameters:
    ///   - dot: The graph in DOT.
    ///   - format: `.svg`, `.png` or `.pdf`.
    ///   - options: The layout engine, how far to trust the DOT, limits, and where to render.
    /// - Returns: The image's bytes.
    /// - Throws: ``RenderError``; see ``RenderError/Kind`` for every reason.
    public static func render(dot: String, format: RenderFormat, options: RenderOptions) throws(RenderError) -> Data {
        try GraphvizSession.shared.render(dot: dot, format: format, options: options)
    }

    /// Renders a graph and writes it to a file atomically: a failed render leaves no file, and a
    /// file that was there stays as it was.
    ///
    /// - Parameters:
    ///   - dot: The graph in DOT.
    ///   - format: `.svg`, `.png` or `.pdf`.
    ///   - url: Where to write the image.
    ///   - options: The layout engine, how far to trust the DOT, limits, and where to render.
    /// - Throws: ``RenderError`` when rendering fails, ``FileWriteError`` when writing fails.
    public static func write(dot: String, format: RenderFormat, to url: URL, options: RenderOptions) throws {
        let data = try render(dot: dot, format: format, options: options)
        try AtomicFile.write(data, to: url)
    }

    /// Renders a graph from DOT that is not trusted and writes it to a file atomically.
    ///
    /// - Parameters:
    ///   - dot: The graph in DOT.
    ///   - format: `.svg`, `.png` or `.pdf`.
    ///   - url: Where to write the image.
    ///   - layout: The Graphviz layout engine, `dot` by default.
    /// - Throws: ``RenderError`` when rendering fails, ``FileWriteError`` when writing fails.
    public static func write(dot: String, format: RenderFormat, to url: URL, layout: String = "dot") throws {
        try write(dot: dot, format: format, to: url, options: RenderOptions(layout: layout))
    }

    /// The layout engines and output formats Graphviz found on this machine.
    ///
    /// - Throws: ``RenderError`` of kind `.pluginsMissing` when Graphviz's plugins cannot be found.
    public static func availablePlugins() throws(RenderError) -> (layouts: [String], formats: [String]) {
        try GraphvizSession.shared.availablePlugins()
    }
}
