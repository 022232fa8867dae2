import BatonEngine
import BatonModel
import Hummingbird

/// `/batch`, as Camunda 7's REST reference describes it, for the admin group: batches (so far
/// migrations run with `/migration/executeAsync`), their statistics (remaining, completed and
/// failed instances) and deletion. A batch's own answer adds `failures`: each instance that could
/// not move, and why.
extension EngineRestAPI {
    func registerBatches(on group: RouterGroup<BatonRequestContext>) {
        let listParameters: Set<String> = [
            "batchId", "type", "suspended", "firstResult", "maxResults", "sortBy", "sortOrder", "createdBy", "startedBefore", "startedAfter",
            "withFailures", "withoutFailures", "tenantIdIn", "withoutTenantId",
        ]
        group.get("batch") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.make(.array(try await runtime.batches(try batchQuery(query, context), page: try query.page()).map { Self.json($0) }))
        }
        group.get("batch/count") { request, context in
            JSONResponse.count(try await runtime.count(try batchQuery(try QueryParameters(request, allowed: listParameters), context)))
        }
        group.get("batch/statistics") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            let batches = try await runtime.batches(try batchQuery(query, context), page: try query.page())
            return JSONResponse.make(.array(batches.map { Self.json($0, statistics: true) }))
        }
        group.get("batch/statistics/count") { request, context in
            JSONResponse.count(try await runtime.count(try batchQuery(try QueryParameters(request, allowed: listParameters), context)))
        }
        group.get("batch/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try Authorization.requireAdmin(context.identity, to: "read or delete batches")
            let (batch, failures) = try await runtime.batch(try context.pathParameter("id"))
            return JSONResponse.make(Self.json(batch, failures: failures, statistics: true))
        }
        group.put("batch/:id/suspended") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["suspended"])
            try Authorization.requireAdmin(context.identity, to: "suspend or activate batches")
            try await runtime.setBatchSuspended(try context.pathParameter("id"), try body.requiredBool("suspended"))
            return JSONResponse.noContent()
        }
        group.delete("batch/:id") { request, context in
            _ = try QueryParameters(request, allowed: ["cascade"])
            try Authorization.requireAdmin(context.identity, to: "read or delete batches")
            try await runtime.deleteBatch(try context.pathParameter("id"))
            return JSONResponse.noContent()
        }
    }

    /// The batch filters of `query`; Camunda sorts by batchId or tenantId (Baton has no
    /// tenants: creation order stays).
    private func batchQuery(_ query: QueryParameters, _ context: BatonRequestContext) throws -> BatchQuery {
        try Authorization.requireAdmin(context.identity, to: "read or delete batches")
        var batches = BatchQuery(batchID: query.string("batchId"), type: query.string("type"))
        batches.suspended = try query.bool("suspended")
        batches.createdBy = query.string("createdBy")
        batches.startedBefore = try query.date("startedBefore")
        batches.startedAfter = try query.date("startedAfter")
        let withFailures = try query.bool("withFailures") == true, withoutFailures = try query.bool("withoutFailures") == true
        // Both at once, or a tenant (Baton has none yet): no batch.
        if (withFailures && withoutFailures) || query.list("tenantIdIn") != nil { batches.batchID = "" }
        if withFailures != withoutFailures { batches.withFailures = withFailures }
        switch query.string("sortBy") {
        case nil, "tenantId": break
        case "batchId": batches.idAscending = query.string("sortOrder") != "desc"
        case let other?: throw RestError.invalid("Expected sortBy to be batchId or tenantId, but it is '\(other)'.")
        }
        return batches
    }
}
