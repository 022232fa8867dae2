import Foundation
import Hummingbird
import NIOCore

/// The request context of Baton's routes: Hummingbird's core plus who is calling.
public struct BatonRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``AuthenticationMiddleware``; nil when no credentials are configured.
    public var identity: Identity?
    /// The client's IP address (or socket path), for throttling failed sign-ins per address.
    public var clientAddress: String?
    /// The console's session (console pages only), set by ``ConsoleSessionMiddleware``.
    var consoleSession: ConsoleSession?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.consoleSession = nil
        let address = source.channel.remoteAddress
        self.clientAddress = address?.ipAddress ?? address?.pathname
    }
}

extension BatonRequestContext {
    /// A path parameter, percent-decoded (`/variables/a%20b` names the variable `a b`); 400
    /// when its encoding is broken.
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        guard raw.contains("%") else { return raw }
        guard let decoded = raw.removingPercentEncoding else {
            throw RestError.invalid("Expected the path segment '\(raw)' to be percent-encoded UTF-8, but it is not.")
        }
        guard !decoded.unicodeScalars.contains("\u{0}") else {
            throw RestError.invalid("Expected the path segment '\(raw)' without NUL characters, but it holds one.")
        }
        return decoded
    }
}
