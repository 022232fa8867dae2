import BatonModel
import Hummingbird
import Testing

/// Every response of a broad scenario must match what `/engine-rest/openapi.json` documents for
/// its path, method and status; an undocumented path or status is a failure too.
@Suite struct OpenAPIConformanceTests {
    @Test func responsesConformToTheServedOpenAPIDocument() async throws {
        try await RestHarness.make().run { rest in
            let document = try #require(try await rest.call(.get, "/engine-rest/openapi.json").json)
            let checker = OpenAPIChecker(document: document)
            var exercised: Set<String> = []
            func check(_ method: HTTPRequest.Method, _ path: String, json: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> RestClient.Reply {
                let reply = try await rest.call(method, path, json: json)
                let problems = checker.problems(method: method.rawValue.lowercased(), path: path, status: reply.status.code, body: reply.json)
                #expect(problems.isEmpty, "\(method) \(path) → \(reply.status.code): \(problems)", sourceLocation: sourceLocation)
                if let template = checker.template(for: path) { exercised.insert("\(method.rawValue.lowercased()) \(template)") }
                return reply
            }
            let deployment = try await rest.deploy([("review.bpmn", EngineRestTests.approval)])
            #expect(checker.problems(method: "post", path: "/engine-rest/deployment/create", status: deployment.status.code, body: deployment.json).isEmpty)
            let deploymentID = try #require(deployment["id"]?.stringValue)
            for path in ["/engine-rest/engine", "/engine-rest/version", "/engine-rest/deployment", "/engine-rest/deployment/\(deploymentID)",
                         "/engine-rest/process-definition", "/engine-rest/process-definition/count", "/engine-rest/process-definition/key/review",
                         "/engine-rest/process-definition/key/review/xml", "/engine-rest/deployment/nope", "/engine-rest/task?bad=1",
                         "/engine-rest/process-definition/statistics?incidents=true&failedJobs=true"] {
                _ = try await check(.get, path)
            }
            let instance = try #require(try await check(.post, "/engine-rest/process-definition/key/review/start", json: #"{"variables": {"n": {"value": 1}}}"#)["id"]?.stringValue)
            for path in ["/engine-rest/process-instance", "/engine-rest/process-instance/count", "/engine-rest/process-instance/\(instance)",
                         "/engine-rest/process-instance/\(instance)/variables", "/engine-rest/process-instance/\(instance)/variables/n",
                         "/engine-rest/process-instance/\(instance)/activity-instances", "/engine-rest/task", "/engine-rest/task/count",
                         "/engine-rest/variable-instance", "/engine-rest/event-subscription", "/engine-rest/incident", "/engine-rest/job",
                         "/engine-rest/external-task", "/engine-rest/history/process-instance", "/engine-rest/history/process-instance/\(instance)",
                         "/engine-rest/history/activity-instance?processInstanceId=\(instance)", "/engine-rest/history/task?processInstanceId=\(instance)",
                         "/engine-rest/history/variable-instance?processInstanceId=\(instance)", "/engine-rest/history/incident"] {
                _ = try await check(.get, path)
            }
            let activity = try #require(try await check(.get, "/engine-rest/history/activity-instance?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await check(.get, "/engine-rest/history/activity-instance/\(activity)")["id"] == .string(activity))
            let variable = try #require(try await check(.get, "/engine-rest/history/variable-instance?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await check(.get, "/engine-rest/history/variable-instance/\(variable)")["name"] == .string("n"))
            #expect(try await check(.get, "/engine-rest/history/variable-instance/\(instance):x:nope").status == .notFound)
            let task = try #require(try await check(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            let posted = try await check(.post, "/engine-rest/task?maxResults=5", json: #"{"processInstanceId": "\#(instance)", "candidateGroups": ["approvers", "x"], "sorting": [{"sortBy": "created", "sortOrder": "desc"}]}"#)
            #expect(posted.json?.arrayValue.map { $0["id"] } == [.string(task)], "\(posted.text)")
            #expect(try await check(.post, "/engine-rest/task/count", json: #"{"taskDefinitionKey": "approve"}"#)["count"] == .integer(1))
            #expect(try await check(.post, "/engine-rest/task", json: #"{"asignee": "x"}"#).status == .badRequest)
            for path in ["/engine-rest/task/\(task)", "/engine-rest/task/\(task)/form", "/engine-rest/task/\(task)/variables", "/engine-rest/task/\(task)/form-variables"] {
                _ = try await check(.get, path)
            }
            _ = try await check(.put, "/engine-rest/process-instance/\(instance)/variables/m", json: #"{"value": "x", "type": "String"}"#)
            _ = try await check(.post, "/engine-rest/process-instance/\(instance)/variables", json: #"{"modifications": {"k": {"value": true}}}"#)
            _ = try await check(.post, "/engine-rest/task/\(task)/claim", json: #"{"userId": "ann"}"#)
            _ = try await check(.post, "/engine-rest/task/\(task)/claim", json: #"{"userId": "bob"}"#)
            _ = try await check(.post, "/engine-rest/task/\(task)/unclaim")
            _ = try await check(.post, "/engine-rest/task/\(task)/assignee", json: #"{"userId": "ann"}"#)
            _ = try await check(.put, "/engine-rest/task/\(task)", json: #"{"name": "Approve", "assignee": "ann", "priority": 60}"#)
            _ = try await check(.get, "/engine-rest/task/report/candidate-group-count")
            _ = try await check(.get, "/engine-rest/variable-instance/\(instance):n")
            _ = try await check(.get, "/engine-rest/variable-instance/\(instance):nope")
            #expect(try await rest.upload("/engine-rest/process-instance/\(instance)/variables/scan/data", [1, 2], valueType: "Bytes").status == .noContent)
            _ = try await check(.get, "/engine-rest/process-instance/\(instance)/variables/scan")
            _ = try await check(.get, "/engine-rest/process-instance/\(instance)/variables/scan/data")
            _ = try await check(.get, "/engine-rest/process-instance/\(instance)/variables/n/data")
            _ = try await check(.post, "/engine-rest/task/\(task)/complete", json: #"{"withVariablesInReturn": true}"#)
            _ = try await check(.post, "/engine-rest/message", json: #"{"messageName": "documentsReceived", "resultEnabled": true}"#)
            let locked = try await check(.post, "/engine-rest/external-task/fetchAndLock", json: #"{"workerId": "w", "maxTasks": 1, "topics": [{"topicName": "archive", "lockDuration": 1000}]}"#)
            let external = try #require(locked.json?.arrayValue.first?["id"]?.stringValue)
            _ = try await check(.post, "/engine-rest/external-task/\(external)/extendLock", json: #"{"workerId": "w", "newDuration": 5000}"#)
            _ = try await check(.post, "/engine-rest/external-task/\(external)/failure", json: #"{"workerId": "w", "errorMessage": "x", "retries": 1, "retryTimeout": 0}"#)
            _ = try await check(.post, "/engine-rest/external-task/fetchAndLock", json: #"{"workerId": "w", "maxTasks": 1, "topics": [{"topicName": "archive", "lockDuration": 1000}]}"#)
            _ = try await check(.post, "/engine-rest/external-task/\(external)/unlock")
            _ = try await check(.post, "/engine-rest/external-task/\(external)/complete", json: #"{"workerId": "w"}"#)
            _ = try await check(.delete, "/engine-rest/process-instance/\(instance)")
            _ = try await check(.delete, "/engine-rest/deployment/\(deploymentID)")
            _ = try await check(.delete, "/engine-rest/deployment/\(deploymentID)?cascade=true")
            let gone = try await check(.get, "/engine-rest/deployment/\(deploymentID)")
            #expect(gone.status == .notFound)

            // Identity last: the first administrator turns authentication on.
            _ = try await check(.post, "/engine-rest/group/create", json: #"{"id": "auditors", "name": "Auditors"}"#)
            _ = try await check(.post, "/engine-rest/group/create", json: #"{"id": "auditors"}"#)
            _ = try await check(.get, "/engine-rest/group/auditors")
            _ = try await check(.put, "/engine-rest/group/auditors", json: #"{"name": "Plan auditors", "type": null}"#)
            _ = try await check(.options, "/engine-rest/group")
            _ = try await check(.options, "/engine-rest/group/auditors/members")
            _ = try await check(.post, "/engine-rest/user/create", json: #"{"profile": {"id": "ann", "firstName": "Ann"}, "credentials": {"password": "pw"}}"#)
            _ = try await check(.post, "/engine-rest/user/create", json: #"{"profile": {"id": "bob"}, "credentials": {"password": "pw"}}"#)
            _ = try await check(.post, "/engine-rest/group/create", json: #"{"id": "camunda-admin", "type": "SYSTEM"}"#)
            _ = try await check(.put, "/engine-rest/group/camunda-admin/members/ann")
            let ann = rest.as("ann", "pw")
            #expect(try await rest.call(.get, "/engine-rest/user").status == .unauthorized, "now an administrator can sign in, everyone must")
            #expect(try await rest.as("bob", "pw").call(.put, "/engine-rest/group/auditors/members/bob").status == .forbidden, "bob is no admin")
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/engine-rest/user", nil), (.get, "/engine-rest/user/ann/profile", nil), (.options, "/engine-rest/user", nil),
                (.options, "/engine-rest/user/ann", nil), (.put, "/engine-rest/user/ann/profile", #"{"lastName": "Smith"}"#),
                (.put, "/engine-rest/user/ann/credentials", #"{"password": "pw2", "authenticatedUserPassword": "nope"}"#),
                (.post, "/engine-rest/identity/verify", #"{"username": "ann", "password": "pw"}"#), (.get, "/engine-rest/group", nil),
                (.get, "/engine-rest/identity/groups?userId=ann", nil), (.put, "/engine-rest/group/auditors/members/ann", nil),
                (.delete, "/engine-rest/group/auditors/members/ann", nil), (.post, "/engine-rest/user/ann/unlock", nil), (.delete, "/engine-rest/group/auditors", nil),
                (.delete, "/engine-rest/user/bob", nil),
            ] {
                let reply = try await ann.call(method, path, json: body)
                let problems = checker.problems(method: method.rawValue.lowercased(), path: path, status: reply.status.code, body: reply.json)
                #expect(problems.isEmpty, "\(method) \(path) → \(reply.status.code): \(problems)")
            }
            #expect(exercised.count >= 40, "exercised only \(exercised.sorted())")
        }
    }
}

/// Checks a JSON response against an OpenAPI 3.1 document: the path template, the method, the
/// status, and the response body against its schema (type, required, properties, items,
/// additionalProperties, allOf, $ref).
struct OpenAPIChecker {
    let document: JSONValue

    /// The documented template (`/task/{id}`) a concrete path (`/engine-rest/task/abc?x=1`) matches.
    func template(for path: String) -> String? {
        let bare = String(path.split(separator: "?", maxSplits: 1)[0].dropFirst("/engine-rest".count))
        guard case .object(let paths)? = document["paths"] else { return nil }
        let segments = bare.split(separator: "/")
        // As a router does: literal segments win over parameters (`/x/statistics` before `/x/{id}`).
        return paths.map(\.key)
            .filter { template in
                let parts = template.split(separator: "/")
                return parts.count == segments.count && zip(parts, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }
            .max { $0.split(separator: "/").filter { !$0.hasPrefix("{") }.count < $1.split(separator: "/").filter { !$0.hasPrefix("{") }.count }
    }

    func problems(method: String, path: String, status: Int, body: JSONValue?) -> [String] {
        guard let template = template(for: path) else { return ["path not documented"] }
        guard let operation = document["paths"]?[template]?[method] else { return ["\(method) not documented for \(template)"] }
        guard var response = operation["responses"]?[String(status)] else { return ["status \(status) not documented"] }
        response = resolve(response)
        guard let schema = response["content"]?["application/json"]?["schema"] else {
            return body == nil ? [] : ["a body where none is documented"]
        }
        guard let body else { return ["no JSON body"] }
        var problems: [String] = []
        validate(body, against: schema, at: "$", into: &problems)
        return problems
    }

    private func resolve(_ value: JSONValue) -> JSONValue {
        guard case .string(let reference)? = value["$ref"] else { return value }
        var current: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") { current = current?[String(part)] }
        return current.map(resolve) ?? .null
    }

    private func validate(_ value: JSONValue, against schema: JSONValue, at path: String, into problems: inout [String]) {
        let schema = resolve(schema)
        if case .array(let all)? = schema["allOf"] {
            for part in all { validate(value, against: part, at: path, into: &problems) }
        }
        var types: [String] = []
        switch schema["type"] {
        case .string(let type)?: types = [type]
        case .array(let list)?: types = list.compactMap { if case .string(let t) = $0 { t } else { nil } }
        default: break
        }
        if !types.isEmpty, !types.contains(where: { Self.matches(value, $0) }) {
            problems.append("\(path): expected \(types), got \(value.kindName)")
            return
        }
        if case .object(let members) = value {
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where !members.contains(where: { $0.key == name }) { problems.append("\(path): missing '\(name)'") }
            }
            for member in members {
                if let property = schema["properties"]?[member.key] {
                    validate(member.value, against: property, at: "\(path).\(member.key)", into: &problems)
                } else if let additional = schema["additionalProperties"], case .object = additional {
                    validate(member.value, against: additional, at: "\(path).\(member.key)", into: &problems)
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { validate(item, against: itemSchema, at: "\(path)[\(index)]", into: &problems) }
        }
    }

    private static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .double),
            ("string", .string), ("array", .array), ("object", .object):
            true
        default: false
        }
    }
}
