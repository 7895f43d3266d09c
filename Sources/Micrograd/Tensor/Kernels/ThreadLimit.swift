import Foundation

/// How many threads matrix products use: the process-wide limit behind
/// ``Tensor/maximumThreadCount``, and the number OpenBLAS was last told.
final class ThreadLimit: @unchecked Sendable {
    /// The one limit of the process.
    static let shared = ThreadLimit()

    private let lock = NSLock()
    private var limit = ProcessInfo.processInfo.activeProcessorCount
    /// What OpenBLAS was last told; nil until the first product through BLAS.
    private var blasThreads: Int?

    /// The most threads a product may use; at least 1.
    var maximum: Int {
        get {
            lock.lock()
            defer { lock.unlock() }
            return limit
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            limit = Swift.max(1, newValue)
        }
    }

    /// The threads a product of `multiplyAdds` multiply-adds uses: one below
    /// ``MatrixProduct/parallelProduct``, where starting threads costs more than it
    /// saves, else the limit.
    func threads(forMultiplyAdds multiplyAdds: Int) -> Int {
        multiplyAdds >= MatrixProduct.parallelProduct ? maximum : 1
    }

    /// Tells OpenBLAS to use `count` threads, if that is not what it was last told.
    func setBLASThreads(_ count: Int, _ set: (Int) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard blasThreads != count else { return }
        blasThreads = count
        set(count)
    }
}
