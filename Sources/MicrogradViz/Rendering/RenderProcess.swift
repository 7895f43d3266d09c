import CGraphviz
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One render in a forked child process, seen from the parent: the child's pid and the two pipes
/// it reports on (the image, and everything Graphviz, cairo and pango say), and a deadline.
///
/// The child runs only C (``micrograd_render_child``): Swift's runtime is not safe to use after
/// `fork` in a process with other threads, while glibc's `malloc` is.
struct RenderProcess {
    let pid: pid_t
    let dataDescriptor: Int32
    let messageDescriptor: Int32
    let format: RenderFormat
    let deadline: ContinuousClock.Instant?
    let options: RenderOptions

    /// Forks the render process. Call with the session's lock held.
    static func start(
        context: OpaquePointer, request: micrograd_render_request, format: RenderFormat, options: RenderOptions
    ) throws(RenderError) -> RenderProcess {
        var data: [Int32] = [-1, -1]
        var messages: [Int32] = [-1, -1]
        guard micrograd_pipe(&data) == 0 else { throw systemError("could not make a pipe") }
        guard micrograd_pipe(&messages) == 0 else {
            let error = systemError("could not make a pipe")
            close(data[0])
            close(data[1])
            throw error
        }
        let memoryLimit = sanitizerIsActive ? 0 : Int64(options.memoryLimit ?? 0)
        let cpuSeconds =
            options.timeLimit.map { limit in
                Int(Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18 + 1)
            } ?? 0
        var request = request
        let deadline = options.timeLimit.map { ContinuousClock.now + $0 }
        let pid = micrograd_spawn_render(
            context, &request, data[1], messages[1], data[0], messages[0], memoryLimit, cpuSeconds)
        let failure = errno
        close(data[1])
        close(messages[1])
        guard pid > 0 else {
            close(data[0])
            close(messages[0])
            throw RenderError(
                .system,
                "could not start a render process: \(String(cString: strerror(failure))) (the system may be out of "
                    + "processes or memory; try again)")
        }
        return RenderProcess(
            pid: pid, dataDescriptor: data[0], messageDescriptor: messages[0], format: format, deadline: deadline,
            options: options)
    }

    /// Waits for the child (reading its pipes as it writes), then returns its image or its error.
    func finish() throws(RenderError) -> Data {
        // The image's header, then at most the image limit (for untrusted DOT).
        let imageLimit = options.allowsUnsafeInput ? Int.max : options.limits.maximumImageBytes
        var output = PipeReader(
            descriptor: dataDescriptor, limit: imageLimit == .max ? .max : imageLimit + headerSize)
        var messages = PipeReader(descriptor: messageDescriptor, limit: 65_536)
        var timedOut = false
        while (!output.finished || !messages.finished) && !output.overflowed {
            var timeout: Int32 = -1
            if let deadline {
                let left = ContinuousClock.now.duration(to: deadline)
                if left <= .zero {
                    timedOut = true
                    break
                }
                let milliseconds = Double(left.components.seconds) * 1000 + Double(left.components.attoseconds) / 1e15
                timeout = Int32(min(max(milliseconds.rounded(.up), 1), 60_000))
            }
            var descriptors = [output, messages].filter { !$0.finished }.map {
                pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0)
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 && errno != EINTR {
                kill(pid, SIGKILL)  // cannot wait for it: stop it, and report how it ended
                break
            }
            if ready <= 0 { continue }
            for entry in descriptors where entry.revents != 0 {
                if entry.fd == output.descriptor { output.readAvailable() } else { messages.readAvailable() }
            }
        }
        if timedOut || output.overflowed { kill(pid, SIGKILL) }
        output.close()
        messages.close()
        let report = timedOut || output.overflowed ? nil : Self.decode(output.bytes)
        var status: Int32 = 0
        var waited: pid_t
        if report != nil {
            // A complete report: the child is only exiting. Do not wait for the kernel to tear it down.
            repeat { waited = waitpid(pid, &status, WNOHANG) } while waited < 0 && errno == EINTR
            if waited == 0 { Self.reapLater(pid) }
        } else {
            repeat { waited = waitpid(pid, &status, 0) } while waited < 0 && errno == EINTR
        }
        let said = String(decoding: messages.bytes, as: UTF8.self)
        if output.overflowed { throw Self.imageTooLarge(format: format, limit: imageLimit) }
        if timedOut {
            throw RenderError(
                .timedOut,
                "Graphviz did not finish within \(Self.describe(options.timeLimit!)) and was stopped; draw a "
                    + "smaller graph (fewer nodes or edges, no clusters) or allow more time")
        }
        if let (outcome, payload) = report {
            if outcome == MICROGRAD_RENDERED {
                let report = RenderReport(outcome: outcome, explanation: "", messages: said, format: format)
                if let error = report.error { throw error }
                let image = Data(payload)
                try RenderedImageCheck.check(image, format: format)
                return format == .pdf ? PDFDates.removed(from: image) : image
            }
            let explanation = String(decoding: payload, as: UTF8.self)
            throw RenderReport(outcome: outcome, explanation: explanation, messages: said, format: format).error!
        }
        throw failure(status: waited == pid ? status : nil, messages: said)
    }

