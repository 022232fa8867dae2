import Dispatch
import Foundation

/// A minimal HTTP/1.1 client over one keep-alive TCP connection to 127.0.0.1, for `baton bench
/// --via http`: it adds as little as a client can to what is measured. Blocking socket calls run
/// on the client's own serial queue, never on Swift's cooperative pool.
///
/// `@unchecked Sendable`: the socket is used only on `queue`, one request at a time.
final class LoopbackHTTPClient: @unchecked Sendable {
    struct Reply {
        var status: Int
        var body: [UInt8]
    }

    private let socket: Int32
    private let queue = DispatchQueue(label: "baton.bench.http")
    private var buffered: [UInt8] = []

    init(port: Int) throws {
        socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw CommandFailure("error: cannot open a socket (errno \(errno))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw CommandFailure("error: cannot connect to 127.0.0.1:\(port) (errno \(errno))")
        }
        var noDelay: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(socket) }

    func send(_ method: String, _ path: String, json: String? = nil) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do { continuation.resume(returning: try self.exchange(method, path, json)) } catch { continuation.resume(throwing: error) }
            }
        }
    }

    private func exchange(_ method: String, _ path: String, _ json: String?) throws -> Reply {
        let body = Array((json ?? "").utf8)
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
        if json != nil { request += "Content-Type: application/json\r\n" }
        let bytes = Array((request + "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw CommandFailure("error: the server closed the connection while sending (errno \(errno))") }
            sent += n
        }
        let header = try readUntilHeaderEnd()
        let lines = String(decoding: header, as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.split(separator: " ").count >= 2, let status = Int(statusLine.split(separator: " ")[1]) else {
            throw CommandFailure("error: a malformed HTTP response")
        }
        let length = lines.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            return parts.count == 2 && parts[0].lowercased() == "content-length" ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
        }.first ?? 0
        return Reply(status: status, body: try read(length))
    }

    private func readUntilHeaderEnd() throws -> [UInt8] {
        let terminator: [UInt8] = [13, 10, 13, 10]
        while true {
            if buffered.count >= 4 {
                for index in 0...(buffered.count - 4) where buffered[index..<(index + 4)].elementsEqual(terminator) {
                    let header = Array(buffered[..<index])
                    buffered.removeFirst(index + 4)
                    return header
                }
            }
            try fill()
        }
    }

    private func read(_ count: Int) throws -> [UInt8] {
        while buffered.count < count { try fill() }
        let bytes = Array(buffered[..<count])
        buffered.removeFirst(count)
        return bytes
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw CommandFailure("error: the server closed the connection (errno \(errno))") }
        buffered += chunk[..<n]
    }
}
