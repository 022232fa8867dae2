/// Bounds on what the reader accepts, so a hostile file is refused quickly instead of exhausting memory.
public struct BPMNReadOptions: Hashable, Sendable {
    /// Files larger than this are refused before parsing. Default 16 MiB.
    public var maximumFileSize: Int
    /// Deepest element nesting accepted. libxml2 itself stops at 256.
    public var maximumDepth: Int

    public init(maximumFileSize: Int = 16 << 20, maximumDepth: Int = 256) {
        self.maximumFileSize = maximumFileSize
        self.maximumDepth = maximumDepth
    }
}
