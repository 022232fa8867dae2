import BatonEngine
import BatonModel
import Hummingbird

/// `/api/analytics`: how workflows fare, computed on the query side. `from`/`to` are ISO 8601
/// date-times (default: the last 24 hours); figures cover the definitions whose history the
/// caller may read (`READ_HISTORY`).
extension EngineRestAPI {
    func registerAnalytics(on group: RouterGroup<BatonRequestContext>) {
        group.get("analytics/overview") { request, context in
            let window = try window(try QueryParameters(request, allowed: ["from", "to"]))
            let analytics = try await runtime.analytics(try await analyticsQuery(window, definitions: .all, perActivity: false, context))
            return JSONResponse.make(Self.json(analytics, window: window))
        }
        group.get("analytics/process-definitions/:key") { request, context in
            let window = try window(try QueryParameters(request, allowed: ["from", "to"]))
            let key = try context.pathParameter("key")
            let versions = try await runtime.definitionIDs(of: .only([key]))
            guard versions != .only([]) else { throw RestError.notFound("No process definition with key '\(key)' is deployed.") }
            try await access(context).require("READ_HISTORY", processKey: key)
            let analytics = try await runtime.analytics(try await analyticsQuery(window, definitions: versions, perActivity: true, context))
            return JSONResponse.make(Self.json(analytics, window: window))
        }
        group.get("analytics/stuck") { request, context in try await stuckWork(request, context) }
    }

    /// Running instances and open tasks older than `olderThan` (default a day), oldest first.
    private func stuckWork(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["olderThan", "maxResults"])
        let text = query.string("olderThan") ?? "P1D"
        let threshold = try Self.threshold(olderThan: text, now: runtime.clock.now())
        let page = Page(firstResult: 0, maxResults: min(1000, max(1, try query.integer("maxResults") ?? 100)))
        let stuck = try await runtime.instances(try await scoped(Self.instances(startedBefore: threshold), "READ_INSTANCE", context), page: page)
        let visibility = try await Authorization.taskVisibility(context.identity, try await access(context))
        let stuckTasks = try await runtime.tasks(Self.tasks(createdBefore: threshold, visibleTo: visibility), page: page)
        return JSONResponse.make(.object([
            .init("olderThan", .string(text)), .init("before", TypedValue.date(threshold)),
            .init("processInstances", .array(stuck.map { instance in
                .object([
                    .init("id", .string(instance.id)), .init("processDefinitionId", .string(instance.definitionID)),
                    .init("processDefinitionKey", .string(instance.processKey)), .init("businessKey", .orNull(instance.businessKey)),
                    .init("startTime", TypedValue.date(instance.startedAt)),
                ])
            })),
            .init("tasks", .array(stuckTasks.map(Self.json))),
        ]))
    }

    static func instances(startedBefore threshold: Timestamp) -> ProcessInstanceQuery {
        var instances = ProcessInstanceQuery(sorting: [Sorting(.startTime), Sorting(.instanceId)])
        instances.startedBefore = threshold
        return instances
    }

    static func tasks(createdBefore threshold: Timestamp, visibleTo visibility: TaskVisibility?) -> TaskQuery {
        var tasks = TaskQuery(visibleTo: visibility, sorting: [Sorting(.created)])
        tasks.createdBefore = threshold
        return tasks
    }

    /// `now` less a duration of fixed length (a month has none).
    static func threshold(olderThan text: String, now: Timestamp) throws -> Timestamp {
        guard let age = ISODuration(text), age.years == 0, age.months == 0, age.fixedMilliseconds > 0 else {
            throw RestError.invalid("Expected 'olderThan' to be an ISO 8601 duration in weeks, days, hours or less, such as P1D or PT4H, but it is '\(text)'.")
        }
        return now.adding(milliseconds: -age.fixedMilliseconds)
    }

    /// The window the parameters ask for: `from` to `to`, by default the 24 hours up to now.
    private func window(_ query: QueryParameters) throws -> (from: Timestamp, to: Timestamp) {
        let to = try query.date("to") ?? runtime.clock.now()
        let from = try query.date("from") ?? to.adding(milliseconds: -86_400_000)
        guard from < to else { throw RestError.invalid("Expected 'from' to come before 'to', but it does not.") }
        return (from, to)
    }

    private func analyticsQuery(
        _ window: (from: Timestamp, to: Timestamp), definitions: ResourceScope, perActivity: Bool, _ context: BatonRequestContext
    ) async throws -> AnalyticsQuery {
        let readable = try await access(context).definitions("READ_HISTORY")
        return AnalyticsQuery(definitions: definitions.intersection(readable), from: window.from, to: window.to, perActivity: perActivity)
    }

    static func json(_ analytics: ProcessAnalytics, window: (from: Timestamp, to: Timestamp)) -> JSONValue {
        func millis(_ value: Int64?) -> JSONValue { value.map { .integer($0) } ?? .null }
        return .object([
            .init("from", TypedValue.date(window.from)), .init("to", TypedValue.date(window.to)),
            .init("started", .integer(Int64(analytics.started))), .init("completed", .integer(Int64(analytics.completed))),
            .init("canceled", .integer(Int64(analytics.canceled))), .init("endedWithIncident", .integer(Int64(analytics.endedWithIncident))),
            .init("running", .integer(Int64(analytics.running))), .init("successRate", analytics.successRate.map { .double($0) } ?? .null),
            .init("durationMillis", .object([
                .init("p50", millis(analytics.durationP50)), .init("p90", millis(analytics.durationP90)), .init("p99", millis(analytics.durationP99)),
            ])),
            .init("oldestRunningInstance", analytics.oldestRunning.map { oldest in
                .object([.init("id", .string(oldest.processInstanceID)), .init("startTime", TypedValue.date(oldest.startedAt))])
            } ?? .null),
            .init("activities", .array(analytics.activities.map { activity in
                .object([
                    .init("activityId", .string(activity.activityID)), .init("count", .integer(Int64(activity.count))),
                    .init("meanDurationMillis", millis(activity.meanMillis)), .init("p90DurationMillis", millis(activity.p90Millis)),
                    .init("openIncidents", .integer(Int64(activity.openIncidents))),
                ])
            })),
        ])
    }
}
