import Foundation
import Micrograd

extension GraphSnapshot {
    /// Reads a snapshot back from the `micrograd-graph` JSON that ``json(options:)`` writes
    /// (and `micrograd snapshot --format json` saves), node for node and number for number.
    ///
    /// Tensors must have been written element by element: a summarised tensor (written
    /// with ``JSONOptions/summarizingAbove``) has lost its numbers and cannot be read back.
    /// The element chosen in each row by a gather is not written, so it is not read back.
    ///
    /// - Parameter json: The JSON text.
    /// - Throws: ``GraphJSONError`` saying what is wrong and where.
    public init(json: String) throws(GraphJSONError) {
        let document: JSONDocument
        do {
            document = try JSONDecoder().decode(JSONDocument.self, from: Data(json.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw GraphJSONError("missing \"\(key.stringValue)\"\(Self.place(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw GraphJSONError("unexpected value\(Self.place(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw GraphJSONError("unexpected value\(Self.place(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw GraphJSONError("it is not valid JSON")
        }
        guard document.format == "micrograd-graph" else {
            throw GraphJSONError("its \"format\" is \"\(document.format)\", not \"micrograd-graph\"")
        }
        guard document.version == 1 else {
            throw GraphJSONError("it is version \(document.version) of the format; this version reads version 1")
        }
        guard !document.nodes.isEmpty else { throw GraphJSONError("it has no nodes") }
        var nodes: [Node] = []
        nodes.reserveCapacity(document.nodes.count)
        for (position, record) in document.nodes.enumerated() {
            let place = "node \(position)"
            guard record.id == position else {
                throw GraphJSONError("\(place) has id \(record.id); ids must be 0, 1, 2, … in order")
            }
            if let bad = record.inputs.first(where: { !(0..<position).contains($0) }) {
                throw GraphJSONError("\(place) takes input \(bad); inputs must be earlier nodes")
            }
            var op: Op?
            if let symbol = record.op {
                guard let known = Op(symbol: symbol) else {
                    throw GraphJSONError("\(place) has the unknown operation \"\(symbol)\"")
                }
                op = known
            }
            guard let role = Role(rawValue: record.role) else {
                throw GraphJSONError(
                    "\(place) has the unknown role \"\(record.role)\"; roles are input, parameter, constant, intermediate"
                )
            }
            let count = record.shape.map { $0.reduce(1, *) } ?? 1
            for (name, numbers) in [("data", record.data), ("grad", record.grad)] {
                guard let values = numbers.values else {
                    throw GraphJSONError(
                        "\(place)'s \(name) is a summary, not its numbers; write the snapshot without --json-summary-above"
                    )
                }
                guard values.count == count else {
                    throw GraphJSONError("\(place)'s \(name) has \(values.count) numbers, but its shape holds \(count)")
                }
            }
            nodes.append(
                Node(
                    id: position, label: record.label, op: op, inputs: record.inputs, data: record.data.values!,
                    grad: record.grad.values!, role: role,
                    scope: record.scope.isEmpty ? [] : record.scope.split(separator: "/").map(String.init),
                    shape: record.shape))
        }
        guard nodes.indices.contains(document.root) else {
            throw GraphJSONError("its root is \(document.root), which is not a node")
        }
        self.init(nodes: nodes, rootID: document.root)
    }

    /// ` at nodes[3].data` for a coding path.
    private static func place(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "" }
        var text = " at "
        for (index, key) in path.enumerated() {
            if let position = key.intValue {
                text += "[\(position)]"
            } else {
                text += (index == 0 ? "" : ".") + key.stringValue
            }
        }
        return text
    }
}

/// Why a text is not a snapshot in the `micrograd-graph` JSON format.
public struct GraphJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, such as `node 3 has the unknown operation "foo"`.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The document as written, before it is checked.
private struct JSONDocument: Decodable {
    let format: String
    let version: Int
    let root: Int
    let nodes: [JSONNode]
}

/// One node as written.
private struct JSONNode: Decodable {
    let id: Int
    let label: String?
    let op: String?
    let shape: [Int]?
    let data: JSONNumbers
    let grad: JSONNumbers
    let role: String
    let scope: String
    let inputs: [Int]
}

/// A number, an array of numbers, or a summary; numbers may be the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"`.
private struct JSONNumbers: Decodable {
    /// The numbers, or `nil` for a summary.
    let values: [Double]?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let array = try? container.decode([JSONNumber].self) {
            values = array.map(\.value)
        } else if let number = try? container.decode(JSONNumber.self) {
            values = [number.value]
        } else if (try? container.decode([String: Double].self)) != nil {
            values = nil
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a number, an array of numbers or a summary")
        }
    }
}

/// One number, possibly written as `"NaN"`, `"Infinity"` or `"-Infinity"`.
private struct JSONNumber: Decodable {
    let value: Double

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
            return
        }
        switch try container.decode(String.self) {
        case "NaN": value = .nan
        case "Infinity": value = .infinity
        case "-Infinity": value = -.infinity
        case let other:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(other)\" is not a number")
        }
    }
}
