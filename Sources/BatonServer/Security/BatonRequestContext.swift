import Hummingbird

/// The request context of Baton's routes: Hummingbird's core plus who is calling.
public struct BatonRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``AuthenticationMiddleware``; nil when no credentials are configured.
    public var identity: Identity?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
    }
}
