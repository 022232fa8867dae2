import BatonEngine
import BatonModel
import Hummingbird

/// `/deployment/{id}/resources…`: the files a deployment was made of. Baton keeps each BPMN
/// file with the definitions read from it; a resource's id is the id of its first definition,
/// stable and free of the slashes a file name may hold.
extension EngineRestAPI {
    struct DeployedResource {
        var id: String
        var name: String
        var deploymentID: String
    }

    func registerDeploymentResources(on group: RouterGroup<BatonRequestContext>) {
        group.get("deployment/:id/resources") { request, context in
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(.array(try await resources(context).map(Self.json)))
        }
        group.get("deployment/:id/resources/:resourceId") { request, context in
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(Self.json(try await resource(context)))
        }
        group.get("deployment/:id/resources/:resourceId/data") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let resource = try await resource(context)
            let bytes = try await runtime.processDefinition(resource.id).bytes
            let xml = [".bpmn", ".xml"].contains { resource.name.lowercased().hasSuffix($0) }
            return Self.attachment(bytes, contentType: xml ? "application/xml" : "application/octet-stream", filename: resource.name)
        }
    }

    /// The deployment's resources in name order, if the caller may read the deployment.
    private func resources(_ context: BatonRequestContext) async throws -> [DeployedResource] {
        let (deployment, definitions) = try await runtime.deployment(try context.pathParameter("id"))
        try await access(context).require("READ", on: .deployment, deployment.id)
        let byName = Dictionary(grouping: definitions, by: \.resourceName)
        return byName.keys.sorted().map { name in
            DeployedResource(id: byName[name]!.map(\.id).min()!, name: name, deploymentID: deployment.id)
        }
    }

    private func resource(_ context: BatonRequestContext) async throws -> DeployedResource {
        let id = try context.pathParameter("resourceId")
        guard let resource = try await resources(context).first(where: { $0.id == id }) else {
            throw RestError.notFound("Deployment resource '\(id)' for deployment id '\(try context.pathParameter("id"))' does not exist.")
        }
        return resource
    }

    static func json(_ resource: DeployedResource) -> JSONValue {
        .object([.init("id", .string(resource.id)), .init("name", .string(resource.name)), .init("deploymentId", .string(resource.deploymentID))])
    }

    /// Bytes to download, named by `filename` (its unprintable and quoting characters dropped).
    static func attachment(_ bytes: [UInt8], contentType: String, filename: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if let filename {
            let safeName = String(filename.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 32 && $0.value != 127 })
            headers[.contentDisposition] = "attachment; filename=\"\(safeName)\""
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
