import CGraphviz
import Foundation

/// The one Graphviz context of the process, and the lock around it.
///
/// libgvc and cgraph are not thread-safe, not even with one context per thread
/// (parser state, error state and `setlocale` are global), so every call into
/// them happens while `lock` is held. One context is made on first use and kept:
/// making and freeing one per render leaks. After each render the graph, its
/// layout and the rendered bytes are freed, so memory stays flat.
final class GraphvizSession: @unchecked Sendable {
    static let shared = GraphvizSession()

    private let lock = NSLock()
    private var context: OpaquePointer?
    private var layouts: Set<String> = []
    private var devices: Set<String> = []

    /// Graphviz's messages since the last reset, written by ``captureMessage``.
    /// Only touched while `lock` is held.
    nonisolated(unsafe) fileprivate static var messages = ""

    /// Renders `dot` with the `layout` engine to `format`.
    func render(dot: String, format: RenderFormat, layout: String) throws(RenderError) -> Data {
        lock.lock()
        defer { lock.unlock() }
        let gvc = try prepareContext()
        guard layouts.contains(layout) else {
            throw RenderError(
                .unknownLayout,
                "Graphviz has no layout engine '\(layout)'. Available: \(layouts.sorted().joined(separator: ", ")).")
        }
        guard devices.contains(format.rawValue) else {
            throw RenderError(
                .pluginsMissing,
                "Graphviz cannot write \(format.rawValue.uppercased()) here: its cairo/pango plugin is missing. "
                    + "Install it with `sudo apt-get install libgvc6` (it comes with libgraphviz-dev), "
                    + "or choose svg.")
        }
        Self.messages = ""
        agreseterrors()
        guard let graph = GraphReader.read(dot) else {
            throw RenderError(.syntax, Self.report("Graphviz could not read the DOT text", fallback: "syntax error"))
        }
        defer { agclose(graph) }
        guard gvLayout(gvc, graph, layout) == 0 else {
            throw RenderError(.layout, Self.report("Graphviz could not lay out the graph", fallback: "layout failed"))
        }
        defer { gvFreeLayout(gvc, graph) }
        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let status = gvRenderData(gvc, graph, format.rawValue, &buffer, &length)
        defer { if let buffer { gvFreeRenderData(buffer) } }
        guard status == 0, let buffer else {
            throw RenderError(
                .render, Self.report("Graphviz could not render \(format.rawValue)", fallback: "render failed"))
        }
        // Bad record or HTML labels still return 0 above; only the error count shows them.
        if agerrors() > 0 {
            throw RenderError(.invalidGraph, Self.report("Graphviz reported errors in the graph", fallback: "error"))
        }
        return Data(bytes: buffer, count: Int(length))
    }

    /// The layout engines and output formats available, for messages and checks.
    func availablePlugins() throws(RenderError) -> (layouts: [String], formats: [String]) {
        lock.lock()
        defer { lock.unlock() }
        _ = try prepareContext()
        return (layouts.sorted(), devices.sorted())
    }

    /// Makes the context on first use and checks that the plugins were found.
    private func prepareContext() throws(RenderError) -> OpaquePointer {
        if let context { return context }
        _ = agseterrf(captureMessage)
        guard let gvc = gvContext() else {
            throw RenderError(.pluginsMissing, "Graphviz could not create a context (gvContext returned nothing).")
        }
        let foundLayouts = Self.pluginNames(gvc, kind: "layout")
        guard foundLayouts.contains("dot") else {
            gvFreeContext(gvc)
            throw RenderError(
                .pluginsMissing,
                "Graphviz found no layout plugins, so it cannot draw anything. Its plugin list (the file "
                    + "config6a next to the plugins, e.g. /usr/lib/x86_64-linux-gnu/graphviz/config6a) is missing. "
                    + "Create it with `sudo dot -c` (package graphviz) or reinstall the plugins with "
                    + "`sudo apt-get install --reinstall libgvc6`.")
        }
        context = gvc
        layouts = foundLayouts
        devices = Self.pluginNames(gvc, kind: "device")
        return gvc
    }

    /// The names of the plugins of one kind, without their `:library` suffixes.
    private static func pluginNames(_ gvc: OpaquePointer, kind: String) -> Set<String> {
        var count: Int32 = 0
        guard let list = gvPluginList(gvc, kind, &count, nil) else { return [] }
        var names: Set<String> = []
        for index in 0..<Int(count) {
            guard let entry = list[index] else { continue }
            names.insert(String(cString: entry).split(separator: ":").first.map(String.init) ?? "")
            free(entry)
        }
        free(list)
        return names
    }

    /// `prefix: <Graphviz's messages>`, or `prefix: fallback` when it said nothing.
    private static func report(_ prefix: String, fallback: String) -> String {
        let said = messages.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        return prefix + ": " + (said.isEmpty ? fallback : said)
    }
}

/// Receives Graphviz's error and warning messages (called with the session's lock held).
private func captureMessage(_ message: UnsafeMutablePointer<CChar>?) -> Int32 {
    if let message { GraphvizSession.messages += String(cString: message) }
    return 0
}
