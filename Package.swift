// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Micrograd",
    products: [
        // MARK: - Public API
        .library(name: "Micrograd", targets: ["Micrograd"]),
        .library(name: "MicrogradViz", targets: ["MicrogradViz"]),
        .executable(name: "micrograd", targets: ["MicrogradCLI"]),
        .executable(name: "micrograd-benchmark", targets: ["MicrogradBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The autograd engine. Depends on nothing but the standard library and Foundation.
        .target(name: "Micrograd"),
        // Exporters (DOT, JSON, Mermaid) and the in-process Graphviz renderer.
        .target(name: "MicrogradViz", dependencies: ["Micrograd", "CGraphviz"]),
        // The `micrograd` command: thin commands over the two libraries.
        .executableTarget(
            name: "MicrogradCLI",
            dependencies: [
                "Micrograd", "MicrogradViz", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // MARK: - Implementation details
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .executableTarget(name: "MicrogradBenchmarks", dependencies: ["Micrograd", "MicrogradViz"]),
        // MARK: - Tests
        // Helpers the test targets share: closeness, finite differences, golden files, SVG text.
        .target(name: "MicrogradTestSupport", path: "Tests/MicrogradTestSupport"),
        .testTarget(name: "MicrogradTests", dependencies: ["Micrograd", "MicrogradTestSupport"]),
        .testTarget(
            name: "MicrogradVizTests", dependencies: ["MicrogradViz", "Micrograd", "MicrogradTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "MicrogradCLITests",
            dependencies: ["MicrogradCLI", "Micrograd", "MicrogradViz", "MicrogradTestSupport"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: - Fuzzing
// libFuzzer harnesses, declared only when MICROGRAD_FUZZ=1 so that normal builds never see them:
// `make fuzz` builds each with -sanitize=fuzzer and runs it. To add one, add its name and
// dependencies here, put its source in Tests/Fuzz/Harnesses/<name>/ and its seeds in
// Tests/Fuzz/Corpus/<name>/, and add the name to FUZZERS in the Makefile.
if Context.environment["MICROGRAD_FUZZ"] == "1" {
    let harnesses: [(name: String, dependencies: [Target.Dependency])] = [
        ("dot", ["MicrogradViz"])
    ]
    for harness in harnesses {
        package.products.append(.executable(name: "fuzz-\(harness.name)", targets: ["Fuzz_\(harness.name)"]))
        package.targets.append(
            .executableTarget(
                name: "Fuzz_\(harness.name)", dependencies: harness.dependencies,
                path: "Tests/Fuzz/Harnesses/\(harness.name)"))
    }
}