    /// The outcome and payload of a complete report from the child, or `nil`.
    private static func decode(_ bytes: [UInt8]) -> (Int32, ArraySlice<UInt8>)? {
        guard bytes.count >= headerSize else { return nil }
        let header = bytes.withUnsafeBytes { $0.loadUnaligned(as: micrograd_render_header.self) }
        guard header.magic == MICROGRAD_RENDER_MAGIC, UInt64(bytes.count - headerSize) == header.length else {
            return nil
        }
        return (header.outcome, bytes[headerSize...])
    }

    /// Why the child ended without a report: a signal, Graphviz calling exit(), or memory.
    private func failure(status: Int32?, messages: String) -> RenderError {
        let report = RenderReport(outcome: 0, explanation: "", messages: messages, format: format)
        let said = report.lines.isEmpty ? "" : ": " + report.said(or: "")
        // Out of the memory we allowed: Graphviz says so and exits, or a library crashes on a
        // failed allocation. (cairo also says "out of memory" for drawings beyond its own limits.)
        if let limit = options.memoryLimit, !Self.sanitizerIsActive,
            messages.lowercased().contains("memory") || messages.contains("std::bad_alloc")
        {
            return RenderError(
                .outOfMemory,
                "Graphviz ran out of memory (the limit is \(Self.describe(bytes: limit))) and was stopped\(said); "
                    + "draw a smaller graph or allow more memory")
        }
        guard let status else {
            return RenderError(.crashed, "the render process ended without a result\(said)")
        }
        let signal = status & 0x7f
        if signal != 0 {
            if signal == SIGXCPU, let limit = options.timeLimit {
                return RenderError(
                    .timedOut,
                    "Graphviz used more than \(Self.describe(limit)) of processor time and was stopped; draw a "
                        + "smaller graph or allow more time")
            }
            if signal == SIGKILL {
                return RenderError(
                    .outOfMemory,
                    "the render process was killed (SIGKILL), most likely by the system for using too much memory"
                        + "\(said); draw a smaller graph")
            }
            let name = String(cString: strsignal(signal))
            return RenderError(
                .crashed,
                "Graphviz crashed while rendering this graph (signal \(signal), \(name))\(said). Only the render "
                    + "process ended; check the graph's attributes, or draw it differently (another layout or style)")
        }
        let code = (status >> 8) & 0xff
        if code == MICROGRAD_GRAPHVIZ_EXITED {
            return RenderError(.layout, "Graphviz gave up on this graph\(said)")
        }
        return RenderError(.crashed, "the render process ended with status \(code)\(said)")
    }

    /// The error for an image over ``RenderLimits/maximumImageBytes``.
    static func imageTooLarge(format: RenderFormat, limit: Int) -> RenderError {
        RenderError(
            .tooLarge,
            "refused DOT that is not trusted: the \(format.rawValue.uppercased()) would be over the limit of "
                + "\(describe(bytes: limit)) (check the graph's size, dpi and layers)")
    }

    /// The size of the report's header.
    private var headerSize: Int { Self.headerSize }
    private static let headerSize = MemoryLayout<micrograd_render_header>.size

    /// Waits for an exiting child on another thread, so that it does not stay a zombie.
    private static func reapLater(_ pid: pid_t) {
        DispatchQueue.global(qos: .utility).async {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    /// `60 s`, `1.5 s`, `250 ms`.
    static func describe(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }

    /// `2 GiB`, `512 MiB`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }

    private static func systemError(_ what: String) -> RenderError {
        RenderError(.system, "\(what): \(String(cString: strerror(errno)))")
    }

    /// Whether AddressSanitizer or ThreadSanitizer runs in this process: their shadow memory
    /// counts against RLIMIT_DATA, so the memory limit is not set under them.
    private static let sanitizerIsActive: Bool = {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
            || dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil
    }()
}

/// Reads one pipe until its end, keeping at most `limit` bytes.
private struct PipeReader {
    let descriptor: Int32
    let limit: Int
    var bytes: [UInt8] = []
    var finished = false
    /// Whether more than `limit` bytes came.
    var overflowed = false

    init(descriptor: Int32, limit: Int) {
        self.descriptor = descriptor
        self.limit = limit
    }

    /// Reads what is there; marks the end.
    mutating func readAvailable() {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            if bytes.count + count > limit { overflowed = true }
            bytes += chunk[0..<min(count, limit - bytes.count)]
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            finished = true
        }
    }

    /// Closes the descriptor.
    mutating func close() {
        closeDescriptor(descriptor)
        finished = true
    }
}

/// POSIX `close(2)`, named apart from ``PipeReader/close()``.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
