import ArgumentParser
import BatonAdapters
import BatonBPMN
import BatonEngine
import BatonModel
import BatonPostgres
import BatonServer
import Foundation
import CoreMetrics
import Hummingbird
import Logging
import Prometheus

/// `baton serve`: Baton's main job. Starts (or connects to) PostgreSQL, migrates, deploys the
/// processes directory, runs the job worker and serves the REST API until SIGTERM or SIGINT,
/// then finishes what is in flight and stops the embedded database cleanly.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve Camunda 7's REST API (/engine-rest) over Baton's engine on PostgreSQL.",
        discussion: """
            Uses DATABASE_URL (or --database-url); without one, Baton's embedded PostgreSQL under
            $BATON_HOME/pg (default .baton/pg), started here and stopped on exit. Every *.bpmn file
            directly inside --processes (default ./processes, when it exists) is deployed at
            start-up; identical content creates no new version; every *.triggers.json there is a
            data-event trigger (or an array of them), installed after the deployments. Prints one line when ready: "Baton serving http://HOST:PORT/engine-rest".
            Logs go to standard error; BATON_LOG_LEVEL (trace, debug, info, warning, error) sets how much.
            BATON_ALERT_WEBHOOK: a URL that receives a JSON alert per raised incident and per instance
            running longer than its process's baton.stuckAfter property (default BATON_STUCK_AFTER, P1D).
            """
    )

    @Option(help: "The address to listen on. Unless someone can sign in (BATON_USERS, BATON_API_TOKENS, users in the database), only loopback is allowed.")
    var host = "127.0.0.1"

    @Option(help: "The TCP port (0 picks a free one).")
    var port = 8080

    @Option(help: "The directory whose *.bpmn files are deployed at start-up (default: ./processes, if there is one).")
    var processes: String?

    @Option(help: "A file of NAME=value lines read as environment variables (the environment wins).")
    var config: String?

    @Option(help: "A libpq connection string or postgresql:// URL (default: DATABASE_URL).")
    var databaseURL: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("Expected --port between 0 and 65535, but it is \(port).") }
    }

    func run() async throws {
        let settings = try ServeSettings.load(configFile: config)
        let credentials: Credentials
        let firstGrants: [AuthorizationRecord]
        do {
            credentials = try Credentials.parse(users: settings["BATON_USERS"], tokens: settings["BATON_API_TOKENS"], adminGroup: settings["BATON_ADMIN_GROUP"])
            firstGrants = try AuthorizationBootstrap.parse(settings["BATON_AUTHORIZATIONS"])
        } catch {
            throw CommandFailure("error: \(error.description)")
        }
        let files = try processFiles()
        let shutdownTimeout = try ShutdownDeadline.parse(settings["BATON_SHUTDOWN_TIMEOUT"])
        let location = try DatabaseLocation.resolve(databaseURL: databaseURL ?? settings["DATABASE_URL"])
        defer { location.close() }
        do {
            // Retool's database is prepared while the engine's schema is migrated: on a first
            // start both are DDL-bound (creating a database copies its template), and neither
            // waits for the other.
            async let retool = Self.retoolDatabase(settings: settings, engine: location.connectionString)
            let migrator = try Migrator.engine()
            try await migrator.migrate(PostgresConnection.connect(location.connectionString))
            let pool = PostgresPool(connectionString: location.connectionString, maximum: 16)
            let registry = PrometheusCollectorRegistry()
            let metricsFactory = PrometheusMetricsFactory(registry: registry)
            MetricsSystem.bootstrap(metricsFactory)
            let logger = try Self.logger(level: settings["BATON_LOG_LEVEL"])
            let handlers = try Self.approvalHandlers(retool: try await retool, settings: settings, logger: logger)
            let alerts = try Self.alertSettings(settings)
            let maximumTTL = settings["BATON_MESSAGE_TTL_MAX"] ?? "P7D"
            guard let messageTTL = ISODuration(maximumTTL) else {
                throw CommandFailure("error: Expected BATON_MESSAGE_TTL_MAX to be an ISO 8601 duration such as P7D, but it is '\(maximumTTL)'.")
            }
            let runtime = Runtime(
                store: PostgresStore(pool: pool, recordsIncidentAlerts: alerts != nil), handlers: handlers.handlers,
                metrics: EngineMetrics(factory: metricsFactory), logger: logger, maximumMessageTimeToLive: messageTTL)
            // Instances an older Baton wrote get their query-side rows before anyone queries.
            let rebuilt = try await runtime.rebuildReadModels()
            if rebuilt > 0 { logger.notice("rebuilt the query side's rows of \(rebuilt) instances written before it existed") }
            do {
                let granted = try await AuthorizationBootstrap.apply(firstGrants, to: runtime)
                if granted > 0 { logger.notice("created \(granted) authorizations from BATON_AUTHORIZATIONS") }
            } catch let error as EngineError {
                throw CommandFailure("error: BATON_AUTHORIZATIONS: \(error.message)")
            }
            let users = UserDirectory(runtime: runtime, credentials: credentials)
            let bootstrap = try await users.prepare()
            if !bootstrap.created.isEmpty { logger.notice("created users \(bootstrap.created.joined(separator: ", ")) from BATON_USERS") }
            if !bootstrap.skipped.isEmpty {
                logger.notice(
                    "BATON_USERS: users \(bootstrap.skipped.joined(separator: ", ")) exist in the database already; their entries were not applied (change them through /user and /group)")
            }
            guard users.isRequired || ["127.0.0.1", "::1", "localhost"].contains(host) else {
                throw CommandFailure(
                    "error: Refusing to serve on '\(host)': no one can sign in (no BATON_USERS or BATON_API_TOKENS, and no users in the database), so Baton serves only on loopback (127.0.0.1, ::1, localhost).")
            }
            for file in files {
                let deployment = try await runtime.deploy(
                    name: URL(fileURLWithPath: file).lastPathComponent,
                    resources: [DeploymentResource(name: URL(fileURLWithPath: file).lastPathComponent, bytes: try BPMNFileLoader.bytes(of: file))],
                    source: "baton serve")
                for definition in deployment.definitions { FileOutput.standardError.write("deployed \(definition.id) from \(file)\n") }
            }
            let planApproval = handlers.drafts.map { PlanApprovalAPI(runtime: runtime, drafts: $0) }
            let triggers = EventTriggers(runtime: runtime, engine: pool, retool: handlers.drafts?.pool, logger: logger)
            for file in triggerFiles() {
                for trigger in try TriggerFileLoader.triggers(in: file) {
                    do {
                        try await triggers.save(trigger)
                    } catch let error as EventTriggerError {
                        throw CommandFailure("\(file): error: trigger '\(trigger.name)': \(error.message)")
                    }
                    FileOutput.standardError.write("installed event trigger '\(trigger.name)' on \(trigger.table) from \(file)\n")
                }
            }
            let router = BatonHTTPServer.router(
                api: EngineRestAPI(runtime: runtime), planApproval: planApproval, eventTriggers: EventTriggerAPI(triggers: triggers),
                credentials: credentials, metrics: registry,
                consoleSecret: settings["BATON_CONSOLE_SECRET"], users: users
            ) {
                do {
                    let connection = try await pool.lease()
                    let pending = try? await migrator.pending(connection)
                    await pool.giveBack(connection)
                    guard let pending else { return "the database does not answer" }
                    return pending.isEmpty ? nil : "migrations \(pending) are not applied"
                } catch {
                    return "the database is unreachable: \(error)"
                }
            }
            let host = self.host
            let application = Application(
                router: router, server: BatonHTTPServer.server(), configuration: .init(address: .hostname(host, port: port), serverName: "Baton"),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? 0
                    let base = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
                    FileOutput.standardOutput.write("Baton serving \(base)/engine-rest\n")
                    FileOutput.standardError.write("Baton Console at \(base)/console\n")
                    StartupPages.release()
                }, logger: logger)
            let worker = Task {
                await JobWorker(runtime: runtime) { error in logger.error("job worker pass failed", metadata: ["error": "\(error)"]) }.run()
            }
            defer { worker.cancel() }
            let triggerWorker = Task { await triggers.run() }
            defer { triggerWorker.cancel() }
            let alertSender = alerts.map { alerts in
                Task { await AlertWebhook(url: alerts.url, pool: pool, runtime: runtime, defaultStuckAfter: alerts.stuckAfter, logger: logger).run() }
            }
            defer { alertSender?.cancel() }
            let deadline = ShutdownDeadline(shutdownTimeout, logger: logger) { location.close() }
            try await application.runService()
            withExtendedLifetime(deadline) {}
        } catch let error as EngineError {
            throw CommandFailure("error: \(error.message)\(error.diagnostics.map { "\n\($0)" }.joined())")
        } catch let error as PostgresError {
            throw CommandFailure("error: \(error.description)")
        } catch let error as MigrationError {
            throw CommandFailure("error: \(error.description)")
        }
    }
}

