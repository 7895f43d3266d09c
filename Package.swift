// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Micrograd",
    platforms: [.macOS(.v13)],
    products: [
        // MARK: - Public API
        .library(name: "Micrograd", targets: ["Micrograd"]),
        .library(name: "MicrogradViz", targets: ["MicrogradViz"]),
        .library(name: "MicrogradLanguage", targets: ["MicrogradLanguage"]),
        .executable(name: "micrograd", targets: ["MicrogradCLI"]),
        .executable(name: "micrograd-benchmark", targets: ["MicrogradBenchmarks"]),
        // `swift package --allow-writing-to-package-directory micrograd-diagrams`: .mg files to SVGs in a package's docs.
        .plugin(name: "micrograd-diagrams", targets: ["MicrogradDiagrams"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation` (`make docs`); used by no target.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
    ],
    targets: [
        // The autograd engine. Depends on nothing but the standard library and Foundation.
        .target(name: "Micrograd"),
        // The `.mg` network-file language and the built-in sample networks.
        .target(name: "MicrogradLanguage", dependencies: ["Micrograd"]),
        // Exporters (DOT, JSON, Mermaid) and the in-process Graphviz renderer.
        .target(name: "MicrogradViz", dependencies: ["Micrograd", "CGraphviz"]),
        // The `micrograd` command: thin commands over the two libraries.
        .executableTarget(
            name: "MicrogradCLI",
            dependencies: [
                "Micrograd", "MicrogradViz", "MicrogradLanguage", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Draws every .mg file of a folder (default: the DocC catalogs' Resources/) with `micrograd diagrams`.
        .plugin(
            name: "MicrogradDiagrams",
            capability: .command(
                intent: .custom(
                    verb: "micrograd-diagrams", description: "Draw every .mg file of the DocC catalogs' Resources/ as SVG."),
                permissions: [.writeToPackageDirectory(reason: "It writes each diagram next to its .mg file.")]),
            path: "Sources/MicrogradDiagramsPlugin"),
        // MARK: - Implementation details
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .executableTarget(name: "MicrogradBenchmarks", dependencies: ["Micrograd", "MicrogradViz"]),
        // MARK: - Tests
        // Helpers the test targets share: closeness, finite differences, golden files, SVG text.
        .target(
            name: "MicrogradTestSupport", dependencies: ["Micrograd"], path: "Tests/MicrogradTestSupport",
            exclude: ["Golden"]),
        .testTarget(name: "MicrogradTests", dependencies: ["Micrograd", "MicrogradTestSupport"]),
        .testTarget(
            name: "MicrogradVizTests",
            dependencies: ["MicrogradViz", "Micrograd", "MicrogradLanguage", "MicrogradTestSupport"]),
        .testTarget(
            name: "MicrogradLanguageTests", dependencies: ["MicrogradLanguage", "Micrograd", "MicrogradTestSupport"]),
        .testTarget(
            name: "MicrogradCLITests",
            dependencies: ["MicrogradCLI", "Micrograd", "MicrogradViz", "MicrogradLanguage", "MicrogradTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: - Fuzzing
// Declared only with MICROGRAD_FUZZ=1, so that normal builds and tests never see it; `make fuzz-mg`
// builds it with `-sanitize=fuzzer,address` (libFuzzer's driver and AddressSanitizer) and runs it.
if Context.environment["MICROGRAD_FUZZ"] == "1" {
    package.products.append(.executable(name: "micrograd-fuzz-mg", targets: ["MicrogradLanguageFuzzer"]))
    package.targets.append(
        .executableTarget(
            name: "MicrogradLanguageFuzzer", dependencies: ["MicrogradLanguage", "Micrograd"],
            path: "Tests/Fuzz/LanguageFuzzer"))
}
