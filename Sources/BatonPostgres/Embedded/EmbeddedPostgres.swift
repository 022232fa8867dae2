import Foundation

/// A PostgreSQL server Baton runs itself when no `DATABASE_URL` is given: `initdb` on first use,
/// `pg_ctl start` on a Unix socket inside its directory (no TCP port), a clean `pg_ctl stop`.
/// Data survives restarts. Running as root, the server runs as the `postgres` OS user, as
/// PostgreSQL requires.
public struct EmbeddedPostgres: Sendable {
    /// The cluster's directory: `data/` holds the cluster, `socket/` its Unix socket, `server.log` its log.
    public let directory: URL
    public let binaries: URL

    public var dataDirectory: URL { directory.appendingPathComponent("data") }
    public var socketDirectory: URL { directory.appendingPathComponent("socket") }
    public var logFile: URL { directory.appendingPathComponent("server.log") }

    /// The libpq connection string for the running server.
    public var connectionString: String { "host=\(socketDirectory.path) port=5432 user=postgres dbname=postgres" }

    /// Server settings passed at start (`-c name=value`), such as a test server's higher
    /// `max_connections`; names and values come from code, never from input.
    public let settings: [(name: String, value: String)]

    public init(directory: URL, settings: [(name: String, value: String)] = []) throws {
        self.directory = directory.standardizedFileURL
        self.settings = settings
        self.binaries = try Self.findBinaries()
        // A Unix socket path is limited to 107 bytes; say so rather than fail obscurely.
        let socketPath = socketDirectory.appendingPathComponent(".s.PGSQL.5432").path
        guard socketPath.utf8.count <= 107 else {
            throw EmbeddedPostgresError(
                "Expected the embedded PostgreSQL directory to have a short path (its socket path must fit in 107 bytes), but '\(socketPath)' is \(socketPath.utf8.count); set BATON_HOME to a shorter directory.")
        }
    }

    /// Where the installed PostgreSQL server programs are (the newest version under /usr/lib/postgresql).
    static func findBinaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() {
            let bin = root.appendingPathComponent("\(version)/bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        throw EmbeddedPostgresError(
            "Expected the PostgreSQL server programs (initdb, pg_ctl) under /usr/lib/postgresql, but they are not installed; install the Debian package 'postgresql' (apt-get install postgresql), or set DATABASE_URL to use an existing server.")
    }

    /// Creates the cluster if needed and starts the server; returns once it accepts connections.
    @discardableResult
    public func start() throws -> String {
        // Before the ownership fix below: `chown -R` over a live cluster races the server's own
        // temporary files and fails on one that vanished.
        if try isRunning() { return connectionString }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        if Self.isRoot {
            try run("/bin/chown", ["-R", "postgres:postgres", directory.path], asPostgres: false)
            guard (try? run("/usr/bin/test", ["-w", directory.path, "-a", "-x", directory.path], asPostgres: true)) != nil else {
                throw EmbeddedPostgresError(
                    "Expected the 'postgres' OS user to reach '\(directory.path)' (PostgreSQL refuses to run as root), but a parent directory is closed to it (a home directory of mode 700, say); set BATON_HOME to a directory it can reach, such as /var/lib/baton or /tmp/baton.")
            }
        }
        if !FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) {
            try run(
                binaries.appendingPathComponent("initdb").path,
                ["-D", dataDirectory.path, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])
        }
        try run(
            binaries.appendingPathComponent("pg_ctl").path,
            [
                "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60",
                "-o", "-k \(socketDirectory.path) -c listen_addresses='' -p 5432 -c fsync=on" + settings.map { " -c \($0.name)=\($0.value)" }.joined(),
                "start",
            ])
        return connectionString
    }

    /// Stops the server (fast shutdown: running transactions are rolled back, nothing committed is lost).
    public func stop() throws {
        guard try isRunning() else { return }
        try run(binaries.appendingPathComponent("pg_ctl").path, ["-D", dataDirectory.path, "-m", "fast", "-w", "stop"])
    }

    public func isRunning() throws -> Bool {
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else { return false }
        return (try? run(binaries.appendingPathComponent("pg_ctl").path, ["-D", dataDirectory.path, "status"])) != nil
    }

    static var isRoot: Bool { getuid() == 0 }

    /// Runs a program to completion (as `postgres` when we are root), failing with its output.
    ///
    /// Spawned with `posix_spawn` and reaped with `waitpid` rather than through Foundation's
    /// `Process`: `pg_ctl start` leaves a daemon behind that inherits the descriptors Foundation
    /// watches for the child's exit, so `waitUntilExit()` would never return. Output goes to a
    /// file for the same reason (a pipe would never reach end-of-file).
    @discardableResult
    func run(_ program: String, _ arguments: [String], asPostgres: Bool = true) throws -> String {
        let (path, argv) = asPostgres && Self.isRoot
            ? ("/usr/sbin/runuser", ["runuser", "-u", "postgres", "--", program] + arguments)
            : (program, [program] + arguments)
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("baton-pg-\(UUID().uuidString).out").path
        defer { unlink(capture) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, cArguments, environ)
        guard spawned == 0 else {
            throw EmbeddedPostgresError("Expected to start '\(path)', but posix_spawn failed with error \(spawned).")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard exitCode == 0 else {
            throw EmbeddedPostgresError(
                "Expected '\(URL(fileURLWithPath: program).lastPathComponent)' to succeed, but it exited with status \(exitCode): \(output.suffix(600))")
        }
        return output
    }
}

/// Why the embedded server could not be set up or started, and what to do about it.
public struct EmbeddedPostgresError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
