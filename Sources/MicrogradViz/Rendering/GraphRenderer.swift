import Foundation

/// Renders DOT text to SVG, PNG or PDF in this process, through Graphviz's C
/// library (libgvc); no `dot` binary is needed.
///
/// ```swift
/// let svg: Data = try GraphRenderer.render(dot: snapshot.dot(), format: .svg)
/// try GraphRenderer.write(dot: snapshot.dot(), format: .png, to: URL(filePath: "neuron.png"))
/// ```
///
/// Safe to call from any thread: calls are serialized, because Graphviz itself
/// is not thread-safe.
public enum GraphRenderer {
    /// Lays out and renders a graph.
    ///
    /// - Parameters:
    ///   - dot: The graph in DOT.
    ///   - format: `.svg`, `.png` or `.pdf`.
    ///   - layout: The Graphviz layout engine, `dot` by default.
    /// - Returns: The image's bytes.
    /// - Throws: ``RenderError`` with Graphviz's own message when the DOT cannot be read,
    ///   a label is invalid, the layout or output plugin is missing, or rendering fails.
    ///   A failed render does not affect later ones.
    public static func render(dot: String, format: RenderFormat, layout: String = "dot") throws(RenderError) -> Data {
        try GraphvizSession.shared.render(dot: dot, format: format, layout: layout)
    }

    /// Renders a graph and writes it to a file atomically: a failed render leaves no file.
    ///
    /// - Parameters:
    ///   - dot: The graph in DOT.
    ///   - format: `.svg`, `.png` or `.pdf`.
    ///   - url: Where to write the image.
    ///   - layout: The Graphviz layout engine, `dot` by default.
    /// - Throws: ``RenderError`` when rendering fails, ``FileWriteError`` when writing fails.
    public static func write(dot: String, format: RenderFormat, to url: URL, layout: String = "dot") throws {
        let data = try render(dot: dot, format: format, layout: layout)
        try AtomicFile.write(data, to: url)
    }

    /// The layout engines and output formats Graphviz found on this machine.
    ///
    /// - Throws: ``RenderError`` of kind `.pluginsMissing` when Graphviz's plugins cannot be found.
    public static func availablePlugins() throws(RenderError) -> (layouts: [String], formats: [String]) {
        try GraphvizSession.shared.availablePlugins()
    }
}
