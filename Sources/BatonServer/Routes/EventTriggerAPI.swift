import BatonAdapters
import BatonEngine
import BatonModel
import BatonPostgres
import Hummingbird

/// `/api/event-triggers`: data-event triggers, for the admin group (everyone when Baton runs
/// without credentials). A trigger's definition is ``EventTrigger``'s JSON; its event log says
/// what became of each row change it captured.
public struct EventTriggerAPI: Sendable {
    public let triggers: EventTriggers
    let limits: RequestLimits

    public init(triggers: EventTriggers, limits: RequestLimits = RequestLimits()) {
        self.triggers = triggers
        self.limits = limits
    }

    func register(on router: Router<BatonRequestContext>) {
        let api = router.group("api")
        api.get("event-triggers") { request, context in
            try Authorization.requireAdmin(context.identity, to: "manage event triggers")
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(.array(try await triggers.all().map(\.json)))
        }
        api.get("event-triggers/:name") { request, context in
            try Authorization.requireAdmin(context.identity, to: "manage event triggers")
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(try await trigger(try context.pathParameter("name")).json)
        }
        api.put("event-triggers/:name") { request, context in
            try Authorization.requireAdmin(context.identity, to: "manage event triggers")
            _ = try QueryParameters(request, allowed: [])
            let body = try await JSONBody.read(request, context: context, limit: limits.jsonBodyBytes)
            let name = try context.pathParameter("name")
            let trigger = try await Self.refusal { try EventTrigger(name: name, json: body.value) }
            try await Self.refusal { try await triggers.save(trigger) }
            return JSONResponse.make(trigger.json)
        }
        api.delete("event-triggers/:name") { request, context in
            try Authorization.requireAdmin(context.identity, to: "manage event triggers")
            _ = try QueryParameters(request, allowed: [])
            let name = try context.pathParameter("name")
            guard try await triggers.delete(name) else { throw RestError.notFound("No event trigger '\(name)' exists.") }
            return JSONResponse.noContent()
        }
        api.get("event-triggers/:name/events") { request, context in
            try Authorization.requireAdmin(context.identity, to: "manage event triggers")
            let query = try QueryParameters(request, allowed: ["firstResult", "maxResults"])
            let name = try context.pathParameter("name")
            _ = try await trigger(name)
            let page = try query.page()
            let events = try await triggers.events(of: name, firstResult: page.firstResult, maxResults: min(page.maxResults ?? 100, 1000))
            return JSONResponse.make(.array(events.map(Self.json)))
        }
    }

    private func trigger(_ name: String) async throws -> EventTrigger {
        guard let trigger = try await triggers.named(name) else { throw RestError.notFound("No event trigger '\(name)' exists.") }
        return trigger
    }

    /// A trigger refused for what it says: 400, 404 for a missing table, 403 for a missing right.
    static func refusal<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as EventTriggerError {
            switch error.kind {
            case .invalid: throw RestError.invalid(error.message)
            case .notFound: throw RestError.notFound(error.message)
            case .forbidden: throw RestError.forbidden(error.message)
            }
        }
    }

    static func json(_ event: TriggerEventRecord) -> JSONValue {
        .object([
            .init("id", .string(event.id)), .init("table", .string(event.table)), .init("operation", .string(event.operation)),
            .init("rowKey", .orNull(event.rowKey)), .init("receivedAt", TypedValue.date(event.receivedAt)),
            .init("processedAt", TypedValue.date(event.processedAt)), .init("outcome", .string(event.outcome)), .init("error", .orNull(event.error)),
            .init("processInstanceId", .orNull(event.processInstanceID)),
        ])
    }
}
