import BatonModel
import Hummingbird
import Testing

/// `Bytes` and `File` variables (#15): uploaded to and fetched from `…/variables/{name}/data` as
/// Camunda's clients do, listed with Camunda's typed-value JSON (a file without its bytes), kept
/// through PostgreSQL and in history.
@Suite struct BinaryVariableAPITests {
    static let pdf: [UInt8] = Array("%PDF-1.4\n".utf8) + (0...255).map(UInt8.init) + [0, 13, 10, 0]

    @Test func bytesAndFilesGoInThroughDataAndComeBackUnchanged() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: #"{"variables": {"note": {"value": "x"}}}"#)["id"]?.stringValue)
            let base = "/engine-rest/process-instance/\(instance)/variables"

            #expect(try await rest.upload("\(base)/signature/data", [0, 1, 2, 255], valueType: nil).status == .noContent, "Bytes by default")
            #expect(try await rest.upload("\(base)/plan/data", Self.pdf, valueType: "File", filename: "plan 2027.pdf", contentType: "application/pdf").status == .noContent)

            let listed = try await rest.call(.get, base)
            #expect(listed["signature"] == .object([.init("type", .string("Bytes")), .init("value", .string("AAEC/w==")), .init("valueInfo", .object([]))]))
            #expect(listed["plan"] == .object([
                .init("type", .string("File")), .init("value", .null),
                .init("valueInfo", .object([.init("filename", .string("plan 2027.pdf")), .init("mimeType", .string("application/pdf"))])),
            ]), "a file's bytes only through /data, as in Camunda")

            let signature = try await rest.call(.get, "\(base)/signature/data")
            #expect(signature.status == .ok && signature.bytes == [0, 1, 2, 255] && signature.headers[.contentType] == "application/octet-stream")
            let plan = try await rest.call(.get, "\(base)/plan/data")
            #expect(plan.bytes == Self.pdf)
            #expect(plan.headers[.contentType] == "application/pdf")
            #expect(plan.headers[.contentDisposition] == #"attachment; filename="plan 2027.pdf""#)

            // The typed-value JSON form sets them too, base64 in `value`.
            let json = #"{"value": "aGVsbG8=", "type": "File", "valueInfo": {"filename": "hello.txt", "mimeType": "text/plain", "encoding": "UTF-8"}}"#
            #expect(try await rest.call(.put, "\(base)/hello", json: json).status == .noContent)
            let hello = try await rest.call(.get, "\(base)/hello/data")
            #expect(hello.text == "hello" && hello.headers[.contentType] == "text/plain; charset=UTF-8")

            // A task sees them through its own paths, and may replace one.
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/task/\(task)/variables/plan/data").bytes == Self.pdf)
            #expect(try await rest.upload("/engine-rest/task/\(task)/localVariables/scan/data", [9, 9], valueType: "Bytes").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/task/\(task)/localVariables/scan/data").bytes == [9, 9])

            // History keeps them: the historic variable's bytes by its id.
            let historic = try await rest.call(.get, "/engine-rest/history/variable-instance?processInstanceId=\(instance)&variableName=plan")
            let historicID = try #require(historic.json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/history/variable-instance/\(historicID)/data").bytes == Self.pdf)
        }
    }

    @Test func whatIsNoBinaryValueOrTooLargeIsRefusedAndChangesNothing() async throws {
        let harness = try await RestHarness.make()
        try await harness.run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: #"{"variables": {"note": {"value": "x"}}}"#)["id"]?.stringValue)
            let base = "/engine-rest/process-instance/\(instance)/variables"
            let cases: [(RestClient.Reply, HTTPResponse.Status, String)] = [
                (try await rest.call(.get, "\(base)/note/data"), .badRequest, "Value of variable note is not a binary value."),
                (try await rest.call(.get, "\(base)/nope/data"), .notFound, "nope"),
                (try await rest.upload("\(base)/f/data", [1], valueType: "File"), .badRequest, "Expected a file name"),
                (try await rest.upload("\(base)/f/data", [1], valueType: "Picture"), .badRequest, "Expected valueType Bytes or File"),
                (try await rest.upload("\(base)/f/data", [1], valueType: "File", filename: "a", contentType: "nonsense"), .badRequest, "Invalid mime type"),
                (try await rest.upload("\(base)/f/data", Array(repeating: 7, count: (2 << 20) + 1), valueType: "Bytes"), .contentTooLarge, "at most 2097152 bytes"),
                (try await rest.call(.put, "\(base)/f", json: #"{"value": "not base64!", "type": "Bytes"}"#), .badRequest, "base64"),
                (try await rest.call(.put, "\(base)/f", json: #"{"value": "aGk=", "type": "File"}"#), .badRequest, "valueInfo.filename"),
            ]
            for (reply, status, message) in cases {
                #expect(reply.status == status, "\(reply.text)")
                #expect(reply["message"]?.stringValue?.contains(message) == true, "\(reply.text)")
            }
            #expect(try await rest.call(.get, "\(base)/f").status == .notFound, "nothing was set")
        }
    }
}
