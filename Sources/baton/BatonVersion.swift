/// What `baton --version` prints: the release this source is, and the commit it was built from
/// (BuildCommit, written at build time by the BuildCommit plugin).
enum BatonVersion {
    /// Raised with each release; the commit tells builds between releases apart.
    static let release = "0.7.0"

    static var description: String { "baton \(release) (commit \(BuildCommit.id))" }
}
