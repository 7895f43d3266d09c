// swift-tools-version: 6.1
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
    traits: [
        .trait(
            name: "BLAS",
            description: "Matrix products through the system's BLAS: OpenBLAS (libopenblas-dev) on Linux, "
                + "Accelerate on Apple platforms. Without it the engine uses its own Swift kernel and needs no C library."
        ),
        .default(enabledTraits: ["BLAS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The autograd engine. Depends on nothing but the standard library and Foundation, and on
        // Linux with the trait BLAS (the default) on OpenBLAS.
        .target(
            name: "Micrograd",
            dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux], traits: ["BLAS"]))]
        ),
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
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .yum(["openblas-devel"])]
        ),
        .executableTarget(
            name: "MicrogradBenchmarks", dependencies: ["Micrograd", "MicrogradViz"], exclude: ["Peers"]
        ),
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
