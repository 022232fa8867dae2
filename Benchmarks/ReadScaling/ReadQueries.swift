import BatonEngine
import BatonModel
import BatonPostgres

/// One measured read through the runtime's public query API, and the answer the filled data
/// must give (checked on every run, so a fill the engine cannot read fails loudly).
struct ReadQuery: Sendable {
    var name: String
    /// Runs the query once; `run` picks its random argument. Returns how many rows it listed
    /// (for a count, the count).
    var perform: @Sendable (_ runtime: Runtime, _ run: Int) async throws -> Int
    var expected: Int
}

/// An ended instance the queries look up: a random one per run.
struct EndedInstanceSample: Sendable {
    var id: String
    var businessKey: String
}

enum ReadQueries {
    static let firstPage = Page(firstResult: 0, maxResults: 15)
    static let group = "group-3"
    /// The tenants of the user the tenant-checked reads run for.
    static let tenants: Set<String> = ["north", "south"]

    /// The reads a task list, an instance search and an operator's console make, in report order.
    static func all(definitionID: String, samples: [EndedInstanceSample], analyticsDay day: AnalyticsDay) -> [ReadQuery] {
        let tasksPerGroup = BulkFill.openTasks / BulkFill.candidateGroups
        return [
            ReadQuery(name: "Task list of one candidate group, newest 15", perform: { runtime, _ in
                try await runtime.tasks(TaskQuery(candidateGroups: [group], sorting: [Sorting(.created, ascending: false)]), page: firstPage).count
            }, expected: firstPage.maxResults ?? 0),
            ReadQuery(name: "Count of that task list", perform: { runtime, _ in
                try await runtime.count(TaskQuery(candidateGroups: [group]))
            }, expected: tasksPerGroup),
            ReadQuery(name: "Instances by business key (running or ended)", perform: { runtime, run in
                let sample = samples[run % samples.count]
                return try await runtime.instances(ProcessInstanceQuery(lifecycle: .any, businessKey: sample.businessKey), page: firstPage).count
            }, expected: 1),
            ReadQuery(name: "Running instances by variable value, first 15", perform: { runtime, _ in
                let query = ProcessInstanceQuery(lifecycle: .running, variables: [VariableCondition(name: "group", value: .string(group))])
                return try await runtime.instances(query, page: firstPage).count
            }, expected: firstPage.maxResults ?? 0),
            ReadQuery(name: "All open incidents", perform: { runtime, _ in
                try await runtime.incidents(IncidentQuery(open: true)).count
            }, expected: BulkFill.openIncidents),
            ReadQuery(name: "Ended instances of the definition by end time, newest 15", perform: { runtime, _ in
                let query = ProcessInstanceQuery(lifecycle: .ended, processDefinitionID: definitionID, sorting: [Sorting(.endTime, ascending: false)])
                return try await runtime.instances(query, page: firstPage).count
            }, expected: firstPage.maxResults ?? 0),
            ReadQuery(name: "Activity history of one ended instance", perform: { runtime, run in
                let sample = samples[run % samples.count]
                return try await runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: sample.id)).count
            }, expected: 3),
            // The same reads for a tenant's user: the role switch and row-level security (the
            // filled rows are shared, so every one passes the policy and the answers stay).
            ReadQuery(name: "Task list as a tenant's user (row-level security)", perform: { runtime, _ in
                try await TenantCheck.$tenantIDs.withValue(tenants) {
                    try await runtime.tasks(TaskQuery(candidateGroups: [group], sorting: [Sorting(.created, ascending: false)]), page: firstPage).count
                }
            }, expected: firstPage.maxResults ?? 0),
            ReadQuery(name: "Count of that task list as a tenant's user", perform: { runtime, _ in
                try await TenantCheck.$tenantIDs.withValue(tenants) { try await runtime.count(TaskQuery(candidateGroups: [group])) }
            }, expected: tasksPerGroup),
            ReadQuery(name: "Instances by business key as a tenant's user", perform: { runtime, run in
                let sample = samples[run % samples.count]
                return try await TenantCheck.$tenantIDs.withValue(tenants) {
                    try await runtime.instances(ProcessInstanceQuery(lifecycle: .any, businessKey: sample.businessKey), page: firstPage).count
                }
            }, expected: 1),
            ReadQuery(name: "Analytics overview of one day (ended in it)", perform: { runtime, _ in
                let figures = try await runtime.analytics(AnalyticsQuery(definitions: .all, from: day.from, to: day.to))
                return figures.completed + figures.canceled
            }, expected: day.ended),
            ReadQuery(name: "Analytics of the definition for one day, per activity (activities)", perform: { runtime, _ in
                try await runtime.analytics(AnalyticsQuery(definitions: .only([definitionID]), from: day.from, to: day.to, perActivity: true)).activities.count
            }, expected: day.activities),
        ]
    }

    /// `count` random ended copies (the same ones for the same data: the seed is fixed), so the
    /// lookups hit rows spread over the whole table rather than a cached few.
    static func sampleEndedInstances(_ count: Int, on connection: PostgresConnection) async throws -> [EndedInstanceSample] {
        let results = try await connection.pipeline([
            PostgresStatement("SELECT setseed(0.42)"),
            PostgresStatement(
                "SELECT id, business_key FROM history_process_instances WHERE business_key LIKE 'order-%' ORDER BY random() LIMIT $1::bigint",
                [String(count)]),
        ])
        let samples = results[1].rows.compactMap { row in row[0].flatMap { id in row[1].map { EndedInstanceSample(id: id, businessKey: $0) } } }
        guard !samples.isEmpty else { throw BenchmarkFailure("Expected filled ended instances to sample, but there are none") }
        return samples
    }
}
