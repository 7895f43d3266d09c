/// Frees linked graphs of any depth without recursion.
///
/// A graph node's `deinit` releases its inputs, which may free them and so on
/// down a chain as long as the graph is deep, overflowing the stack. Instead, a
/// dying node hands its inputs to ``release(_:)``: the first call on a thread
/// drains a work list, and calls made by the `deinit`s it triggers only add to it.
enum DeferredRelease {
    /// Moves `objects` (tapes or tensors) onto the calling thread's work list, leaving
    /// `objects` empty, and frees any that nothing else holds.
    ///
    /// Taking them out of the caller's storage matters: a reference left behind in a
    /// local array would outlive the loop below and free its object after the loop
    /// has finished, starting another loop one stack frame deeper, and so on.
    static func release<Object: AnyObject>(_ objects: inout [Object]) {
        guard !objects.isEmpty else { return }
        let state = ThreadState.current
        for object in objects { state.pointee.pendingRelease.append(object) }
        objects.removeAll()
        guard !state.pointee.draining else { return }
        state.pointee.draining = true
        while let next = state.pointee.pendingRelease.popLast() {
            withExtendedLifetime(next) {}  // released here; its deinit may add more
        }
        state.pointee.draining = false
    }
}
