import BatonEngine
import BatonModel
import Hummingbird

extension EngineRestAPI {
    func registerProcessDefinitions(on group: RouterGroup<BatonRequestContext>) {
        let listParameters: Set<String> = [
            "processDefinitionId", "key", "name", "deploymentId", "version", "versionTag", "latestVersion", "active", "suspended", "firstResult",
            "maxResults", "sortBy", "sortOrder", "processDefinitionIdIn", "nameLike", "deployedAfter", "deployedAt", "keysIn", "keyLike", "category",
            "categoryLike", "resourceName", "resourceNameLike", "startableBy", "incidentId", "incidentType", "incidentMessage", "incidentMessageLike",
            "versionTagLike", "withoutVersionTag", "startableInTasklist", "notStartableInTasklist", "startablePermissionCheck", "tenantIdIn",
            "withoutTenantId", "includeProcessDefinitionsWithoutTenantId",
        ]
        group.get("process-definition") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            let sorting = try query.sorting([Sorting<DefinitionSortKey>]())
            return JSONResponse.make(.array(try page(try await sortedDefinitions(try await definitions(query, context), sorting), query).map(Self.json)))
        }
        group.get("process-definition/count") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.count(try await definitions(query, context).count)
        }
        for (path, byKey) in [("process-definition/:id", false)] + Self.keyPaths.map({ ($0, true) }) {
            group.get(RouterPath(path + "/statistics")) { request, context in
                let query = try QueryParameters(request, allowed: ["failedJobs", "incidents", "incidentsForType"])
                let id = byKey ? try await latest(context).id : try context.pathParameter("id")
                try await access(context).require("READ_INSTANCE", processKey: try await runtime.processDefinition(id).definition.key)
                let wantIncidents = try query.bool("incidents") == true || query.string("incidentsForType") != nil
                let countFailedJobs = try query.bool("failedJobs") == true
                return JSONResponse.make(.array(try await runtime.activityStatistics(definitionID: id).map { activity in
                    let incidents = activity.openIncidents.filter { incident in query.string("incidentsForType").map { $0 == incident.kind } ?? true }
                    return .object([
                        .init("@class", .string("org.camunda.bpm.engine.rest.dto.repository.ActivityStatisticsResultDto")),
                        .init("id", .string(activity.activityID)), .init("instances", .integer(Int64(activity.instances))),
                        .init("failedJobs", .integer(Int64(countFailedJobs ? incidents.reduce(0) { $0 + $1.failedJobs } : 0))),
                        .init("incidents", .array(wantIncidents ? incidents.map { incident in
                            .object([.init("incidentType", .string(incident.kind)), .init("incidentCount", .integer(Int64(incident.count)))])
                        } : [])),
                    ])
                }))
            }
        }
        group.get("process-definition/statistics") { request, context in
            let access = try await access(context)
            let query = try QueryParameters(request, allowed: ["failedJobs", "incidents", "incidentsForType", "rootIncidents"])
            let statistics = Dictionary(try await runtime.definitionStatistics().map { ($0.definitionID, $0) }) { first, _ in first }
            let wantIncidents = try query.bool("incidents") == true || query.bool("rootIncidents") == true || query.string("incidentsForType") != nil
            let countFailedJobs = try query.bool("failedJobs") == true
            let readable = try await runtime.processDefinitions().filter { access.allows("READ", processKey: $0.key) }
            let items: [JSONValue] = readable.map { definition in
                let entry = statistics[definition.id]
                let incidents = (entry?.openIncidents ?? []).filter { incident in query.string("incidentsForType").map { $0 == incident.kind } ?? true }
                return .object([
                    .init("@class", .string("org.camunda.bpm.engine.rest.dto.repository.ProcessDefinitionStatisticsResultDto")),
                    .init("id", .string(definition.id)),
                    .init("instances", .integer(Int64(entry?.runningInstances ?? 0))),
                    .init("failedJobs", .integer(Int64(countFailedJobs ? incidents.reduce(0) { $0 + $1.failedJobs } : 0))),
                    .init("incidents", .array(wantIncidents ? incidents.map { incident in
                        .object([.init("incidentType", .string(incident.kind)), .init("incidentCount", .integer(Int64(incident.count)))])
                    } : [])),
                    .init("definition", Self.json(definition)),
                ])
            }
            return JSONResponse.make(.array(items))
        }
        for path in Self.keyPaths {
            group.get(RouterPath(path)) { request, context in
                _ = try QueryParameters(request, allowed: [])
                let definition = try await latest(context)
                try await access(context).require("READ", processKey: definition.key)
                return JSONResponse.make(Self.json(definition))
            }
            group.get(RouterPath(path + "/xml")) { request, context in
                _ = try QueryParameters(request, allowed: [])
                return try await xml(try await latest(context).id, context)
            }
            group.post(RouterPath(path + "/start")) { request, context in
                _ = try QueryParameters(request, allowed: [])  // before any lookup: a bad request is a 400 whatever it names
                return try await start(try await latest(context).id, request, context)
            }
            group.put(RouterPath(path + "/suspended")) { request, context in
                _ = try QueryParameters(request, allowed: [])  // before any lookup: a bad request is a 400 whatever it names
                try await suspend(try await versions(in: context), try await body(request, context), context)
                return JSONResponse.noContent()
            }
        }
        group.get("process-definition/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let definition = try await runtime.processDefinition(try context.pathParameter("id")).definition
            try await access(context).require("READ", processKey: definition.key)
            return JSONResponse.make(Self.json(definition))
        }
        group.get("process-definition/:id/xml") { request, context in
            _ = try QueryParameters(request, allowed: [])
            return try await xml(try context.pathParameter("id"), context)
        }
        group.put("process-definition/:id/suspended") { request, context in
            _ = try QueryParameters(request, allowed: [])  // before any lookup: a bad request is a 400 whatever it names
            let definition = try await runtime.processDefinition(try context.pathParameter("id")).definition
            try await suspend([definition], try await body(request, context), context)
            return JSONResponse.noContent()
        }
        group.put("process-definition/suspended") { request, context in
            let body = try await body(request, context)
            guard let key = try body.string("processDefinitionKey") else {
                throw RestError.invalid("Expected 'processDefinitionKey' in the body: it says which definitions to suspend or activate.")
            }
            // Every tenant's versions, unless the body names a tenant or none.
            let tenant: String?? = try body.bool("processDefinitionWithoutTenantId") == true
                ? .some(nil) : try body.string("processDefinitionTenantId").map { .some($0) }
            try await suspend(try await versions(of: key, tenant: tenant), body, context, also: ["processDefinitionKey"])
            return JSONResponse.noContent()
        }
        group.post("process-definition/:id/start") { request, context in try await start(try context.pathParameter("id"), request, context) }
        registerStartForms(on: group)
    }

    /// The paths that name a definition by key: its latest version of no tenant, or of one.
    static let keyPaths = ["process-definition/key/:key", "process-definition/key/:key/tenant-id/:tenantId"]

    /// Every version of `key`: of every tenant (`tenant` nil), or of one (`.some(nil)`: of none).
    func versions(of key: String, tenant: String?? = nil) async throws -> [ProcessDefinitionInfo] {
        let versions = try await runtime.processDefinitions(key: key).filter { definition in tenant.map { $0 == definition.tenantID } ?? true }
        guard !versions.isEmpty else { throw RestError.notFound("No matching process definition with key: \(key)\(Self.tenantSuffix(tenant ?? nil))") }
        return versions
    }

    /// The versions a key path names: of its tenant; without one, of every tenant, as Camunda
    /// suspends and deletes by key.
    func versions(in context: BatonRequestContext) async throws -> [ProcessDefinitionInfo] {
        let tenant = try Self.tenant(in: context)
        return try await versions(of: try context.pathParameter("key"), tenant: tenant.map { .some($0) })
    }

    static func tenant(in context: BatonRequestContext) throws -> String? {
        context.parameters.get("tenantId") == nil ? nil : try context.pathParameter("tenantId")
    }

    /// How Camunda's messages name the tenant a key was looked up in.
    static func tenantSuffix(_ tenant: String?) -> String { tenant.map { " and tenant-id: \($0)" } ?? " and no tenant-id" }

    /// `{suspended, includeProcessInstances, executionDate}`: Camunda asks SUSPEND or UPDATE on
    /// the definition, and SUSPEND_INSTANCE or UPDATE_INSTANCE as well when its instances follow.
    private func suspend(_ definitions: [ProcessDefinitionInfo], _ body: JSONBody, _ context: BatonRequestContext, also: Set<String> = []) async throws {
        try body.allowOnly(Set(["suspended", "includeProcessInstances", "executionDate", "processDefinitionTenantId", "processDefinitionWithoutTenantId"]).union(also))
        let suspended = try body.requiredBool("suspended")
        if try body.string("executionDate") != nil {
            throw RestError.invalid("Baton suspends and activates at once; 'executionDate' must be absent or null.")
        }
        let includeInstances = try body.bool("includeProcessInstances") ?? false
        let access = try await access(context)
        for key in Set(definitions.map(\.key)).sorted() {
            try access.require("SUSPEND", or: "UPDATE", processKey: key)
            if includeInstances { try access.require("SUSPEND_INSTANCE", or: "UPDATE_INSTANCE", processKey: key) }
        }
        try await runtime.setDefinitionsSuspended(definitions.map(\.id), suspended, includeInstances: includeInstances)
    }

    /// The definitions the parameters ask for and the caller may read (definitions are few: an
    /// administrator deploys them, so they are filtered here rather than in SQL).
    private func definitions(_ query: QueryParameters, _ context: BatonRequestContext) async throws -> [ProcessDefinitionInfo] {
        let access = try await access(context)
        var result = try await runtime.processDefinitions(key: query.string("key")).filter { access.allows("READ", processKey: $0.key) }
        if let id = query.string("processDefinitionId") { result = result.filter { $0.id == id } }
        if let name = query.string("name") { result = result.filter { $0.name == name } }
        if let deployment = query.string("deploymentId") { result = result.filter { $0.deploymentID == deployment } }
        if let version = try query.integer("version") { result = result.filter { $0.version == version } }
        if let tag = query.string("versionTag") { result = result.filter { $0.versionTag == tag } }
        if let suspended = try query.suspension() { result = result.filter { $0.suspended == suspended } }
        result = try await Self.further(result, query, runtime: runtime, access: access)
        if try query.bool("latestVersion") == true {
            // The latest of each key in each tenant, as Camunda counts versions.
            var latest: [DefinitionLineage: ProcessDefinitionInfo] = [:]
            for definition in result where (latest[DefinitionLineage(definition)]?.version ?? 0) < definition.version {
                latest[DefinitionLineage(definition)] = definition
            }
            let latestIDs = Set(latest.values.map(\.id))
            result = result.filter { latestIDs.contains($0.id) }
        }
        return result
    }

    /// Camunda's sort keys of the definition list.
    enum DefinitionSortKey: String, CaseIterable, Hashable, Sendable { case category, key, id, name, version, deploymentId, deployTime, tenantId, versionTag }

    /// `definitions` in the order `sorting` asks for; the deploy times are read only to sort by them.
    private func sortedDefinitions(_ definitions: [ProcessDefinitionInfo], _ sorting: [Sorting<DefinitionSortKey>]) async throws -> [ProcessDefinitionInfo] {
        let deployed = sorting.contains { $0.key == .deployTime } ? try await Self.deployTimes(runtime) : [:]
        return sorted(definitions, by: sorting) { key, definition in
            switch key {
            case .category: .text(definition.category)
            case .key: .text(definition.key)
            case .id: .text(definition.id)
            case .name: .text(definition.name)
            case .version: .number(definition.version)
            case .deploymentId: .text(definition.deploymentID)
            case .deployTime: .time(deployed[definition.deploymentID])
            case .tenantId: .text(definition.tenantID)
            case .versionTag: .text(definition.versionTag)
            }
        }
    }

    /// When each deployment was made, by its id.
    static func deployTimes(_ runtime: Runtime) async throws -> [String: Timestamp] {
        Dictionary(try await runtime.deployments().map { ($0.id, $0.deployedAt) }, uniquingKeysWith: { first, _ in first })
    }

    /// The latest version of `key` in `tenant` (nil: of no tenant), as Camunda's REST API
    /// resolves a key.
    func latest(_ key: String, tenant: String? = nil) async throws -> ProcessDefinitionInfo {
        guard let definition = try await runtime.processDefinitions(key: key).last(where: { $0.tenantID == tenant }) else {
            throw RestError.notFound("No matching process definition with key: \(key)\(Self.tenantSuffix(tenant))")
        }
        return definition
    }

    /// The latest version a key path (``keyPaths``) names.
    func latest(_ context: BatonRequestContext) async throws -> ProcessDefinitionInfo {
        try await latest(try context.pathParameter("key"), tenant: try Self.tenant(in: context))
    }

    private func xml(_ id: String, _ context: BatonRequestContext) async throws -> Response {
        let (definition, bytes) = try await runtime.processDefinition(id)
        try await access(context).require("READ", processKey: definition.key)
        return JSONResponse.make(.object([.init("id", .string(definition.id)), .init("bpmn20Xml", .string(String(decoding: bytes, as: UTF8.self)))]))
    }

    /// The start form of a definition, by id or by key (its latest version): its key, its fields'
    /// defaults, and its submission, which starts an instance with the values.
    private func registerStartForms(on group: RouterGroup<BatonRequestContext>) {
        for (prefix, byKey) in [("process-definition/:id", false)] + Self.keyPaths.map({ ($0, true) }) {
            @Sendable func definitionID(_ context: BatonRequestContext) async throws -> String {
                let id = byKey ? try await latest(context).id : try context.pathParameter("id")
                try await access(context).require("READ", processKey: try await runtime.processDefinition(id).definition.key)
                return id
            }
            group.get("\(prefix)/startForm") { request, context in
                _ = try QueryParameters(request, allowed: [])
                let form = try await runtime.startForm(ofDefinition: try await definitionID(context))
                return JSONResponse.make(.object([.init("key", .orNull(form.key)), .init("camundaFormRef", .null), .init("contextPath", .null)]))
            }
            group.get("\(prefix)/form-variables") { request, context in
                let query = try QueryParameters(request, allowed: ["variableNames", "deserializeValues"])
                let id = try await definitionID(context)
                return JSONResponse.make(TypedValue.encode(try await runtime.startFormVariables(ofDefinition: id, names: query.list("variableNames"))))
            }
            group.post("\(prefix)/submit-form") { request, context in
                let body = try await body(request, context)
                try body.allowOnly(["variables", "businessKey"])
                let id = try await definitionID(context)
                try await access(context).require("CREATE_INSTANCE", processKey: try await runtime.processDefinition(id).definition.key)
                let variables = try body.variables("variables")
                for field in try await runtime.startForm(ofDefinition: id).fields where !field.isReadOnly {
                    do {
                        try field.check(variables[field.id])
                    } catch let problem as FormField.Problem {
                        throw RestError.invalid("Cannot submit start form of process definition \(id): \(problem.message)")
                    }
                }
                let instance = try await runtime.start(definitionID: id, businessKey: try body.string("businessKey"), variables: variables)
                return JSONResponse.make(Self.json(instance))
            }
        }
    }

    /// `POST …/start`: `variables`, `businessKey`, `withVariablesInReturn`.
    private func start(_ definitionID: String, _ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let body = try await body(request, context)
        try body.allowOnly(["variables", "businessKey", "withVariablesInReturn", "skipCustomListeners", "skipIoMappings", "caseInstanceId", "startInstructions"])
        if try body.string("caseInstanceId") != nil { throw RestError.invalid("Baton has no cases; 'caseInstanceId' is not supported.") }
        // Where the instance starts instead of its start event; the skip flags apply to these
        // instructions, as in Camunda.
        let instructions = try (body.array("startInstructions") ?? []).map { try Self.instruction($0, of: nil) }
        try await access(context).require("CREATE_INSTANCE", processKey: try await runtime.processDefinition(definitionID).definition.key)
        let instance = try await runtime.start(
            definitionID: definitionID, businessKey: try body.string("businessKey"), variables: try body.variables("variables"), instructions: instructions,
            skipCustomListeners: !instructions.isEmpty && (try body.bool("skipCustomListeners") ?? false),
            skipIoMappings: !instructions.isEmpty && (try body.bool("skipIoMappings") ?? false))
        var json = Self.json(instance)
        if try body.bool("withVariablesInReturn") == true, case .object(var members) = json {
            let variables = try await runtime.variables(of: instance.id)
            members.append(.init("variables", TypedValue.encode(Dictionary(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }))))
            json = .object(members)
        }
        return JSONResponse.make(json)
    }

    static func json(_ definition: ProcessDefinitionInfo) -> JSONValue {
        .object([
            .init("id", .string(definition.id)), .init("key", .string(definition.key)), .init("category", .orNull(definition.category)),
            .init("description", .null),
            .init("name", .orNull(definition.name)), .init("version", .integer(Int64(definition.version))),
            .init("resource", .string(definition.resourceName)), .init("deploymentId", .string(definition.deploymentID)), .init("diagram", .null),
            .init("suspended", .bool(definition.suspended)), .init("tenantId", .orNull(definition.tenantID)), .init("versionTag", .orNull(definition.versionTag)),
            .init("historyTimeToLive", definition.historyTimeToLiveDays.map { .integer(Int64($0)) } ?? .null), .init("startableInTasklist", .bool(definition.startableInTasklist)),
        ])
    }

    /// Camunda's further definition filters. Definitions are few (versions of deployed models),
    /// so they are filtered here; the incident filters read the open incidents of one type at
    /// most, and deployment times come from the deployments' own list.
    static func further(
        _ definitions: [ProcessDefinitionInfo], _ query: QueryParameters, runtime: Runtime, access: Access
    ) async throws -> [ProcessDefinitionInfo] {
        func like(_ value: String?, _ parameter: String) -> Bool {
            guard let pattern = query.string(parameter) else { return true }
            return value.map { likeMatches($0, pattern) } ?? false
        }
        let tenants = try query.tenants(including: "includeProcessDefinitionsWithoutTenantId")
        var result = definitions.filter { definition in
            tenants.admits(definition.tenantID) && (query.list("processDefinitionIdIn").map { $0.contains(definition.id) } ?? true)
                && (query.list("keysIn").map { $0.contains(definition.key) } ?? true) && like(definition.key, "keyLike") && like(definition.name, "nameLike")
                && (query.string("category").map { $0 == definition.category } ?? true) && like(definition.category, "categoryLike")
                && (query.string("resourceName").map { $0 == definition.resourceName } ?? true) && like(definition.resourceName, "resourceNameLike")
                && like(definition.versionTag, "versionTagLike")
        }
        if try query.bool("withoutVersionTag") == true { result = result.filter { $0.versionTag == nil } }
        if try query.bool("startableInTasklist") == true { result = result.filter(\.startableInTasklist) }
        if try query.bool("notStartableInTasklist") == true { result = result.filter { !$0.startableInTasklist } }
        if try query.bool("startablePermissionCheck") == true { result = result.filter { access.allows("CREATE_INSTANCE", processKey: $0.key) } }
        let after = try query.date("deployedAfter"), at = try query.date("deployedAt")
        if after != nil || at != nil {
            let deployed = try await deployTimes(runtime)
            result = result.filter { definition in
                guard let time = deployed[definition.deploymentID] else { return false }
                return (after.map { time > $0 } ?? true) && (at.map { time == $0 } ?? true)
            }
        }
        if let user = query.string("startableBy") {
            let groups = Set(try await runtime.groupIDs(ofUser: user))
            var startable: [ProcessDefinitionInfo] = []
            for definition in result {
                let starters = try await runtime.candidateStarters(of: definition.id)
                if starters.users.contains(user) || !groups.isDisjoint(with: starters.groups) { startable.append(definition) }
            }
            result = startable
        }
        let incidentParameters = ["incidentId", "incidentType", "incidentMessage", "incidentMessageLike"]
        if incidentParameters.contains(where: { query.string($0) != nil }) {
            let incidents = try await runtime.incidents(IncidentQuery(incidentID: query.string("incidentId"), open: true, incidentType: query.string("incidentType")))
                .filter { incident in
                    (query.string("incidentMessage").map { incident.message == $0 } ?? true)
                        && (query.string("incidentMessageLike").map { likeMatches(incident.message, $0) } ?? true)
                }
            let withIncidents = Set(incidents.map(\.processDefinitionID))
            result = result.filter { withIncidents.contains($0.id) }
        }
        return result
    }
}