extension ServeCommand {
    /// The BPMN files to deploy at start-up. `--processes` must name a directory; without it,
    /// `./processes` is used when there is one, and otherwise nothing is deployed (said once).
    func processFiles() throws -> [String] {
        func isDirectory(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let processes {
            guard isDirectory(processes) else {
                throw CommandFailure("error: Expected --processes '\(processes)' to be a directory of BPMN files, but it is not.")
            }
            return BPMNFileLoader.expand([processes])
        }
        guard isDirectory("processes") else {
            FileOutput.standardError.write("no --processes given and no ./processes directory: serving with nothing deployed (deploy with POST /engine-rest/deployment/create)\n")
            return []
        }
        return BPMNFileLoader.expand(["processes"])
    }

    /// The `*.triggers.json` files of the processes directory (see ``processFiles()``).
    func triggerFiles() -> [String] {
        let directory = processes ?? "processes"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        return TriggerFileLoader.files(in: directory)
    }

    /// `BATON_ALERT_WEBHOOK` (an http or https URL) and `BATON_STUCK_AFTER` (an ISO 8601
    /// duration, default P1D: how long an instance of a process without `baton.stuckAfter` may run).
    static func alertSettings(_ settings: ServeSettings) throws -> (url: String, stuckAfter: ISODuration)? {
        guard let url = settings["BATON_ALERT_WEBHOOK"], !url.isEmpty else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: url)?.host != nil else {
            throw CommandFailure("error: Expected BATON_ALERT_WEBHOOK to be an http:// or https:// URL, but it is '\(url)'.")
        }
        let text = settings["BATON_STUCK_AFTER"] ?? "P1D"
        guard let stuckAfter = ISODuration(text) else {
            throw CommandFailure("error: Expected BATON_STUCK_AFTER to be an ISO 8601 duration such as P1D or PT4H, but it is '\(text)'.")
        }
        return (url, stuckAfter)
    }

