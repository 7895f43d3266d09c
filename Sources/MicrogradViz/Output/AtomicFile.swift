import Foundation

/// Writes files so that readers never see a half-written one: the bytes go to a temporary file in
/// the same directory, which is then renamed over the target. On any failure, or when the process
/// is interrupted (see ``OutputTransaction/undoOnInterrupt()``), the temporary file is removed and
/// the target is untouched.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    ///
    /// - Parameters:
    ///   - data: The bytes.
    ///   - url: A file URL.
    /// - Throws: ``FileWriteError`` naming the path and the system's reason.
    public static func write(_ data: Data, to url: URL) throws(FileWriteError) {
        let transaction = OutputTransaction(createsDirectories: false)
        try transaction.stage(data, at: url)
        try transaction.commit()
    }
}
