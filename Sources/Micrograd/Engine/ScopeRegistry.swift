import Foundation

/// A small integer naming an interned scope path. `0` is the top level.
typealias ScopeID = UInt32

/// Interns scope paths such as `mlp/layer0/neuron3` as small integers, so a node
/// stores four bytes for its scope instead of a string.
///
/// The same path always gets the same id within a process. Thread-safe.
final class ScopeRegistry: @unchecked Sendable {
    static let shared = ScopeRegistry()

    private struct ChildKey: Hashable {
        let parent: ScopeID
        let name: String
    }

    private let lock = NSLock()
    private var components: [[String]] = [[]]
    private var paths: [String] = [""]
    private var children: [ChildKey: ScopeID] = [:]

    /// The id of the scope `name` inside `parent`, created on first use.
    func child(of parent: ScopeID, named name: String) -> ScopeID {
        lock.lock()
        defer { lock.unlock() }
        let key = ChildKey(parent: parent, name: name)
        if let id = children[key] { return id }
        let id = ScopeID(components.count)
        let path = components[Int(parent)] + [name]
        components.append(path)
        paths.append(path.joined(separator: "/"))
        children[key] = id
        return id
    }

    /// The names from the outermost scope to `id`; empty for the top level.
    func components(of id: ScopeID) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return components[Int(id)]
    }

    /// The path of `id` joined with `/`; empty for the top level.
    func path(of id: ScopeID) -> String {
        lock.lock()
        defer { lock.unlock() }
        return paths[Int(id)]
    }
}

/// The scope new values are recorded in, kept per thread in ``ThreadState``.
enum ScopeStack {
    /// The scope of the calling thread.
    static var current: ScopeID {
        ThreadState.current.pointee.scope
    }

    /// Runs `body` with `scope` as the calling thread's scope, then restores the previous one.
    static func with<Result>(_ scope: ScopeID, _ body: () throws -> Result) rethrows -> Result {
        let state = ThreadState.current
        let previous = state.pointee.scope
        state.pointee.scope = scope
        defer { state.pointee.scope = previous }
        return try body()
    }
}
