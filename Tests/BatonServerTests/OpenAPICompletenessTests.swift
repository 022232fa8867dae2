import BatonEngine
import BatonModel
import BatonServer
import Foundation
import Hummingbird
import Testing

/// The served OpenAPI document names every route Baton serves under `/engine-rest` and nothing
/// else, declares every path parameter, documents 500, and lists exactly the query parameters
/// each list endpoint accepts (a request with an unknown one answers 400 naming those accepted).
@Suite struct OpenAPICompletenessTests {
    static func routes() -> Set<String> {
        let router = BatonHTTPServer.router(api: EngineRestAPI(runtime: Runtime())) { nil }
        return Set(router.routes.compactMap { route -> String? in
            let path = "\(route.path)"
            guard path.hasPrefix("/engine-rest/"), !path.hasPrefix("/engine-rest/engine/default"), path != "/engine-rest/openapi.json" else { return nil }
            let template = path.dropFirst("/engine-rest".count).split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(route.method.rawValue.lowercased()) /" + template.joined(separator: "/")
        })
    }

    static func documented(_ document: JSONValue) -> [String: JSONValue] {
        guard case .object(let paths)? = document["paths"] else { return [:] }
        var operations: [String: JSONValue] = [:]
        for path in paths {
            guard case .object(let methods) = path.value else { continue }
            for method in methods where ["get", "post", "put", "delete", "options"].contains(method.key) { operations["\(method.key) \(path.key)"] = method.value }
        }
        return operations
    }

    /// POST, PUT and DELETE routes refuse query parameters they do not take, before anything
    /// else, with a 400 naming the parameter (the POST forms of list queries take paging only).
    @Test func writesRefuseUnknownQueryParameters() async throws {
        try await RestHarness.make().run { rest in
            let document = try #require(try await rest.call(.get, "/engine-rest/openapi.json").json)
            for (name, operation) in Self.documented(document).sorted(by: { $0.key < $1.key }) where !name.hasPrefix("get ") && !name.hasPrefix("options ") {
                let parts = name.split(separator: " ")
                let method: HTTPRequest.Method = parts[0] == "post" ? .post : parts[0] == "put" ? .put : .delete
                let concrete = parts[1].split(separator: "/").map { $0.hasPrefix("{") ? "none" : String($0) }.joined(separator: "/")
                let reply = try await rest.call(method, "/engine-rest/" + concrete + "?notAParameterOfAnyEndpoint=1", json: "{}")
                let message = reply["message"]?.stringValue ?? ""
                #expect(reply.status == .badRequest && message.contains("'notAParameterOfAnyEndpoint'"), "\(name): \(reply.status) \(reply.text)")
                let takes = (operation["parameters"]?.arrayValue ?? []).contains { $0["$ref"]?.stringValue?.contains("query-") == true }
                #expect(takes == message.contains("expected one of"), "\(name): documented query parameters and the 400 agree")
            }
        }
    }

    @Test func everyRouteIsDocumentedWithItsParametersAndNothingElseIs() async throws {
        try await RestHarness.make().run { rest in
            let document = try #require(try await rest.call(.get, "/engine-rest/openapi.json").json)
            let operations = Self.documented(document)
            let routes = Self.routes()
            #expect(routes.subtracting(operations.keys).sorted() == [], "served but not documented")
            #expect(Set(operations.keys).subtracting(routes).sorted() == [], "documented but not served")
            for (name, operation) in operations.sorted(by: { $0.key < $1.key }) {
                let path = String(name.split(separator: " ")[1])
                let parameters = operation["parameters"]?.arrayValue ?? []
                let resolved = parameters.map { parameter -> JSONValue in
                    guard let reference = parameter["$ref"]?.stringValue else { return parameter }
                    return document["components"]?["parameters"]?[String(reference.split(separator: "/").last!)] ?? parameter
                }
                let declared = Set(resolved.filter { $0["in"] == .string("path") }.compactMap { $0["name"]?.stringValue })
                let templated = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                #expect(declared == templated, "\(name): path parameters declared \(declared.sorted()), in the template \(templated.sorted())")
                #expect(operation["responses"]?["500"] != nil, "\(name) documents 500")

                guard name.hasPrefix("get ") else { continue }
                let concrete = path.split(separator: "/").map { $0.hasPrefix("{") ? "none" : String($0) }.joined(separator: "/")
                let reply = try await rest.call(.get, "/engine-rest/" + concrete + "?notAParameterOfAnyEndpoint=1")
                guard reply.status == .badRequest, let message = reply["message"]?.stringValue, let range = message.range(of: "expected one of ") else { continue }
                let accepted = Set(message[range.upperBound...].dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                let documented = Set(resolved.filter { $0["in"] == .string("query") }.compactMap { $0["name"]?.stringValue })
                #expect(documented == accepted, "\(name): documented query parameters differ; missing \(accepted.subtracting(documented).sorted()), extra \(documented.subtracting(accepted).sorted())")
            }
        }
    }
}
