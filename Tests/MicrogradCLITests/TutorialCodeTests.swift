import Foundation
import MicrogradTestSupport
import Testing

/// The code files of the DocC tutorial (Sources/Micrograd/Documentation.docc/Resources/tutorial) compile
/// against the libraries `swift test` built, run, and draw the diagrams the tutorial shows beside them.
@Suite("Tutorial code", .serialized)
struct TutorialCodeTests {
    static let tutorialFolder = repositoryRoot.appendingPathComponent(
        "Sources/Micrograd/Documentation.docc/Resources/tutorial")
    static let resources = tutorialFolder.deletingLastPathComponent()

    /// Every code file of the tutorial, by name.
    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tutorialFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted()
    }()

    @Test func everyStepOfTheTutorialHasItsCodeFile() throws {
        let tutorial = try String(
            contentsOf: Self.resources.deletingLastPathComponent().appendingPathComponent(
                "From-Value-to-a-trained-MLP.tutorial"), encoding: .utf8)
        let named = tutorial.split(separator: "file: \"").dropFirst().map { $0.prefix { $0 != "\"" } }.map(String.init)
        #expect(named.count >= 8)
        #expect(Set(named) == Set(Self.files), "the tutorial shows exactly the code files of its folder")
    }

    @Test(arguments: files)
    func compilesRunsAndDrawsItsDiagram(file: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let executable = directory.appendingPathComponent("step")
        let compile = try run(
            Self.swiftc,
            [
                Self.tutorialFolder.appendingPathComponent(file).path, "-o", executable.path, "-module-name", "Step",
                "-I", productsDirectory.appendingPathComponent("Modules").path, "-Xcc",
                "-fmodule-map-file=" + repositoryRoot.appendingPathComponent("Sources/CGraphviz/module.modulemap").path,
                "-Xcc",
                "-fmodule-map-file=" + repositoryRoot.appendingPathComponent("Sources/CBLAS/module.modulemap").path,
            ] + Self.objectFiles(of: ["Micrograd", "MicrogradViz"]) + Self.graphvizLibraries + Self.blasFlags
                + sanitizerCompilerFlags)
        #expect(compile.status == 0, "\(file) does not compile:\n\(compile.standardError)")
        guard compile.status == 0 else { return }

        let result = try run(executable, [], in: directory, environment: Self.stepEnvironment)
        #expect(result.status == 0, "\(file) failed:\n\(result.standardError)")
        // The diagram it writes is the one the tutorial shows beside it (drawn by `micrograd diagrams`
        // from the catalog's .mg files and micrograd-diagrams.conf): the same boxes with the same texts.
        let drawn = (try FileManager.default.contentsOfDirectory(atPath: directory.path)).filter {
            $0.hasSuffix(".svg")
        }
        for name in drawn {
            let mine = SVGTexts(try Data(contentsOf: directory.appendingPathComponent(name)))
            let shown = SVGTexts(try Data(contentsOf: Self.resources.appendingPathComponent(name)))
            #expect(!mine.textsByGroup.isEmpty)
            #expect(mine.textsByGroup == shown.textsByGroup, "\(file) draws a different \(name) from the tutorial's")
        }
    }

    /// The environment a compiled step runs in: this process's, and under `make sanitize` without
    /// LeakSanitizer. A step keeps its values in top-level variables until it exits, and LeakSanitizer
    /// does not follow the pointers Swift stores with an enum's tag bits in them (a `GraphView`'s
    /// origins): it reports the view, still alive, as leaked, while the same code in a function reports
    /// nothing. The library's leaks are checked by the rest of the suite; AddressSanitizer still checks
    /// every memory access of the step.
    static var stepEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if runsUnderSanitizer {
            environment["ASAN_OPTIONS"] = (environment["ASAN_OPTIONS"].map { $0 + ":" } ?? "") + "detect_leaks=0"
        }
        return environment
    }

    /// The compiler beside the `swift` on the PATH.
    static var swiftc: URL {
        DiagramsPluginTests.swiftExecutable.deletingLastPathComponent().appendingPathComponent("swiftc")
    }

    /// The object files `swift build` compiled for these targets.
    static func objectFiles(of targets: [String]) -> [String] {
        targets.flatMap { target in
            let folder = productsDirectory.appendingPathComponent(target + ".build")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".o") }.sorted().map { folder.appendingPathComponent($0).path }
        }
    }

    /// Graphviz's libraries, as pkg-config gives them.
    /// Where OpenBLAS's header and library are (the engine's matrix products use it), as
    /// swiftc flags; nothing when the package was built without it.
    static let blasFlags: [String] = {
        let result = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["pkg-config", "--cflags", "--libs", "openblas"])
        let flags = result?.standardOutput.split(whereSeparator: \.isWhitespace).map(String.init) ?? []
        return flags.flatMap { $0.hasPrefix("-I") ? ["-Xcc", $0] : [$0] }
    }()

    static let graphvizLibraries: [String] = {
        let result = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["pkg-config", "--libs", "libgvc"])
        let flags = result?.standardOutput.split(whereSeparator: \.isWhitespace).map(String.init) ?? []
        return flags.isEmpty ? ["-lgvc", "-lcgraph", "-lcdt"] : flags
    }()
}
