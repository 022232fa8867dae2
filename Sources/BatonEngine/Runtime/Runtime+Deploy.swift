import BatonBPMN
import BatonCore
import BatonModel

/// A BPMN file handed to ``Runtime/deploy(name:resources:source:duplicateFiltering:)``.
public struct DeploymentResource: Sendable {
    public var name: String
    public var bytes: [UInt8]
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// One deployed process definition version.
public struct ProcessDefinitionInfo: Hashable, Sendable {
    public var id: String
    public var key: String
    public var version: Int
    public var versionTag: String?
    public var name: String?
    public var deploymentID: String
    public var resourceName: String
    public var suspended: Bool
    public var category: String?
    public var startableInTasklist: Bool
    /// `camunda:historyTimeToLive` in days, if the process declares it.
    public var historyTimeToLiveDays: Int?
    /// Its deployment's tenant; nil: shared by every tenant.
    public var tenantID: String?

    init(_ record: DefinitionRecord) {
        id = record.id
        key = record.key
        version = record.version
        versionTag = record.versionTag
        name = record.name
        deploymentID = record.deploymentID
        resourceName = record.resourceName
        suspended = record.suspended
        category = record.category
        startableInTasklist = record.startableInTasklist
        historyTimeToLiveDays = record.historyTimeToLiveDays
        tenantID = record.tenantID
    }
}

/// The result of a deployment: the definitions it holds (new versions, or existing ones when
/// the content was unchanged) and the warnings found while reading.
public struct DeploymentInfo: Sendable {
    public var id: String
    public var name: String
    public var deployedAt: Timestamp
    public var tenantID: String?
    public var definitions: [ProcessDefinitionInfo]
    /// Definitions whose content was identical to the latest version and so were not deployed again.
    public var unchanged: [ProcessDefinitionInfo]
    public var warnings: [Diagnostic]
}

extension Runtime {
    /// Deploys BPMN resources. Each executable process becomes a new version of its key (within
    /// `tenantID`: each tenant, and the shared definitions without one, count versions of their
    /// own), unless `duplicateFiltering` is on and its content equals the latest version's, which
    /// is then returned instead. Any error diagnostic refuses the whole deployment.
    public func deploy(
        name: String, resources: [DeploymentResource], source: String? = nil, duplicateFiltering: Bool = true, tenantID: String? = nil
    ) async throws -> DeploymentInfo {
        if let tenantID { try IdentityID.validate(tenantID, of: "tenant") }
        var processes: [(resource: DeploymentResource, process: ProcessDefinition, definitions: Definitions)] = []
        var diagnostics: [Diagnostic] = []
        for resource in resources {
            let document = BPMNReader.read(resource.bytes, file: resource.name, options: readOptions)
            diagnostics += document.diagnostics
            guard let definitions = document.definitions else { continue }
            for process in definitions.executableProcesses { processes.append((resource, process, definitions)) }
        }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw EngineError(
                .deploymentFailed,
                "Expected deployable BPMN, but \(errors.count) error\(errors.count == 1 ? "" : "s") stop the deployment; the first: \(errors[0])",
                diagnostics: diagnostics)
        }
        let deploymentID = ids.next()
        let now = clock.now()
        return try await store.transaction { transaction in
            // Deployments of the same processes wait for each other, so servers starting together
            // on one database converge on one version (or consecutive ones), none failing.
            try await transaction.lockDefinitions(keys: processes.map(\.process.id.rawValue))
            // Decide what is new first: the deployment row must exist before its definitions.
            var created: [(record: DefinitionRecord, process: ProcessDefinition, definitions: Definitions)] = []
            var unchanged: [DefinitionRecord] = []
            for (resource, process, definitions) in processes {
                let key = process.id.rawValue
                let checksum = Checksum.fnv1a64(resource.bytes, salt: key)
                let latest = try await transaction.definitions(key: key).last { $0.tenantID == tenantID }
                if duplicateFiltering, let latest, latest.checksum == checksum {
                    unchanged.append(latest)
                    continue
                }
                let version = (latest?.version ?? 0) + 1
                var record = DefinitionRecord(
                    id: "\(key):\(version):\(ids.next())", key: key, version: version, versionTag: process.versionTag, name: process.name,
                    deploymentID: deploymentID, resourceName: resource.name, checksum: checksum,
                    historyTimeToLiveDays: process.historyTimeToLive.flatMap(Self.days), bytes: resource.bytes)
                record.category = definitions.targetNamespace
                record.startableInTasklist = process.isStartableInTasklist
                record.tenantID = tenantID
                created.append((record, process, definitions))
            }
            try await requireUniqueMessageStarts(
                created.map { ($0.record.key, ExecutableProcess(process: $0.process, in: $0.definitions, definitionID: $0.record.id)) }, tenantID: tenantID,
                in: transaction)
            if !created.isEmpty {
                try await transaction.insertDeployment(DeploymentRecord(id: deploymentID, name: name, source: source, tenantID: tenantID, deployedAt: now))
            }
            for (record, process, definitions) in created {
                try await transaction.insertDefinition(record)
                try await transaction.replaceTimerStarts(
                    forKey: record.key, tenantID: tenantID,
                    with: timerStarts(of: ExecutableProcess(process: process, in: definitions, definitionID: record.id), now: now))
            }
            let id = created.isEmpty ? (unchanged.first?.deploymentID ?? deploymentID) : deploymentID
            return DeploymentInfo(
                id: id, name: name, deployedAt: now, tenantID: tenantID, definitions: (created.map(\.record) + unchanged).map(ProcessDefinitionInfo.init),
                unchanged: unchanged.map(ProcessDefinitionInfo.init), warnings: diagnostics)
        }
    }

