import ArgumentParser

/// Refuses an empty `--out`, which would otherwise write into the current directory unasked.
func validateOut(_ out: String) throws {
    guard !out.isEmpty else { throw ValidationError("--out is empty; give a directory, such as out") }
}
