import Micrograd

/// A built-in network that can be built by name: a `.mg` file from the repository's
/// `Samples/` folder (compiled in), or one built in Swift.
///
/// ```swift
/// let network = try SampleCatalogue.named("neuron")!.build()
/// network.output.backward()
/// ```
public struct Sample: Sendable {
    /// How the sample is built.
    public enum Source: Sendable {
        /// The text of a network file.
        case networkFile(String)
        /// Swift code.
        case swift(@Sendable () -> Network)
    }

    /// The name used on the command line, such as `neuron`.
    public let name: String
    /// One line saying what it is.
    public let summary: String
    /// How it is built.
    public let source: Source

    /// Builds the network, recording a fresh graph.
    ///
    /// - Throws: ``NetworkFileError`` if a sample file is broken (a test guards against it).
    public func build() throws(NetworkFileError) -> Network {
        switch source {
        case .networkFile(let text): try NetworkProgram(text: text, source: "Samples/\(name).mg").build()
        case .swift(let builder): builder()
        }
    }
}

/// The built-in samples, in alphabetical order.
public enum SampleCatalogue {
    /// Every sample.
    public static let all: [Sample] = {
        let files = EmbeddedSamples.files.map { file in
            Sample(name: file.name, summary: summary(of: file.text), source: .networkFile(file.text))
        }
        let swift = [
            Sample(
                name: "mlp",
                summary:
                    "A 2-4-4-1 ReLU MLP on one moons point with micrograd's hinge loss, built in Swift with module scopes.",
                source: .swift { MLPSample.build() }),
            Sample(
                name: "mlp-tensor",
                summary:
                    "A 2-16-16-1 ReLU TensorMLP scoring a batch of 16 moons points with the hinge loss: a dozen tensor nodes.",
                source: .swift(TensorMLPSample.build)),
            Sample(
                name: "linear-regression-tensor",
                summary:
                    "Linear regression on tensors, one epoch: Linear(3, 1) and the mean squared error on x = [[1, 2, 3], [4, 5, 6]], y = [[10], [20]].",
                source: .swift(LinearRegressionSample.build)),
        ]
        return (files + swift).sorted { $0.name < $1.name }
    }()

    /// The sample called `name`, if there is one.
    public static func named(_ name: String) -> Sample? {
        all.first { $0.name == name }
    }

    /// The first comment line of a network file, without the `#`.
    static func summary(of text: String) -> String {
        let first = text.split(separator: "\n").first { $0.hasPrefix("#") } ?? ""
        return first.drop { $0 == "#" || $0 == " " }.trimmingCharacters(in: .whitespaces)
    }
}
