import BatonEngine
import BatonModel
import Hummingbird

/// `/batch`, as Camunda 7's REST reference describes it, for the admin group: batches (so far
/// migrations run with `/migration/executeAsync`), their statistics (remaining, completed and
/// failed instances) and deletion. A batch's own answer adds `failures`: each instance that could
/// not move, and why.
extension EngineRestAPI {
    func registerBatches(on group: RouterGroup<BatonRequestContext>) {
        let listParameters: Set<String> = ["batchId", "type", "firstResult", "maxResults", "sortBy", "sortOrder"]
        group.get("batch") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.make(.array(try page(try await batches(query, context), query).map { Self.json($0) }))
        }
        group.get("batch/count") { request, context in
            JSONResponse.count(try await batches(try QueryParameters(request, allowed: listParameters), context).count)
        }
        group.get("batch/statistics") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.make(.array(try page(try await batches(query, context), query).map { Self.json($0, statistics: true) }))
        }
        group.get("batch/statistics/count") { request, context in
            JSONResponse.count(try await batches(try QueryParameters(request, allowed: listParameters), context).count)
        }
        group.get("batch/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try Authorization.requireAdmin(context.identity, to: "read or delete batches")
            let (batch, failures) = try await runtime.batch(try context.pathParameter("id"))
            return JSONResponse.make(Self.json(batch, failures: failures, statistics: true))
        }
        group.delete("batch/:id") { request, context in
            _ = try QueryParameters(request, allowed: ["cascade"])
            try Authorization.requireAdmin(context.identity, to: "read or delete batches")
            try await runtime.deleteBatch(try context.pathParameter("id"))
            return JSONResponse.noContent()
        }
    }

    private func batches(_ query: QueryParameters, _ context: BatonRequestContext) async throws -> [BatchRecord] {
        try Authorization.requireAdmin(context.identity, to: "read or delete batches")
        let batches = try await runtime.batches().filter { batch in
            (query.string("batchId").map { $0 == batch.id } ?? true) && (query.string("type").map { $0 == batch.type } ?? true)
        }
        // Camunda sorts by batchId or tenantId (Baton has no tenants: start order stays).
        switch query.string("sortBy") {
        case nil, "tenantId": return batches
        case "batchId":
            let descending = query.string("sortOrder") == "desc"
            return batches.sorted { descending ? $0.id > $1.id : $0.id < $1.id }
        case let other?: throw RestError.invalid("Expected sortBy to be batchId or tenantId, but it is '\(other)'.")
        }
    }

    private func page(_ batches: [BatchRecord], _ query: QueryParameters) throws -> [BatchRecord] {
        let page = try query.page()
        return Array(batches.dropFirst(page.firstResult).prefix(page.maxResults ?? Int.max))
    }
}