    /// `camunda:historyTimeToLive` in days: a number, or an ISO 8601 duration in days.
    static func days(_ text: String) -> Int? {
        if let days = Int(text) { return days }
        guard let duration = ISODuration(text) else { return nil }
        return duration.days + duration.weeks * 7
    }

    /// The first firing of each timer start event of a freshly deployed definition.
    private func timerStarts(of process: ExecutableProcess, now: Timestamp) -> [TimerStartRecord] {
        process.root.startEvents.compactMap { start -> TimerStartRecord? in
            guard case .timer(let timer)? = process.nodes[start].kind.eventDefinitions.first, case .fixed(let schedule) = timer.value else {
                return nil
            }
            var record = TimerStartRecord(id: ids.next(), definitionID: process.definitionID, startEvent: process.nodes[start].id.rawValue, dueAt: now)
            switch schedule {
            case .date(let date): record.dueAt = date
            case .duration(let duration): record.dueAt = duration.added(to: now)
            case .cycle(let cycle):
                guard let due = cycle.firstDue(after: now) else { return nil }
                record.dueAt = due
                record.remaining = cycle.repetitions.map { $0 - 1 }
                record.interval = cycle.interval
            case .cron(let cron):
                // The record keeps no expression: each firing reads the next from the definition.
                guard let due = cron.next(after: now) else { return nil }
                record.dueAt = due
            }
            return record
        }
    }

    /// Every deployment the caller's tenants reach (``TenantCheck``), oldest first.
    public func deployments() async throws -> [DeploymentRecord] {
        try await store.read { try await $0.deployments() }.filter { TenantCheck.filter.admits($0.tenantID) }
    }

    public func deployment(_ id: String) async throws -> (deployment: DeploymentRecord, definitions: [ProcessDefinitionInfo]) {
        try await store.read { transaction in
            guard let deployment = try await transaction.deployments().first(where: { $0.id == id && TenantCheck.filter.admits($0.tenantID) }) else {
                throw EngineError(.notFound, "Expected deployment '\(id)' to exist, but it does not.")
            }
            let definitions = try await transaction.definitions(key: nil).filter { $0.deploymentID == id }.map(ProcessDefinitionInfo.init)
            return (deployment, definitions)
        }
    }

    /// Deletes a deployment and its definitions. Its instances (running or ended) block that
    /// unless `cascade` is set, which deletes them too, with their history.
    public func deleteDeployment(_ id: String, cascade: Bool) async throws {
        try await store.transaction { transaction in
            guard try await transaction.deployments().contains(where: { $0.id == id && TenantCheck.filter.admits($0.tenantID) }) else {
                throw EngineError(.notFound, "Expected deployment '\(id)' to exist, but it does not.")
            }
            if !cascade { try Self.requireNoInstances(try await transaction.instanceCount(ofDeployment: id), of: "Deployment '\(id)'") }
            let known = try await transaction.definitions(key: nil)
            try await transaction.deleteDeployment(id)
            try await scheduleTimerStartsOfLatest(replacing: known.filter { $0.deploymentID == id }, of: known, in: transaction)
        }
    }

    /// Deletes definition versions (Camunda's `DELETE /process-definition/{id}`, and every
    /// version of a key). Their instances (running or ended) block that unless `cascade` is
    /// set, which deletes them too, with their history. Where a key's latest version goes, the
    /// version before it takes its place, with its timer start events scheduled again.
    public func deleteDefinitions(_ ids: [String], cascade: Bool) async throws {
        try await store.transaction { transaction in
            let known = try await transaction.definitions(key: nil)
            for id in ids where !known.contains(where: { $0.id == id && TenantCheck.filter.admits($0.tenantID) }) {
                throw EngineError(.notFound, "Expected process definition '\(id)' to exist, but it does not.")
            }
            if !cascade {
                let subject = ids.count == 1 ? "Process definition '\(ids[0])'" : "Process definitions \(ids.map { "'\($0)'" }.joined(separator: ", "))"
                try Self.requireNoInstances(try await transaction.instanceCount(ofDefinitions: ids), of: subject)
            }
            try await transaction.deleteDefinitions(ids)
            try await scheduleTimerStartsOfLatest(replacing: known.filter { ids.contains($0.id) }, of: known, in: transaction)
        }
    }

