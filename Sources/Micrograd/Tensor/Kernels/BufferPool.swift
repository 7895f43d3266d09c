#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Element arrays of tensors that have died, kept for the next tensors of the same size.
///
/// A training step allocates the same big arrays every time: each operation's output
/// and each gradient. Freed and allocated again, big blocks go back to the system
/// (glibc returns them with `munmap` or by shrinking the heap) and come back as fresh
/// pages that the kernel must fault in and zero, every step. Kept here instead, the
/// next step reuses them as they are, and skips zero-filling them too.
///
/// Each thread has its own pool, so taking and giving back needs no lock; it is freed
/// when the thread ends. Arrays are kept by element count, only from ``minimumCount``
/// elements up (smaller ones are cheap for `malloc`), up to ``capacityBytes`` per thread.
/// An array taken from the pool may still be shared with someone who read it (say,
/// `tensor.scalars` saved by a caller); writing to it then copies it first, as any Swift
/// array does, so reuse never changes what anyone else sees.
final class BufferPool {
    /// Arrays smaller than this (16 KiB) are left to `malloc`.
    static let minimumCount = 2048

    /// The most memory a thread's pool keeps: 256 MiB.
    static let capacityBytes = 256 << 20

    /// The most arrays a pool keeps of one size.
    static let maximumPerSize = 16

    /// Spare arrays by element count, each with the address of its elements.
    private var spares: [Int: [(address: UnsafeRawPointer, array: [Double])]] = [:]
    /// The elements held in `spares`.
    private var heldCount = 0
    /// Big arrays handed out from the pool, and big arrays that had to be allocated.
    private(set) var statistics = (reused: 0, allocated: 0)

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            #if canImport(Darwin)
                Unmanaged<BufferPool>.fromOpaque(pointer).release()
            #else
                if let pointer { Unmanaged<BufferPool>.fromOpaque(pointer).release() }
            #endif
        }
        precondition(status == 0, "pthread_key_create failed with status \(status)")
        return key
    }()

    /// The calling thread's pool, created on first use.
    static var current: BufferPool {
        if let existing = pthread_getspecific(key) {
            return Unmanaged<BufferPool>.fromOpaque(existing).takeUnretainedValue()
        }
        let pool = BufferPool()
        pthread_setspecific(key, Unmanaged.passRetained(pool).toOpaque())
        return pool
    }

    /// An array of `count` elements whose contents `initialize` writes, every one of
    /// them: a spare one if the pool has one, else a new one (not zero-filled).
    ///
    /// - Parameters:
    ///   - count: The number of elements.
    ///   - initialize: Writes every element of the buffer it is given.
    @inline(__always)
    static func make(_ count: Int, _ initialize: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        if count >= minimumCount, var array = current.take(count) {
            array.withUnsafeMutableBufferPointer { initialize($0) }
            return array
        }
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialize(buffer)
            initialized = count
        }
    }

    /// Keeps `array` in the calling thread's pool, if it is big enough and there is room.
    ///
    /// - Parameter array: An array nobody will write through again; readers may remain.
    @inline(__always)
    static func recycle(_ array: [Double]) {
        guard array.count >= minimumCount else { return }
        current.keep(array)
    }

    /// Runs `body` with scratch memory for `count` doubles (contents undefined), taken
    /// from the pool and given back to it afterwards.
    static func withScratch<Result>(_ count: Int, _ body: (UnsafeMutablePointer<Double>) -> Result) -> Result {
        var array = make(Swift.max(count, 1)) { _ in }
        defer { recycle(array) }
        return array.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    /// A spare array of exactly `count` elements, if there is one.
    private func take(_ count: Int) -> [Double]? {
        guard let array = spares[count]?.popLast()?.array else {
            statistics.allocated += 1
            return nil
        }
        heldCount -= count
        statistics.reused += 1
        return array
    }

    /// Keeps `array` if there is room. The same array given twice (two tensors sharing
    /// one gradient) is kept once.
    private func keep(_ array: [Double]) {
        let count = array.count
        guard (heldCount + count) * MemoryLayout<Double>.stride <= Self.capacityBytes else { return }
        let address = array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
        if let bucket = spares[count] {
            guard bucket.count < Self.maximumPerSize, !bucket.contains(where: { $0.address == address }) else { return }
        }
        spares[count, default: []].append((address, array))
        heldCount += count
    }
}
