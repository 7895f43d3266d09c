/// A growable UTF-8 buffer the writers append to, so that writing a
/// 100,000-node graph costs no string allocation per piece of text.
///
/// Non-copyable, so it owns its memory outright and appending is a bounds
/// check and a copy; the bytes become a `String` once, at the end.
struct TextBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var storedCount = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// How many bytes have been written.
    var count: Int { storedCount }

    /// The bytes written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: storedCount)) }

    /// The bytes written since `start` (an earlier ``count``).
    func bytes(from start: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + start, count: storedCount - start))
    }

    /// The text written so far.
    var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: storedCount), as: UTF8.self)
    }

    /// Makes room for `extra` more bytes.
    @inline(never)
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, storedCount + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: storedCount)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if storedCount == capacity { grow(1) }
        base[storedCount] = byte
        storedCount += 1
    }

    /// Appends raw bytes.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if storedCount + bytes.count > capacity { grow(bytes.count) }
        if let source = bytes.baseAddress { (base + storedCount).update(from: source, count: bytes.count) }
        storedCount += bytes.count
    }

    /// Appends text as it is.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends text as it is. (Disfavoured, so that literals take the
    /// `StaticString` overload, which needs no reference counting.)
    @_disfavoredOverload
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends a number with every digit needed to read it back: exactly
    /// `value.description` (0.1, 1e-05, 24.70408163265306), written without
    /// making a `String` first.
    mutating func appendShortest(_ value: Double) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { storage in
            var sink = ASCIISink(storage: storage.baseAddress!)
            value.write(to: &sink)
            append(UnsafeBufferPointer(start: storage.baseAddress, count: sink.count))
        }
    }

    /// Appends an integer in decimal.
    mutating func append(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        append(UInt64(value.magnitude))
    }

    /// Appends an unsigned integer in decimal.
    mutating func append(_ value: UInt64) {
        if value < 10 { return append(UInt8(ascii: "0") + UInt8(value)) }
        if storedCount + 20 > capacity { grow(20) }
        var digits = 0
        var probe = value
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        var rest = value
        var position = storedCount + digits
        while rest >= 100 {  // two digits per division
            let pair = Int(rest % 100)
            rest /= 100
            position -= 2
            base[position] = Self.digitPairs[pair * 2]
            base[position + 1] = Self.digitPairs[pair * 2 + 1]
        }
        if rest >= 10 {
            base[position - 2] = Self.digitPairs[Int(rest) * 2]
            base[position - 1] = Self.digitPairs[Int(rest) * 2 + 1]
        } else {
            base[position - 1] = UInt8(ascii: "0") + UInt8(rest)
        }
        storedCount += digits
    }

    /// "00", "01", …, "99" as 200 bytes.
    private static let digitPairs: [UInt8] = (0..<100).flatMap { n in
        [UInt8(ascii: "0") + UInt8(n / 10), UInt8(ascii: "0") + UInt8(n % 10)]
    }

    /// Calls `body` with each UTF-8 byte of `text`, after the replacements of
    /// ``DOTEscaping/visible(_:)``: tab becomes a space, and other control
    /// characters their visible symbols (␀, ␁, …), which are three bytes each.
    static func forEachVisibleByte(of text: String, _ body: (UInt8) -> Void) {
        for byte in text.utf8 {
            switch byte {
            case 0x0A: body(byte)
            case 0x09: body(0x20)
            case 0..<0x20, 0x7F:
                // U+2400 + byte (U+2421 for DEL) is E2 90 80+byte / E2 90 A1 in UTF-8.
                body(0xE2)
                body(0x90)
                body(byte == 0x7F ? 0xA1 : 0x80 + byte)
            default: body(byte)
            }
        }
    }

    /// Whether `text` has none of the bytes `special` marks and no control
    /// characters, so it can be appended as it is.
    @inline(__always)
    static func isPlain(_ text: String, avoiding special: (UInt8) -> Bool) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || special(byte) {
            return false
        }
        return true
    }

    /// Whether `text` starts or ends with a space or has two spaces in a row.
    static func hasLooseSpace(_ text: String) -> Bool {
        var previous: UInt8 = 0x20  // a leading space counts as loose
        for byte in text.utf8 {
            if byte == 0x20 && previous == 0x20 { return true }
            previous = byte
        }
        return previous == 0x20
    }
}

/// Receives the characters `Double.write(to:)` produces. The standard library
/// passes them to `_writeASCII` as one buffer; `write(_:)` is the fallback.
private struct ASCIISink: TextOutputStream {
    let storage: UnsafeMutablePointer<UInt8>
    var count = 0

    mutating func write(_ string: String) {
        for byte in string.utf8 where count < 64 {
            storage[count] = byte
            count += 1
        }
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        let length = min(buffer.count, 64 - count)
        if let source = buffer.baseAddress { (storage + count).update(from: source, count: length) }
        count += length
    }
}
