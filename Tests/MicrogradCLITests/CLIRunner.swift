import Foundation
import MicrogradTestSupport
import Testing

/// What running `micrograd` printed, and how it exited.
struct CLIResult {
    let status: Int32
    /// Standard output as bytes (an image written with `--out -`).
    let standardOutputData: Data
    let standardError: String
    /// Standard output as text.
    var standardOutput: String { String(decoding: standardOutputData, as: UTF8.self) }
}

/// The `micrograd` executable that `swift test` built beside the test runner (the
/// products folder, which holds the `.xctest` bundle on macOS).
func micrograd(_ arguments: [String], in directory: URL? = nil, input: Data? = nil) throws -> CLIResult {
    let executable = productsDirectory.appendingPathComponent("micrograd")
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        Issue.record("no micrograd executable at \(executable.path); build it with `swift build`")
        throw CocoaError(.fileNoSuchFile)
    }
    return try run(executable, arguments, in: directory, input: input)
}

/// The folder `swift build` wrote the products to: the test runner's own folder on Linux;
/// on macOS the runner is inside a `.xctest` bundle in that folder.
let productsDirectory: URL = {
    #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    #else
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    #endif
}()

/// The repository's root, found from this file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A snapshot file written by the CLI, as a reader decodes it (JSONDecoder reads doubles exactly).
struct GraphFile: Decodable {
    struct Node: Decodable {
        let id: Int
        let label: String?
        let op: String?
        /// A tensor's shape; `nil` for a scalar value.
        let shape: [Int]?
        /// The elements: one for a scalar value, all of a tensor's, row-major.
        let dataElements: [Double]
        let gradElements: [Double]
        let role: String
        let scope: String
        let inputs: [Int]

        /// A scalar's data, or a one-element tensor's.
        var data: Double {
            precondition(dataElements.count == 1, "node \(id) is a tensor of \(dataElements.count) elements")
            return dataElements[0]
        }
        /// A scalar's grad, or a one-element tensor's.
        var grad: Double {
            precondition(gradElements.count == 1, "node \(id) is a tensor of \(gradElements.count) elements")
            return gradElements[0]
        }

        enum CodingKeys: String, CodingKey { case id, label, op, shape, data, grad, role, scope, inputs }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(Int.self, forKey: .id)
            label = try container.decodeIfPresent(String.self, forKey: .label)
            op = try container.decodeIfPresent(String.self, forKey: .op)
            shape = try container.decodeIfPresent([Int].self, forKey: .shape)
            if shape == nil {
                dataElements = [try container.decode(Double.self, forKey: .data)]
                gradElements = [try container.decode(Double.self, forKey: .grad)]
            } else {
                dataElements = try container.decode([Double].self, forKey: .data)
                gradElements = try container.decode([Double].self, forKey: .grad)
            }
            role = try container.decode(String.self, forKey: .role)
            scope = try container.decode(String.self, forKey: .scope)
            inputs = try container.decode([Int].self, forKey: .inputs)
        }
    }
    let format: String
    let version: Int
    let root: Int
    let nodes: [Node]

    init(contentsOf url: URL) throws {
        self = try JSONDecoder().decode(GraphFile.self, from: Data(contentsOf: url))
    }

    /// The last node with this label (a re-assigned name labels several).
    func node(_ label: String) -> Node? {
        nodes.last { $0.label == label }
    }

    /// The leaf with this label.
    func leaf(_ label: String) -> Node? {
        nodes.first { $0.label == label && $0.op == nil }
    }
}
