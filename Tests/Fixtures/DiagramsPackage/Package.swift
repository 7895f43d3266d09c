// swift-tools-version: 6.0
// A package that depends on Micrograd to draw the diagrams of its DocC catalog with the
// `micrograd-diagrams` plugin. The plugin test copies it and points the dependency at this repository.
import PackageDescription

let package = Package(
    name: "Lecture",
    dependencies: [.package(name: "Micrograd", path: "MICROGRAD_PACKAGE_PATH")],
    targets: [.target(name: "Lecture")]
)
