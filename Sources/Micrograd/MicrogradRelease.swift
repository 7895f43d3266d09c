/// This release of the package.
public enum MicrogradRelease {
    /// The version, as `major.minor.patch` (`0.1.0`): the one place it is written.
    /// `micrograd --version` prints it.
    public static let version = "0.1.0"
}
