import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Why a file could not be written.
public struct FileWriteError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file that was being written.
    public let path: String
    /// What went wrong and what to do.
    public let reason: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - path: The file that was being written.
    ///   - reason: What went wrong and what to do.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `cannot write out/neuron.svg: No such file or directory (create the directory first)`.
    public var description: String { "cannot write \(path): \(reason)" }

    /// The error for a failed system call, with the system's words and what to do.
    ///
    /// - Parameters:
    ///   - path: The file that was being written.
    ///   - code: The `errno` value.
    ///   - directory: The directory the file goes in.
    static func system(_ code: Int32, path: String, directory: String) -> FileWriteError {
        let system = String(cString: strerror(code))
        let reason: String
        switch code {
        case ENOENT: reason = "\(system) (the directory \(directory) does not exist; create it first)"
        case EACCES, EPERM, EROFS: reason = "\(system) (choose a directory you can write to)"
        case ENOSPC, EDQUOT, EFBIG: reason = "\(system) (free some disk space)"
        case EISDIR: reason = "it is a directory"
        case ENOTDIR: reason = "\(system) (a file is in the way of the directory \(directory))"
        default: reason = system
        }
        return FileWriteError(path: path, reason: reason)
    }
}
