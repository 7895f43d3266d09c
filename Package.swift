// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Micrograd",
    products: [
        // MARK: - Public API
        .library(name: "Micrograd", targets: ["Micrograd"]),
        .executable(name: "micrograd-benchmark", targets: ["MicrogradBenchmarks"]),
    ],
    targets: [
        .target(name: "Micrograd"),
        .executableTarget(
            name: "MicrogradBenchmarks",
            dependencies: ["Micrograd"]
        ),
        .testTarget(name: "MicrogradTests", dependencies: ["Micrograd"]),
    ],
    swiftLanguageModes: [.v6]
)