    /// Refuses a delete without cascade while `instances` (running or ended) remain.
    private static func requireNoInstances(_ instances: Int, of subject: String) throws {
        guard instances > 0 else { return }
        throw EngineError(
            .conflict,
            "\(subject): \(instances) process instance(s) remain, running or in history; delete with cascade=true to remove them and their history too.")
    }

    /// After `deleted` versions went, schedules the timer start events of the version now latest
    /// of each key whose latest was deleted (none when no version is left). `known` are the
    /// versions before the deletion.
    private func scheduleTimerStartsOfLatest(
        replacing deleted: [DefinitionRecord], of known: [DefinitionRecord], in transaction: any StoreTransaction
    ) async throws {
        let latest = Set(Dictionary(grouping: known, by: DefinitionLineage.init).values.compactMap { versions in versions.max { $0.version < $1.version }?.id })
        for lineage in Set(deleted.filter { latest.contains($0.id) }.map(DefinitionLineage.init)).sorted() {
            let latest = try await transaction.definitions(key: lineage.key).filter { $0.tenantID == lineage.tenantID }.max { $0.version < $1.version }
            var starts: [TimerStartRecord] = []
            if let latest { starts = timerStarts(of: try await executable(latest.id, in: transaction), now: clock.now()) }
            try await transaction.replaceTimerStarts(forKey: lineage.key, tenantID: lineage.tenantID, with: starts)
        }
    }

    /// Changes how many days ended instances of definition `id` keep their history (nil: the
    /// engine's default). Instances that end from now on take it; ended ones keep theirs.
    /// Other nodes take it within a minute (``CompiledDefinitions``).
    public func setHistoryTimeToLive(definitionID id: String, days: Int?) async throws {
        if let days, days < 0 { throw EngineError(.invalidArgument, "Expected a history time to live of zero days or more, but it is \(days).") }
        guard try await store.transaction({ try await $0.updateHistoryTimeToLive(definitionID: id, days: days) }) else {
            throw EngineError(.notFound, "Expected process definition '\(id)' to exist, but it does not.")
        }
        store.compiledDefinitions.remember(days, of: id)
    }

    /// One definition version with the BPMN it was deployed from.
    public func processDefinition(_ id: String) async throws -> (definition: ProcessDefinitionInfo, bytes: [UInt8]) {
        try await store.read { transaction in
            guard let record = try await transaction.definition(id: id), TenantCheck.filter.admits(record.tenantID) else {
                throw EngineError(.notFound, "Expected process definition '\(id)' to exist, but it does not.")
            }
            return (ProcessDefinitionInfo(record), record.bytes)
        }
    }

    /// The `camunda:properties` of definition `id`'s process, by name (the first of a name given twice).
    public func processProperties(of id: String) async throws -> [String: String] {
        var properties: [String: String] = [:]
        for property in try await executable(id).definition.properties where properties[property.name] == nil {
            properties[property.name] = property.value ?? ""
        }
        return properties
    }

    /// Every definition version the caller's tenants reach, each key's newest last.
    public func processDefinitions(key: String? = nil) async throws -> [ProcessDefinitionInfo] {
        try await store.read { try await $0.definitions(key: key) }.filter { TenantCheck.filter.admits($0.tenantID) }.map(ProcessDefinitionInfo.init)
    }

    /// Suspends (true) or activates (false) process definitions by id: a suspended one starts no
    /// instance, by API, message, timer or call activity. With `includeInstances`, their running
    /// instances follow, each in a command of its own (see ``setSuspended(_:instancesOf:)``).
    public func setDefinitionsSuspended(_ ids: [String], _ suspended: Bool, includeInstances: Bool) async throws {
        try await store.transaction { transaction in
            for id in ids {
                guard let definition = try await transaction.definition(id: id), TenantCheck.filter.admits(definition.tenantID) else {
                    throw EngineError(.notFound, "Expected process definition '\(id)' to exist, but it does not.")
                }
                try await transaction.setDefinitionSuspended(id, suspended)
            }
        }
        guard includeInstances else { return }
        for id in ids { try await setSuspended(suspended, instancesOf: ProcessInstanceQuery(processDefinitionID: id)) }
    }
}

/// A stable 64-bit FNV-1a hash, the same on every machine and run (Swift's `Hasher` is seeded
/// per process and so cannot detect identical redeployments across restarts).
public enum Checksum {
    public static func fnv1a64(_ bytes: [UInt8], salt: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(salt.utf8) + [0] + bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
