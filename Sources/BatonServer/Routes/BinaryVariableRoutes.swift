import BatonEngine
import BatonModel
import Hummingbird

/// `…/variables/{name}/data`: the bytes of `Bytes` and `File` variables, sent as Camunda's
/// clients send them (multipart: a `data` part, and `valueType` `Bytes` or `File`; a file's name
/// and media type come from the part) and fetched raw (a file with its media type and name).
/// A value is kept inside the instance's state, which every command on the instance writes
/// whole, so one is limited to ``RequestLimits/binaryVariableBytes``.
extension EngineRestAPI {
    func registerBinaryVariables(on group: RouterGroup<BatonRequestContext>) {
        // `deserializeValue` means nothing for bytes; pycamunda sends it on `…/data` too.
        group.get("process-instance/:id/variables/:name/data") { request, context in
            _ = try QueryParameters(request, allowed: ["deserializeValue"])
            let id = try context.pathParameter("id"), name = try context.pathParameter("name")
            try await requireOnInstance("READ_INSTANCE", id, context)
            guard let variable = try await runtime.variables(of: id).first(where: { $0.name == name }) else {
                throw RestError.notFound("process instance variable with name \(name) does not exist")
            }
            return try Self.binary(variable.value, "Value of variable \(name) is not a binary value.")
        }
        group.post("process-instance/:id/variables/:name/data") { request, context in
            let id = try context.pathParameter("id"), name = try context.pathParameter("name")
            try await requireOnInstance("UPDATE_INSTANCE", id, context)
            try await runtime.setVariables(of: id, [name: try await binaryValue(request, name: name)])
            return JSONResponse.noContent()
        }
        for (path, local) in [("variables", false), ("localVariables", true)] {
            group.get("task/:id/\(path)/:name/data") { request, context in
                _ = try QueryParameters(request, allowed: ["deserializeValue"])
                let id = try context.pathParameter("id"), name = try context.pathParameter("name")
                let task = try await runtime.task(id)
                try Authorization.requireRead(on: task, context.identity, try await access(context))
                guard let value = try await runtime.taskVariables(task.id, local: local)[name] else {
                    throw RestError.notFound("\(local ? "task local variable" : "task variable") with name \(name) does not exist")
                }
                return try Self.binary(value, "Value of variable \(name) is not a binary value.")
            }
            group.post("task/:id/\(path)/:name/data") { request, context in
                let id = try context.pathParameter("id"), name = try context.pathParameter("name")
                let value = try await binaryValue(request, name: name)
                try await runtime.updateTaskVariables(id, set: [name: value], remove: [], local: local, authorize: try await mayWork(context))
                return JSONResponse.noContent()
            }
        }
        group.get("variable-instance/:id/data") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            return try Self.binary(try await variableInstance(id, context).value, "Value of variable with id \(id) is not a binary value.")
        }
        group.get("history/variable-instance/:id/data") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            guard let variable = try await runtime.variableHistory(try await scoped(HistoricVariableInstanceQuery(id: id), "READ_HISTORY", context)).first else {
                throw RestError.notFound("Historic variable instance with id \(id) does not exist")
            }
            return try Self.binary(variable.value, "Value of variable with id \(id) is not a binary value.")
        }
    }

    /// The value a multipart upload sends for variable `name`.
    private func binaryValue(_ request: Request, name: String) async throws -> VariableValue {
        _ = try QueryParameters(request, allowed: [])
        let buffer: ByteBuffer
        do {
            // Some room beyond the value for the multipart framing and fields.
            buffer = try await request.body.collect(upTo: limits.binaryVariableBytes + 16 << 10)
        } catch {
            throw Self.tooLarge(limits.binaryVariableBytes)
        }
        let form = try MultipartForm(body: Array(buffer: buffer), contentType: request.headers[.contentType] ?? "")
        if let unknown = form.parts.first(where: { !["data", "valueType"].contains($0.name) }) {
            throw RestError.invalid("Unknown form part '\(unknown.name)'; expected 'data' and 'valueType'.")
        }
        guard let data = form.parts.first(where: { $0.name == "data" }) else {
            throw RestError.invalid("Expected a 'data' part with the value of variable '\(name)', but there is none.")
        }
        guard data.bytes.count <= limits.binaryVariableBytes else { throw Self.tooLarge(limits.binaryVariableBytes) }
        switch form.field("valueType")?.trimmingASCIIWhitespace().lowercased() ?? "bytes" {
        case "bytes":
            return .bytes(data.bytes)
        case "file":
            guard let filename = data.filename, !filename.isEmpty else {
                throw RestError.invalid("Expected a file name on the 'data' part of File variable '\(name)' (Content-Disposition filename), but it has none.")
            }
            let type = data.contentType ?? "application/octet-stream"
            let mimeType = String(type.split(separator: ";").first ?? "").trimmingASCIIWhitespace()
            guard mimeType.contains("/") else { throw RestError.invalid("Invalid mime type given: '\(type)'.") }
            return .file(FileVariable(
                filename: filename, mimeType: mimeType, encoding: MultipartForm.parameter("encoding", in: type) ?? MultipartForm.parameter("charset", in: type),
                bytes: data.bytes))
        case let other:
            throw RestError.invalid("Expected valueType Bytes or File for a binary variable, but it is '\(other)'.")
        }
    }

    private static func tooLarge(_ limit: Int) -> RestError {
        RestError(.contentTooLarge, type: "RequestTooLargeException", "Expected a binary variable of at most \(limit) bytes, but it is larger.")
    }

    /// The raw bytes of a Bytes or File value; 400 with `notBinary` for any other.
    static func binary(_ value: VariableValue, _ notBinary: String) throws -> Response {
        switch value {
        case .bytes(let bytes):
            return attachment(bytes, contentType: "application/octet-stream", filename: nil)
        case .file(let file):
            let type = (file.mimeType ?? "application/octet-stream") + (file.encoding.map { "; charset=\($0)" } ?? "")
            return attachment(file.bytes, contentType: type, filename: file.filename)
        default:
            throw RestError.invalid(notBinary)
        }
    }
}
