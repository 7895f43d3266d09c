import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file could not be written.
public struct FileWriteError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file that was being written.
    public let path: String
    /// What went wrong and what to do.
    public let reason: String

    /// `cannot write out/neuron.svg: No such file or directory (create the directory first)`.
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes files so that readers never see a half-written one: the bytes go to a
/// temporary file in the same directory, which is then renamed over the target.
/// On any failure the temporary file is removed and the target is untouched.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    ///
    /// - Parameters:
    ///   - data: The bytes.
    ///   - url: A file URL.
    /// - Throws: ``FileWriteError`` naming the path and the system's reason.
    public static func write(_ data: Data, to url: URL) throws(FileWriteError) {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FileWriteError(path: path, reason: "it is a directory")
        }
        let temporary =
            directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, reason: reason(errno, directory: directory))
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileWriteError(path: path, reason: reason(failure, directory: directory))
        }
    }

    private static func reason(_ code: Int32, directory: String) -> String {
        let system = String(cString: strerror(code))
        switch code {
        case ENOENT: return "\(system) (the directory \(directory) does not exist; create it first)"
        case EACCES, EPERM, EROFS: return "\(system) (choose a directory you can write to)"
        case ENOSPC, EDQUOT: return "\(system) (free some disk space)"
        default: return system
        }
    }
}

/// POSIX `write(2)`, named apart from ``AtomicFile/write(_:to:)``.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
