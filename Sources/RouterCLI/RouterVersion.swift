import RouteModel

/// What `claude-router --version` prints: the release and the `inputs-sha256` of the routes the
/// binary was compiled with, one `name value` pair per line so scripts (the container build)
/// can read either.
public enum RouterVersion {
    /// The release of this source tree.
    public static let current = "0.2.0"

    static func text(for table: RouteTable) -> String {
        "claude-router \(current)\ninputs-sha256 \(table.inputsSHA256)"
    }
}
