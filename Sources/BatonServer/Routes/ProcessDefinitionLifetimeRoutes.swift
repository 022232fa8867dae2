import BatonEngine
import Hummingbird

/// `PUT /process-definition/{id}/history-time-to-live` (and by key, for the latest version):
/// `{"historyTimeToLive": days}`, how long ended instances of the version keep their history.
/// Null falls back to the engine's default (180 days), where Camunda would keep history
/// forever. Instances that end from now on take it; those ended keep the removal time they have.
extension EngineRestAPI {
    func registerProcessDefinitionLifetimes(on group: RouterGroup<BatonRequestContext>) {
        for (path, byKey) in [("process-definition/:id", false)] + Self.keyPaths.map({ ($0, true) }) {
            group.put(RouterPath(path + "/history-time-to-live")) { request, context in
                _ = try QueryParameters(request, allowed: [])  // before any lookup: a bad request is a 400 whatever it names
                let id = byKey ? try await latest(context).id : try context.pathParameter("id")
                try await access(context).require("UPDATE", processKey: try await runtime.processDefinition(id).definition.key)
                let body = try await body(request, context)
                try body.allowOnly(["historyTimeToLive"])
                let days = try body.integer("historyTimeToLive")
                if let days, days < 0 || days > Int64(Int32.max) {
                    throw RestError.invalid("Expected 'historyTimeToLive' to be a number of days from 0, but it is \(days).")
                }
                try await runtime.setHistoryTimeToLive(definitionID: id, days: days.map { Int($0) })
                return JSONResponse.noContent()
            }
        }
    }
}
