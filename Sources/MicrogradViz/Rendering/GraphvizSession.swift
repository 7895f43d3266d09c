import CGraphviz
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The one Graphviz context of the process, the lock around it, and the two ways a render runs.
///
/// libgvc and cgraph are not thread-safe, not even with one context per thread (parser state,
/// error state and `setlocale` are global), so every call into them in this process happens while
/// `lock` is held. One context is made on first use and kept; each format and layout engine is
/// warmed up on its first use (plugins loaded, fontconfig and pango initialised by a tiny render).
///
/// A render in a separate process forks while holding the lock, so the child starts from that
/// warm context, identical for every render; the parent releases the lock as soon as the child
/// exists and waits for it outside, so such renders run in parallel. A render in this process
/// holds the lock throughout and frees the graph, its layout and the bytes afterwards.
final class GraphvizSession: @unchecked Sendable {
    static let shared = GraphvizSession()

    private let lock = NSLock()
    private var context: OpaquePointer?
    private var layouts: Set<String> = []
    private var devices: Set<String> = []
    private var warmedLayouts: Set<String> = []
    private var warmedFormats: Set<RenderFormat> = []

    /// Graphviz's messages since the last reset, written by ``captureMessage``.
    /// Only touched while `lock` is held.
    nonisolated(unsafe) fileprivate static var messages = ""

    /// Renders `dot` to `format` as `options` say.
    func render(dot: String, format: RenderFormat, options: RenderOptions) throws(RenderError) -> Data {
        let limits = options.allowsUnsafeInput ? nil : options.limits
        try DOTInputScan.check(dot, limits: limits)
        var text = Array(dot.utf8)
        text.append(0)
        let layout = strdup(options.layout)!
        let formatName = strdup(format.rawValue)!
        defer {
            free(layout)
            free(formatName)
        }
        return try text.withUnsafeBufferPointer { bytes throws(RenderError) in
            let request = micrograd_render_request(
                text: UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                length: bytes.count - 1, layout: layout, format: formatName,
                checks_untrusted: limits == nil ? 0 : 1, checks_canvas: limits == nil ? 0 : 1,
                device_dpi: format == .png ? 96 : 72, maximum_dpi: limits?.maximumDPI ?? .infinity,
                maximum_side: limits?.maximumSide ?? .infinity, maximum_pixels: limits?.maximumPixels ?? .infinity)
            switch options.isolation {
            case .sameProcess:
                return try renderHere(request, format: format, options: options)
            case .separateProcess:
                let process = try startRenderProcess(request, format: format, options: options)
                return try process.finish()
            }
        }
    }

    /// The layout engines and output formats available, for messages and checks.
    func availablePlugins() throws(RenderError) -> (layouts: [String], formats: [String]) {
        lock.lock()
        defer { lock.unlock() }
        _ = try prepareContext()
        return (layouts.sorted(), devices.sorted())
    }

    // MARK: - The two ways

    /// Renders in this process, holding the lock throughout.
    private func renderHere(_ request: micrograd_render_request, format: RenderFormat, options: RenderOptions)
        throws(RenderError) -> Data
    {
        lock.lock()
        defer { lock.unlock() }
        let gvc = try ready(layout: options.layout, format: format)
        Self.messages = ""
        var request = request
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        var explanation = micrograd_explanation()
        let outcome = micrograd_render_graph(gvc, &request, 1, &data, &length, &explanation)
        defer { if let data { gvFreeRenderData(data) } }
        let report = RenderReport(
            outcome: outcome, explanation: Self.text(of: &explanation), messages: Self.messages, format: format)
        if let error = report.error { throw error }
        if !options.allowsUnsafeInput && Int(length) > options.limits.maximumImageBytes {
            throw RenderProcess.imageTooLarge(format: format, limit: options.limits.maximumImageBytes)
        }
        let image = Data(bytes: data!, count: Int(length))
        try RenderedImageCheck.check(image, format: format)
        return format == .pdf ? PDFDates.removed(from: image) : image
    }

    /// Forks the render process while holding the lock; the caller waits for it without the lock.
    private func startRenderProcess(_ request: micrograd_render_request, format: RenderFormat, options: RenderOptions)
        throws(RenderError) -> RenderProcess
    {
        lock.lock()
        defer { lock.unlock() }
        let gvc = try ready(layout: options.layout, format: format)
        return try RenderProcess.start(context: gvc, request: request, format: format, options: options)
    }

    // MARK: - The context

    /// The context, with `layout` and `format` checked and warmed up.
    private func ready(layout: String, format: RenderFormat) throws(RenderError) -> OpaquePointer {
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
        // Plugins, fontconfig, pango and cairo initialise on first use: do it here, once per format
        // (with a record, an HTML label, and the fonts our diagrams use) and once per layout engine,
        // so that every render process starts from the same warm state instead of each doing it
        // again (pango would start threads in the render process to match fonts).
        if !warmedFormats.contains(format) {
            warmUp(
                gvc,
                dot: """
                    digraph { node [fontname="Helvetica", fontsize=11]; a [shape=record, label="{a|1.0}"];
                    b [label=<<B>b</B> <I>i</I>>, fontname="Times-Roman", fontsize=14]; a -> b [label="x", fontsize=9] }
                    """,
                layout: "dot", format: format.rawValue)
            warmedFormats.insert(format)
        }
        if !warmedLayouts.contains(layout) {
            warmUp(gvc, dot: "digraph { a -> b }", layout: layout, format: "svg")
            warmedLayouts.insert(layout)
        }
        return gvc
    }

    /// Makes the context on first use, checks that the plugins were found, and warms it up.
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

    /// Renders a tiny graph in this process; its outcome does not matter.
    private func warmUp(_ gvc: OpaquePointer, dot: String, layout: String, format: String) {
        var text = Array(dot.utf8CString)
        text.withUnsafeMutableBufferPointer { bytes in
            layout.withCString { layoutName in
                format.withCString { formatName in
                    var request = micrograd_render_request(
                        text: bytes.baseAddress!, length: bytes.count - 1, layout: layoutName, format: formatName,
                        checks_untrusted: 0, checks_canvas: 0, device_dpi: 72, maximum_dpi: 0, maximum_side: 0,
                        maximum_pixels: 0)
                    var data: UnsafeMutablePointer<CChar>?
                    var length: UInt32 = 0
                    var explanation = micrograd_explanation()
                    _ = micrograd_render_graph(gvc, &request, 1, &data, &length, &explanation)
                    if let data { gvFreeRenderData(data) }
                }
            }
        }
        Self.messages = ""
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

    /// The text of a C explanation buffer.
    static func text(of explanation: inout micrograd_explanation) -> String {
        withUnsafeBytes(of: &explanation.text) { bytes in
            let characters = bytes.bindMemory(to: UInt8.self)
            let end = characters.firstIndex(of: 0) ?? characters.count
            return String(decoding: characters[..<end], as: UTF8.self)
        }
    }
}

/// Receives Graphviz's error and warning messages (called with the session's lock held).
private func captureMessage(_ message: UnsafeMutablePointer<CChar>?) -> Int32 {
    if let message { GraphvizSession.messages += String(cString: message) }
    return 0
}
