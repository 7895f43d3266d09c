// The fuzzer's entry point: hands the command line to libFuzzer's driver with our test function.
// (SwiftPM names an executable's entry point after its module, so libFuzzer's own `main` cannot
// be used; LLVMFuzzerRunDriver is libFuzzer's documented way to run from another main.)

import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

var argumentCount = CommandLine.argc
var arguments = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argumentCount, &arguments, fuzzDOT))
