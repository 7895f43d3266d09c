#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the engine keeps per thread: the tape new values are recorded on, the
/// current module scope, and the work list that frees chains of tapes.
///
/// Reached through one `pthread_getspecific` call and a raw pointer, so the hot
/// path of recording a value involves no locks and no reference counting.
struct ThreadState {
    /// The tape new values are recorded on.
    var tape = Tape.makeInitial()
    /// The module scope new values are recorded in.
    var scope: ScopeID = 0
    /// Tapes and tensors waiting to be released by ``DeferredRelease/release(_:)``.
    var pendingRelease: [AnyObject] = []
    /// Whether a release loop is already running on this thread.
    var draining = false
    /// How many ``Tape/withPinnedTapes(_:)`` calls are running on this thread.
    var pinDepth = 0
    /// Tapes replaced as current while pinned, kept until the outermost pin ends.
    var pinnedTapes: [Tape] = []
    /// Record buffers of freed tapes, kept for the next tapes so that a training
    /// loop does not return memory to the system and fault it back in every step.
    var spareRecordBuffers: [UnsafeMutablePointer<NodeRecord>] = []

    /// How many spare buffers a thread keeps: 32 × 320 KiB, enough for a step of
    /// 100,000 values and the one after it.
    static let maximumSpareBuffers = 32

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            #if canImport(Darwin)
                let state = pointer.assumingMemoryBound(to: ThreadState.self)
            #else
                guard let state = pointer?.assumingMemoryBound(to: ThreadState.self) else { return }
            #endif
            let spare = state.pointee.spareRecordBuffers
            state.deinitialize(count: 1)
            state.deallocate()
            for buffer in spare { buffer.deallocate() }
        }
        precondition(status == 0, "pthread_key_create failed with status \(status)")
        return key
    }()

    /// The calling thread's state, created on first use and freed when the thread exits.
    static var current: UnsafeMutablePointer<ThreadState> {
        if let existing = pthread_getspecific(key) {
            return existing.assumingMemoryBound(to: ThreadState.self)
        }
        let state = UnsafeMutablePointer<ThreadState>.allocate(capacity: 1)
        state.initialize(to: ThreadState())
        pthread_setspecific(key, state)
        return state
    }
}
