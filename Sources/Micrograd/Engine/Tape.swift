import Foundation

/// Fixed-capacity, contiguous storage for recorded values.
///
/// Each thread records new values on its current tape. A ``Value`` is a handle
/// holding its tape strongly, and a tape holds every tape its records take
/// inputs from, so a tape lives exactly as long as some value on it, or
/// computed from it, is alive. Records never move: inputs are plain pointers.
///
/// The calling thread's current tape is
/// - reused in place when nothing refers to it any more (a loop whose values die
///   each iteration keeps reusing one tape);
/// - replaced by a fresh one when full, and after ``Value/backward()``, so that
///   one training step's graph never shares a tape with the next step's and is
///   freed as soon as its loss is dropped.
///
/// Every tape has a sequence number, renewed when it is reused, and a record
/// never takes an input from a tape with a larger number. So ordering records by
/// (sequence, index) puts every input before the values computed from it, and
/// ``Value/backward()`` needs no sort: it sweeps tapes from newest to oldest.
final class Tape {
    /// Records per tape: 4096 × 80 bytes, 320 KiB.
    static let capacity = 4096

    /// The records; the first ``count`` are in use.
    let records: UnsafeMutablePointer<NodeRecord>

    /// The tape's mutable bookkeeping, kept behind a pointer so that the hot path
    /// of recording a value needs no exclusivity checks.
    private struct Header {
        var count = 0
        var sequence: UInt64
        var lastDependency: Unmanaged<Tape>?
    }

    private let header: UnsafeMutablePointer<Header>

    /// The tapes whose records this tape's records use as inputs.
    private var dependencies: [Tape] = []

    /// Labels by record index. Few values have one, so they live beside the records.
    private var labels: [Int: String] = [:]
    private let labelLock = NSLock()

    private convenience init() {
        self.init(
            records: ThreadState.current.pointee.spareRecordBuffers.popLast() ?? .allocate(capacity: Tape.capacity))
    }

    private init(records: UnsafeMutablePointer<NodeRecord>) {
        self.records = records
        header = .allocate(capacity: 1)
        header.initialize(to: Header(sequence: Tape.nextSequence()))
        Tape.counterLock.withLock { Tape.liveTapes += 1 }
    }

    deinit {
        Tape.counterLock.withLock { Tape.liveTapes -= 1 }
        let state = ThreadState.current
        if state.pointee.spareRecordBuffers.count < ThreadState.maximumSpareBuffers {
            state.pointee.spareRecordBuffers.append(records)
        } else {
            records.deallocate()
        }
        header.deallocate()
        DeferredRelease.release(&dependencies)
    }

    /// How many records are in use.
    var count: Int { header.pointee.count }

    /// The tape's place in recording order; larger is newer.
    var sequence: UInt64 { header.pointee.sequence }

    /// Whether `record` points into this tape.
    func contains(_ record: UnsafeMutablePointer<NodeRecord>) -> Bool {
        record >= records && record < records + count
    }

    // MARK: - Recording

    /// Records a value on the calling thread's current tape.
    ///
    /// The result is unretained: wrap it in a ``Value`` at once, or record it
    /// inside ``withPinnedTapes(_:)``, which keeps its tape alive.
    ///
    /// - Parameters:
    ///   - op: The operation, or `nil` for a leaf.
    ///   - lhs: The first input, if any.
    ///   - rhs: The second input, if any.
    ///   - data: The value.
    ///   - localDerivatives: ∂data/∂lhs and ∂data/∂rhs.
    ///   - role: What the value is to the network.
    /// - Returns: The new record.
    @inline(__always)
    static func record(
        _ op: Op?, _ lhs: NodeRef?, _ rhs: NodeRef?, data: Double, localDerivatives: (Double, Double), role: Role
    ) -> NodeRef {
        let state = ThreadState.current
        if state.pointee.pinDepth == 0 && isKnownUniquelyReferenced(&state.pointee.tape) {
            state.pointee.tape.reset()
        } else if state.pointee.tape.count == capacity
            || max(lhs?.sequence ?? 0, rhs?.sequence ?? 0) > state.pointee.tape.sequence
        {
            // Full, or an input lives on a newer tape (another thread's): start a newer tape.
            let replaced = state.pointee.tape
            state.pointee.tape = Tape()
            if state.pointee.pinDepth > 0 { state.pointee.pinnedTapes.append(replaced) }
        }
        unowned(unsafe) let tape = state.pointee.tape
        let current = Unmanaged.passUnretained(tape)
        if let lhs, lhs.tape.toOpaque() != current.toOpaque() { tape.noteDependency(on: lhs.tape) }
        if let rhs, rhs.tape.toOpaque() != current.toOpaque() { tape.noteDependency(on: rhs.tape) }
        let pointer = tape.records + tape.header.pointee.count
        pointer.initialize(
            to: NodeRecord(
                data: data, grad: 0, localDerivatives: localDerivatives, lhs: lhs?.record, rhs: rhs?.record,
                scope: state.pointee.scope, op: op, role: role))
        tape.header.pointee.count += 1
        return NodeRef(tape: current, record: pointer)
    }

