// The fuzzer's entry point: hands the command line to libFuzzer's driver, which runs
// `languageFuzzerTestOneInput` on the corpus and on the inputs it makes up.
//
// libFuzzer's own `main` is not used because SwiftPM links executables with their `main`
// renamed for testing; `LLVMFuzzerRunDriver` is libFuzzer's entry point for that case.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argumentCount = CommandLine.argc
var arguments = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argumentCount, &arguments, languageFuzzerTestOneInput))
