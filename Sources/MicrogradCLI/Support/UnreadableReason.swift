import Foundation

/// Why the file at `path` could not be read, for a message: `no such file`,
/// `it is a directory`, `permission denied`, or `it cannot be read`.
func unreadableReason(_ path: String) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
    if isDirectory.boolValue { return "it is a directory" }
    if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
    return "it cannot be read"
}
