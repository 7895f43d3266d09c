// libFuzzer harness for DOT rendering: any bytes, as untrusted DOT, through GraphRenderer.
// Built only with MICROGRAD_FUZZ=1 and -sanitize=fuzzer; run it with `make fuzz`.
//
// The process must never crash or hang, whatever the input: Graphviz's own crashes stay in the
// render process and come back as RenderError. With MICROGRAD_FUZZ_IN_PROCESS=1 it renders in
// this process instead, to look for Graphviz bugs that callers of `.sameProcess` would meet.

import Foundation
import MicrogradViz

/// The options every input is rendered with: untrusted, with short limits so that slow inputs
/// cost seconds, not minutes.
let fuzzOptions: RenderOptions = {
    var options = RenderOptions()
    options.timeLimit = .seconds(3)
    options.memoryLimit = 512 << 20
    if ProcessInfo.processInfo.environment["MICROGRAD_FUZZ_IN_PROCESS"] == "1" { options.isolation = .sameProcess }
    return options
}()

/// One input: rendered as SVG (and every fourth as PNG too); must end in an image or a RenderError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDOT(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    // Mostly SVG (cheap); every fourth input also as PNG, to reach cairo and pango.
    let formats: [RenderFormat] = count % 4 == 0 ? [.svg, .png] : [.svg]
    for format in formats {
        do {
            let image = try GraphRenderer.render(dot: text, format: format, options: fuzzOptions)
            // A rendered image is complete (the renderer checks) and not empty.
            if image.isEmpty { fatalError("an empty \(format) rendered without an error") }
        } catch {
            // Every failure must be a typed error with a message a user can act on.
            if error.message.isEmpty { fatalError("a RenderError of kind \(error.kind) without a message") }
            if error.kind == .system { fatalError("could not start a render process: \(error.message)") }
        }
    }
    return 0
}
