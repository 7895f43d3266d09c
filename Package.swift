// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Micrograd",
    products: [
        // MARK: - Public API
        .library(name: "Micrograd", targets: ["Micrograd"]),
        .library(name: "MicrogradViz", targets: ["MicrogradViz"]),
        .executable(name: "micrograd-benchmark", targets: ["MicrogradBenchmarks"]),
    ],
    targets: [
        // The autograd engine. Depends on nothing but the standard library and Foundation.
        .target(name: "Micrograd"),
        // Exporters (DOT, JSON, Mermaid) and the in-process Graphviz renderer.
        .target(name: "MicrogradViz", dependencies: ["Micrograd", "CGraphviz"]),
        // MARK: - Implementation details
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .executableTarget(name: "MicrogradBenchmarks", dependencies: ["Micrograd", "MicrogradViz"]),
        // MARK: - Tests
        .testTarget(name: "MicrogradTests", dependencies: ["Micrograd"]),
        .testTarget(name: "MicrogradVizTests", dependencies: ["MicrogradViz", "Micrograd"]),
    ],
    swiftLanguageModes: [.v6]
)
