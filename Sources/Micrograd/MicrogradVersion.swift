/// The version of this package: the one place it is written. `micrograd --version` prints it.
public enum MicrogradVersion {
    /// The version, as `major.minor.patch` (`0.1.0`).
    public static let current = "0.1.0"
}
