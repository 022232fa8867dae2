import Foundation

/// Cleans up after a test process however it ends. `atexit` and `defer` run only when it exits
/// normally; a test process killed (SIGKILL, the kernel's out-of-memory killer, a crash, Ctrl-C at
/// a terminal) left its PostgreSQL server and its `baton serve` children running, holding their
/// memory and ports until someone stopped them by hand.
///
/// A watchdog is a detached `bash` in a session of its own (so Ctrl-C at a terminal does not take
/// it along), holding none of the test process's descriptors (so nobody waits on a pipe it keeps
/// open). It polls once a second and exits by itself once there is nothing left to clean up.
public enum Watchdog {
    /// A process, named by its id and its start time (`/proc/PID/stat`'s 22nd field): an id alone
    /// could by then name another process, which a watchdog must never signal.
    public struct Watched: Sendable, Hashable, CustomStringConvertible {
        public var pid: pid_t
        public var startTime: String

        /// The process with id `pid` as it runs now; nil if there is none.
        public init?(pid: pid_t) {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                // The command name (field 2) is in parentheses and may hold spaces or ')'.
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 19 else { return nil }
            self.pid = pid
            self.startTime = String(fields[19])
        }

        public static var current: Watched {
            guard let me = Watched(pid: getpid()) else { fatalError("expected /proc/self/stat to be readable") }
            return me
        }

        public var description: String { "\(pid)@\(startTime)" }
    }

    /// Once `owner` is gone, stops the PostgreSQL server of `dataDirectory` at once (its data is
    /// thrown away) and removes `directory`. Exits without doing anything once `directory` is
    /// gone, as after a normal exit.
    public static func stopServer(dataDirectory: URL, removing directory: URL, whenGone owner: Watched = .current) throws {
        try spawn(
            """
            while alive "$OWNER" && [ -d "$1" ]; do sleep 1; done
            alive "$OWNER" && exit 0
            [ -d "$1" ] || exit 0
            stop_server "$2"
            rm -rf "$1"
            """, owner: owner, arguments: [directory.path, dataDirectory.path])
    }

    /// Once `owner` is gone, stops `child` as its owner would (SIGTERM, then SIGKILL after
    /// `patience` seconds), then the embedded server it may have left under `dataDirectory`, and
    /// removes `directory`. Exits without doing anything once `child` is gone.
    public static func stopChild(
        _ child: Watched, patience: Int = 30, dataDirectory: URL, removing directory: URL, whenGone owner: Watched = .current
    ) throws {
        try spawn(
            """
            while alive "$OWNER" && alive "$1"; do sleep 1; done
            alive "$1" || exit 0
            kill -TERM "${1%@*}"
            for _ in $(seq "$((10 * $2))"); do alive "$1" || break; sleep 0.1; done
            alive "$1" && kill -KILL "${1%@*}"
            [ -f "$3/postmaster.pid" ] && stop_server "$3"
            rm -rf "$4"
            """, owner: owner, arguments: [child.description, String(patience), dataDirectory.path, directory.path])
    }

    /// Runs `script` under `bash` with `arguments` as `$1…`, `$OWNER` naming the owner, and two
    /// functions: `alive PID@START` (that process still runs, and is no zombie) and `stop_server DATA_DIRECTORY`
    /// (an immediate stop by the newest installed `pg_ctl`, the one ``EmbeddedPostgres`` runs,
    /// as the `postgres` OS user when we are root, as PostgreSQL requires).
    static func spawn(_ script: String, owner: Watched, arguments: [String]) throws {
        let prelude = """
            for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null
            alive() {
                local stat; stat=$(cat "/proc/${1%@*}/stat" 2>/dev/null) || return 1
                set -- "${1#*@}" ${stat##*\\) }
                [ "$2" != Z ] && [ "${21}" = "$1" ]
            }
            stop_server() {
                local pg_ctl; pg_ctl=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)
                if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_ctl" -D "$1" -m immediate -w stop; else "$pg_ctl" -D "$1" -m immediate -w stop; fi
            }
            OWNER=\(owner)

            """
        // The watchdog is a child of a shell that exits at once: init adopts it, and nobody here
        // waits for it. `setsid` gives it a session of its own (Swift does not see glibc's
        // POSIX_SPAWN_SETSID).
        let argv = ["setsid", "/bin/bash", "-c", prelude + "(\n" + script + "\n) &", "baton-watchdog"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in 0...2 {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/setsid", &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw WatchdogError(description: "could not start a watchdog: posix_spawn failed with error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }
}

struct WatchdogError: Error, CustomStringConvertible {
    var description: String
}
