internal import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

extension PostgresConnection {
    /// Waits up to `timeout` for notifications on the channels this connection `LISTEN`s to and
    /// returns their payloads (empty when none came). The connection's thread waits meanwhile, so
    /// keep a connection for listening alone.
    public func notifications(waitingUpTo timeout: Duration) async throws -> [String] {
        let milliseconds = Int32(clamping: timeout.components.seconds * 1_000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return try await run { handle, _ throws(PostgresError) in
            var payloads = try Self.received(on: handle)
            guard payloads.isEmpty else { return payloads }
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            guard descriptor.fd >= 0 else { throw PostgresError(.unavailable, message: Self.errorMessage(handle)) }
            if poll(&descriptor, 1, milliseconds) > 0 { payloads = try Self.received(on: handle) }
            return payloads
        }
    }

    /// What the server has sent: reads the socket without blocking, then takes every notification.
    private static func received(on handle: OpaquePointer) throws(PostgresError) -> [String] {
        guard PQconsumeInput(handle) == 1 else { throw PostgresError(.unavailable, message: errorMessage(handle)) }
        var payloads: [String] = []
        while let notification = PQnotifies(handle) {
            payloads.append(String(cString: notification.pointee.extra))
            PQfreemem(notification)
        }
        return payloads
    }
}