    static func logger(level: String?) throws -> Logger {
        var logger = Logger(label: "baton")
        guard let level, !level.isEmpty else { return logger }
        guard let parsed = Logger.Level(rawValue: level) else {
            throw CommandFailure(
                "error: Expected BATON_LOG_LEVEL to be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), but it is '\(level)'.")
        }
        logger.logLevel = parsed
        return logger
    }

    /// Retool's drafts database: RETOOL_DATABASE_URL, else a `retool` database on Baton's server,
    /// created and migrated here. Returns its connection string.
    static func retoolDatabase(settings: ServeSettings, engine: String) async throws -> String {
        do {
            let database = try await RetoolDatabase.resolve(settings, engine: engine)
            if database.onBatonsServer {
                try await Migrator.retool().migrate(PostgresConnection.connect(database.connectionString))
            }
            return database.connectionString
        } catch let error as PostgresError {
            throw CommandFailure(
                "error: Expected to prepare Retool's drafts database 'retool' on Baton's server, but \(error.description); set RETOOL_DATABASE_URL to use an existing one.")
        }
    }

    /// The approval handlers over Retool's drafts (in `retool`) and Aidbox (AIDBOX_URL; without
    /// it Baton still serves, and publishing fails with a message naming the variable).
    static func approvalHandlers(retool: String, settings: ServeSettings, logger: Logger) throws -> BenefitApprovalHandlers {
        let aidbox: AidboxConfiguration?
        do {
            aidbox = try AidboxConfiguration.from { settings[$0] }
        } catch {
            throw CommandFailure("error: \(error.description)")
        }
        if aidbox == nil { logger.warning("AIDBOX_URL is not set: approved plans cannot be published until it is") }
        return BenefitApprovalHandlers(
            drafts: RetoolDraftRepository(pool: PostgresPool(connectionString: retool, maximum: 4)), aidbox: aidbox.map { AidboxClient(configuration: $0) })
    }
}

/// `--config FILE`: `NAME=value` lines (blank lines and `#` comments allowed) that stand in for
/// environment variables; a variable set in the environment wins.
struct ServeSettings {
    var values: [String: String]

    subscript(name: String) -> String? { ProcessInfo.processInfo.environment[name] ?? values[name] }

    static func load(configFile: String?) throws -> ServeSettings {
        guard let configFile else { return ServeSettings(values: [:]) }
        guard let text = try? String(contentsOfFile: configFile, encoding: .utf8) else {
            throw CommandFailure("error: Expected to read the config file '\(configFile)', but it cannot be read.")
        }
        var values: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "="), equals != trimmed.startIndex else {
                throw CommandFailure("\(configFile):\(number + 1): error: Expected NAME=value, but the line is '\(trimmed)'.")
            }
            values[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
        }
        return ServeSettings(values: values)
    }
}
