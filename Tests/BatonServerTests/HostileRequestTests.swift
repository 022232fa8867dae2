import BatonModel
import Hummingbird
import Testing

/// What #19 found a client could send that broke a request: each answers a clear 4xx and
/// changes nothing.
@Suite struct HostileRequestTests {
    static let process = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <process id="p" isExecutable="true"><startEvent id="s" /><userTask id="t" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /></process></definitions>
        """

    @Test func aNULCharacterIsRefusedNamingTheField() async throws {
        try await RestHarness.make().run { rest in
            _ = try await rest.deploy([("p.bpmn", Self.process)])
            let key = try await rest.call(.post, "/engine-rest/process-definition/key/p/start", json: #"{"businessKey": "a\u0000b"}"#)
            #expect(key.status == .badRequest, "\(key.text)")
            #expect(key["message"]?.stringValue?.contains("'businessKey'") == true, "\(key.text)")
            let value = try await rest.call(
                .post, "/engine-rest/process-definition/key/p/start", json: #"{"variables": {"note": {"value": "x\u0000", "type": "String"}}}"#)
            #expect(value.status == .badRequest, "\(value.text)")
            #expect(value["message"]?.stringValue?.contains("'variables.note.value'") == true, "\(value.text)")
            let name = try await rest.call(.post, "/engine-rest/process-definition/key/p/start", json: #"{"variables": {"n\u0000": {"value": 1}}}"#)
            #expect(name.status == .badRequest, "\(name.text)")
            #expect(try await rest.call(.get, "/engine-rest/process-instance/count").json?["count"] == .integer(0), "nothing started")
            let query = try await rest.call(.get, "/engine-rest/process-instance?businessKey=a%00b")
            #expect(query.status == .badRequest, "\(query.text)")
            #expect(query["message"]?.stringValue?.contains("'businessKey'") == true, "\(query.text)")
        }
    }

    @Test func traceAndConnectAnswer405() async throws {
        try await RestHarness.make().run { rest in
            for method in [HTTPRequest.Method.trace, .connect] {
                let reply = try await rest.call(method, "/engine-rest/task")
                #expect(reply.status == .methodNotAllowed, "\(method): \(reply.text)")
                // The client reads no body of an answer to CONNECT.
                if method == .trace { #expect(reply["type"]?.stringValue == "InvalidRequestException", "\(reply.text)") }
            }
        }
    }

    @Test func aBodyThatIsNotUTF8IsRefused() async throws {
        try await RestHarness.make().run { rest in
            _ = try await rest.deploy([("p.bpmn", Self.process)])
            var bytes = ByteBuffer(string: #"{"businessKey": ""#)
            bytes.writeBytes([0xC3, 0x28])  // an invalid two-byte sequence
            bytes.writeString(#""}"#)
            let reply = try await rest.call(.post, "/engine-rest/process-definition/key/p/start", headers: [.contentType: "application/json"], raw: bytes)
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply["message"]?.stringValue?.contains("UTF-8") == true, "\(reply.text)")
        }
    }

    @Test func pathParametersArePercentDecodedAndAMissingInstanceIs404() async throws {
        try await RestHarness.make().run { rest in
            _ = try await rest.deploy([("p.bpmn", Self.process)])
            let started = try await rest.call(.post, "/engine-rest/process-definition/key/p/start", json: "{}")
            let id = try #require(started["id"]?.stringValue)
            let put = try await rest.call(.put, "/engine-rest/process-instance/\(id)/variables/a%20b", json: #"{"value": "spaced", "type": "String"}"#)
            #expect(put.status == .noContent, "\(put.text)")
            let all = try await rest.call(.get, "/engine-rest/process-instance/\(id)/variables")
            #expect(all["a b"]?["value"] == .string("spaced"), "\(all.text)")
            let one = try await rest.call(.get, "/engine-rest/process-instance/\(id)/variables/a%20b")
            #expect(one["value"] == .string("spaced"), "\(one.text)")
            #expect(try await rest.call(.get, "/engine-rest/process-instance/nobody/variables").status == .notFound)
        }
    }

    /// The boundary search is linear (a 4 MiB body of dashes under a boundary of dashes took 18 s
    /// of CPU before): runs of 71 dashes under a boundary of 70 (a 72-dash delimiter) parse; a
    /// boundary longer than RFC 2046's 70 characters is refused.
    /// Found by Schemathesis: a variable set to null (no body, or `"value": null`) answered 500,
    /// the history row's value being SQL NULL rather than JSON null.
    @Test func aNullVariableIsStoredAndReadBack() async throws {
        try await RestHarness.make().run { rest in
            _ = try await rest.deploy([("p.bpmn", Self.process)])
            let id = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/p/start", json: "{}")["id"]?.stringValue)
            #expect(try await rest.call(.put, "/engine-rest/process-instance/\(id)/variables/nothing").status == .noContent)
            let modified = try await rest.call(
                .post, "/engine-rest/process-instance/\(id)/variables", json: #"{"modifications": {"empty": {"value": null}}}"#)
            #expect(modified.status == .noContent, "\(modified.text)")
            let all = try await rest.call(.get, "/engine-rest/process-instance/\(id)/variables")
            #expect(all["nothing"]?["type"] == .string("Null") && all["empty"]?["value"] == .null, "\(all.text)")
            let history = try await rest.call(.get, "/engine-rest/history/variable-instance?processInstanceId=\(id)")
            #expect(history.json?.arrayValue.count == 2, "\(history.text)")
        }
    }

    @Test func multipartBoundariesOfDashesParseAndOverlongOnesAreRefused() async throws {
        try await RestHarness.make().run { rest in
            func body(boundary: String, filler: Int) -> ByteBuffer {
                ByteBuffer(string: """
                    --\(boundary)\r
                    Content-Disposition: form-data; name="deployment-name"\r
                    \r
                    \(String(repeating: String(repeating: "-", count: 71) + "x", count: filler))\r
                    --\(boundary)\r
                    Content-Disposition: form-data; name="p.bpmn"; filename="p.bpmn"\r
                    \r
                    \(Self.process)\r
                    --\(boundary)--\r

                    """)
            }
            let dashes = String(repeating: "-", count: 70)
            let deployed = try await rest.call(
                .post, "/engine-rest/deployment/create", headers: [.contentType: "multipart/form-data; boundary=\(dashes)"],
                raw: body(boundary: dashes, filler: 10_000))
            #expect(deployed.status == .ok, "\(deployed.text)")
            #expect(deployed["deployedProcessDefinitions"].map { if case .object(let members) = $0 { members.count } else { 0 } } == 1, "\(deployed.text)")
            let long = dashes + "-"
            let refused = try await rest.call(
                .post, "/engine-rest/deployment/create", headers: [.contentType: "multipart/form-data; boundary=\(long)"], raw: body(boundary: long, filler: 10))
            #expect(refused.status == .badRequest, "\(refused.text)")
            #expect(refused["message"]?.stringValue?.contains("RFC 2046") == true, "\(refused.text)")
        }
    }
}
