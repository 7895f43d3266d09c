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
