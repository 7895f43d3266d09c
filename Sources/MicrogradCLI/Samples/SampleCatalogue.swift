import Micrograd

/// A network the CLI can build by name: a `.mg` file from `Samples/`, or one
/// built in Swift.
struct Sample: Sendable {
    /// How the sample is built.
    enum Source: Sendable {
        /// The text of a network file.
        case networkFile(String)
        /// Swift code.
        case swift(@Sendable () -> any RecordedNetwork)
    }

    /// The name used on the command line, such as `neuron`.
    let name: String
    /// One line saying what it is.
    let summary: String
    /// How it is built.
    let source: Source

    /// Builds the network, recording a fresh graph.
    ///
    /// - Throws: ``NetworkFileError`` if a sample file is broken (a test guards against it).
    func build() throws(NetworkFileError) -> any RecordedNetwork {
        switch source {
        case .networkFile(let text): try NetworkProgram(text: text, source: "Samples/\(name).mg").build()
        case .swift(let builder): builder()
        }
    }
}

/// The samples `micrograd samples` lists, in alphabetical order.
enum SampleCatalogue {
    static let all: [Sample] = {
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
                    "One epoch of the seed documents' linear regression on tensors: Linear(3, 1) and MSE on two examples.",
                source: .swift(LinearRegressionSample.build)),
        ]
        return (files + swift).sorted { $0.name < $1.name }
    }()

    /// The sample called `name`, if there is one.
    static func named(_ name: String) -> Sample? {
        all.first { $0.name == name }
    }

    /// The first comment line of a network file, without the `#`.
    static func summary(of text: String) -> String {
        let first = text.split(separator: "\n").first { $0.hasPrefix("#") } ?? ""
        return first.drop { $0 == "#" || $0 == " " }.trimmingCharacters(in: .whitespaces)
    }
}