    /// Runs `body` with this thread's tapes pinned: none is reused or freed until
    /// `body` returns, so it can record with unretained ``NodeRef``s and skip the
    /// reference counting of a ``Value`` per intermediate. Wrap what it returns in
    /// a ``Value`` inside `body`.
    static func withPinnedTapes<Result>(_ body: () throws -> Result) rethrows -> Result {
        let state = ThreadState.current
        let pinnedCurrent = state.pointee.tape  // keeps the current tape from looking unused
        state.pointee.pinDepth += 1
        defer {
            state.pointee.pinDepth -= 1
            if state.pointee.pinDepth == 0 { state.pointee.pinnedTapes.removeAll(keepingCapacity: true) }
            withExtendedLifetime(pinnedCurrent) {}
        }
        return try body()
    }

    /// Starts the calling thread on a fresh tape (reusing the current one if nothing refers to it).
    static func startNewTape() {
        let state = ThreadState.current
        if isKnownUniquelyReferenced(&state.pointee.tape) {
            state.pointee.tape.reset()
        } else {
            state.pointee.tape = Tape()
        }
    }

    /// The tape every thread starts with, made before the thread has spare buffers to offer.
    static func makeInitial() -> Tape { Tape(records: .allocate(capacity: Tape.capacity)) }

    /// Keeps `other` alive for as long as this tape.
    fileprivate func noteDependency(on other: Unmanaged<Tape>) {
        if header.pointee.lastDependency?.toOpaque() == other.toOpaque() { return }
        header.pointee.lastDependency = other
        let otherTape = other.takeUnretainedValue()
        if !dependencies.contains(where: { $0 === otherTape }) {
            dependencies.append(otherTape)
        }
    }

    /// Forgets every record and takes a new sequence number. Only called when nothing refers to this tape.
    private func reset() {
        guard count > 0 else { return }
        header.pointee = Header(sequence: Tape.nextSequence())
        labelLock.withLock { labels = [:] }
        DeferredRelease.release(&dependencies)
    }

    private static let counterLock = NSLock()
    nonisolated(unsafe) private static var lastSequence: UInt64 = 0
    nonisolated(unsafe) private static var liveTapes = 0

    private static func nextSequence() -> UInt64 {
        counterLock.withLock {
            lastSequence += 1
            return lastSequence
        }
    }

    /// How many tapes exist in the process, for tests that check memory is given back.
    static var liveCount: Int {
        counterLock.withLock { liveTapes }
    }

    // MARK: - Graph structure

    /// This tape and every tape it depends on, directly or not, newest first.
    func withDependencies() -> [Tape] {
        var found: [Tape] = [self]
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        var next = 0
        while next < found.count {
            for dependency in found[next].dependencies where seen.insert(ObjectIdentifier(dependency)).inserted {
                found.append(dependency)
            }
            next += 1
        }
        return found.sorted { $0.sequence > $1.sequence }
    }

    /// The tape holding `record`, an input of one of this tape's records.
    func tape(holding record: UnsafeMutablePointer<NodeRecord>) -> Tape {
        if contains(record) { return self }
        guard let owner = dependencies.first(where: { $0.contains(record) }) else {
            preconditionFailure("an input record lives on neither its node's tape nor a dependency")
        }
        return owner
    }

    // MARK: - Labels

    /// The label of the record at `record`, if any.
    func label(of record: UnsafeMutablePointer<NodeRecord>) -> String? {
        labelLock.withLock { labels[record - records] }
    }

    /// Sets or clears the label of the record at `record`.
    func setLabel(_ label: String?, of record: UnsafeMutablePointer<NodeRecord>) {
        labelLock.withLock { labels[record - records] = label }
    }
}
