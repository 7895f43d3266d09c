#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether this process runs under AddressSanitizer or ThreadSanitizer (`make sanitize`). They keep
/// freed memory in quarantine, so resident memory grows whatever the code does, and the renderer
/// does not set its memory limit under them: tests of memory growth and limits do not apply.
public let runsUnderSanitizer: Bool = {
    let everything = UnsafeMutableRawPointer(bitPattern: 0)
    return dlsym(everything, "__asan_init") != nil || dlsym(everything, "__tsan_init") != nil
}()

/// The `swiftc` flag that links a program against the sanitizer this process runs under
/// (`-sanitize=address` or `-sanitize=thread`), or nothing: a test that compiles a program against the
/// object files `swift test` built must link the same sanitizer's runtime as they were built with.
public let sanitizerCompilerFlags: [String] = {
    let everything = UnsafeMutableRawPointer(bitPattern: 0)
    if dlsym(everything, "__asan_init") != nil { return ["-sanitize=address"] }
    if dlsym(everything, "__tsan_init") != nil { return ["-sanitize=thread"] }
    return []
}()
