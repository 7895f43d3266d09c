import Foundation

/// An animated PNG (APNG) made from PNG frames of one size, such as Graphviz's drawings
/// of the frames of ``BackpropAnimation``. Browsers and slide programs play it; viewers
/// that know only PNG show the first frame.
///
/// The frames' compressed image data is reused as it is: APNG is the first frame's PNG
/// with an animation control chunk (`acTL`), a frame control chunk (`fcTL`) before each
/// frame, and the later frames' `IDAT` data renamed `fdAT` with a sequence number.
public enum AnimatedPNG {
    /// Why frames could not be combined.
    public struct FrameError: Error, Equatable, CustomStringConvertible, Sendable {
        /// What is wrong with which frame.
        public let description: String
    }

    /// One APNG from `frames`, shown in turn and looped forever.
    ///
    /// - Parameters:
    ///   - frames: PNG files, all of the same width, height and pixel format.
    ///   - milliseconds: How long each frame shows (at most 65,535 each).
    /// - Returns: The APNG file.
    /// - Throws: ``FrameError`` if a frame is not a PNG or differs in size or format from the first.
    public static func make(frames: [Data], milliseconds: [Int]) throws(FrameError) -> Data {
        guard !frames.isEmpty, frames.count == milliseconds.count else {
            throw FrameError(description: "an animation needs at least one frame and one duration per frame")
        }
        let parsed = try frames.enumerated().map { index, data throws(FrameError) in
            guard let chunks = chunks(of: data), chunks.first?.type == "IHDR" else {
                throw FrameError(description: "frame \(index + 1) is not a PNG file")
            }
            return chunks
        }
        let header = parsed[0][0].data
        for (index, chunks) in parsed.enumerated() where chunks[0].data != header {
            throw FrameError(description: "frame \(index + 1) differs in size or pixel format from the first")
        }
        var output = Data(signature)
        append("IHDR", header, to: &output)
        // Chunks the first frame has between its header and its image data (resolution, colours).
        for chunk in parsed[0].dropFirst().prefix(while: { $0.type != "IDAT" })
        where !["acTL", "fcTL", "fdAT", "IEND"].contains(chunk.type) {
            append(chunk.type, chunk.data, to: &output)
        }
        var control = Data()
        control.appendBigEndian(UInt32(frames.count))
        control.appendBigEndian(UInt32(0))  // loop forever
        append("acTL", control, to: &output)
        var sequence: UInt32 = 0
        for (index, chunks) in parsed.enumerated() {
            var frame = Data()
            frame.appendBigEndian(sequence)
            frame.append(header.prefix(8))  // width and height, as in the header
            frame.appendBigEndian(UInt32(0))  // x offset
            frame.appendBigEndian(UInt32(0))  // y offset
            frame.appendBigEndian(UInt16(clamping: milliseconds[index]))  // delay numerator
            frame.appendBigEndian(UInt16(1000))  // delay denominator: milliseconds
            frame.append(0)  // dispose: none
            frame.append(0)  // blend: replace the canvas
            append("fcTL", frame, to: &output)
            sequence += 1
            for chunk in chunks where chunk.type == "IDAT" {
                if index == 0 {
                    append("IDAT", chunk.data, to: &output)
                } else {
                    var data = Data()
                    data.appendBigEndian(sequence)
                    data.append(chunk.data)
                    append("fdAT", data, to: &output)
                    sequence += 1
                }
            }
        }
        append("IEND", Data(), to: &output)
        return output
    }

    /// The eight bytes every PNG starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// One chunk: its four-letter type and its data.
    struct Chunk: Equatable {
        let type: String
        let data: Data
    }

    /// The chunks of a PNG file, or `nil` if it is not one (or a chunk's checksum is wrong).
    static func chunks(of png: Data) -> [Chunk]? {
        let bytes = [UInt8](png)
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { return nil }
        var chunks: [Chunk] = []
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(readBigEndian(bytes, at: offset))
            guard length <= bytes.count - offset - 12 else { return nil }
            let typeBytes = bytes[(offset + 4)..<(offset + 8)]
            let data = Data(bytes[(offset + 8)..<(offset + 8 + length)])
            let checksum = readBigEndian(bytes, at: offset + 8 + length)
            guard checksum == CRC32.checksum(typeBytes, data) else { return nil }
            chunks.append(Chunk(type: String(decoding: typeBytes, as: UTF8.self), data: data))
            offset += 12 + length
            if chunks.last?.type == "IEND" { return chunks }
        }
        return nil
    }

    /// Appends a chunk: length, type, data, CRC-32 of type and data.
    static func append(_ type: String, _ data: Data, to output: inout Data) {
        output.appendBigEndian(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        output.append(contentsOf: typeBytes)
        output.append(data)
        output.appendBigEndian(CRC32.checksum(typeBytes, data))
    }

    private static func readBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

/// The CRC-32 that PNG chunks carry (ISO 3309, polynomial 0xEDB88320, reflected).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The checksum of the bytes of `first`, then of `second`.
    static func checksum<A: Sequence<UInt8>, B: Sequence<UInt8>>(_ first: A, _ second: B) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in first { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        for byte in second { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    /// Appends an integer most significant byte first, as PNG stores numbers.
    fileprivate mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
