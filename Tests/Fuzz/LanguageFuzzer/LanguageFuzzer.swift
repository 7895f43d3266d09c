// A libFuzzer harness for the `.mg` language: lexer, parser, evaluator, warnings and
// messages, and the graph a program records (backward, snapshot). Built only with
// MICROGRAD_FUZZ=1 and `-sanitize=fuzzer`; run it with `make fuzz-mg`. `main.swift` starts it.
//
// An input whose first byte is `!` is read as a `micrograd expr` expression (the rest of
// the input), every name it uses given a value; any other input is a network file.
// Errors the language reports are the expected outcome; what the fuzzer looks for is a
// crash, a hang or a leak.

import Micrograd
import MicrogradLanguage

/// Runs one input; libFuzzer calls it for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func languageFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: start, count: count)
    if bytes.first == UInt8(ascii: "!") {
        runExpression(String(decoding: bytes.dropFirst(), as: UTF8.self))
    } else {
        runFile(String(decoding: bytes, as: UTF8.self))
    }
    return 0
}

/// Reads, builds and differentiates a network file, formatting every message it produces.
private func runFile(_ text: String) {
    do {
        let program = try NetworkProgram(text: text, source: "fuzz.mg")
        for warning in program.warnings { consume(warning.description) }
        exercise(try program.build())
    } catch {
        consume(error.description)
    }
}

/// Reads an expression as `micrograd expr` does: first to learn its names, then with a value for each.
private func runExpression(_ text: String) {
    do {
        let names = try NetworkProgram(expression: text, inputs: []).referencedNames.sorted()
        let inputs = names.enumerated().map { index, name in (name: name, value: Double(index) - 1.5) }
        exercise(try NetworkProgram(expression: text, inputs: inputs).build())
    } catch {
        consume(error.description)
    }
}

/// Differentiates a built network and reads its graph, as the command line does before drawing it.
private func exercise(_ network: Network) {
    _ = network.output.snapshot()
    network.output.backward()
    let after = network.output.snapshot()
    consume(network.outputName + String(after.nodes.count))
    for leaf in network.leaves { consume(leaf.name + String(leaf.value.gradElements.count)) }
}

/// Keeps the optimizer from dropping a computed message.
@inline(never)
private func consume(_ text: String) {
    if text.utf8.count == Int.max { print(text) }
}
