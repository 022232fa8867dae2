import BatonEngine
import Hummingbird

/// `DELETE /process-definition/{id}` and `DELETE /process-definition/key/{key}` (every version,
/// of every tenant; `…/tenant-id/{tenantId}`: of that tenant):
/// a version with instances, running or ended, stays unless `cascade` deletes them with it.
/// Baton deletes instances without running their listeners or output mappings, as a cascading
/// deployment delete does, so `skipCustomListeners` and `skipIoMappings` change nothing.
extension EngineRestAPI {
    func registerProcessDefinitionDeletion(on group: RouterGroup<BatonRequestContext>) {
        let parameters: Set<String> = ["cascade", "skipCustomListeners", "skipIoMappings"]
        group.delete("process-definition/:id") { request, context in
            let query = try QueryParameters(request, allowed: parameters)
            let definition = try await runtime.processDefinition(try context.pathParameter("id")).definition
            try await access(context).require("DELETE", processKey: definition.key)
            try await runtime.deleteDefinitions([definition.id], cascade: try query.bool("cascade") ?? false)
            return JSONResponse.noContent()
        }
        for path in Self.keyPaths {
            group.delete(RouterPath(path)) { request, context in
                let query = try QueryParameters(request, allowed: parameters)
                let versions = try await versions(in: context)
                try await access(context).require("DELETE", processKey: try context.pathParameter("key"))
                try await runtime.deleteDefinitions(versions.map(\.id), cascade: try query.bool("cascade") ?? false)
                return JSONResponse.noContent()
            }
        }
    }
}
