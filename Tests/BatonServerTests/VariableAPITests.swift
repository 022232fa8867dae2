import BatonModel
import Hummingbird
import Testing

/// Removing process variables over Camunda's REST: `DELETE …/variables/{name}` and the
/// `deletions` of `POST …/variables`, applied with the `modifications` in one command (#15).
@Suite struct VariableAPITests {
    @Test func variablesAreRemovedOneByOneOrWithModifications() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: """
                {"variables": {"plan": {"value": "gold"}, "salary": {"value": 98000}, "draft": {"value": "D-1"}}}
                """)["id"]?.stringValue)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(instance)/variables/salary").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables/salary").status == .notFound)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(instance)/variables/never").status == .noContent, "as in Camunda")

            let update = try await rest.call(.post, "/engine-rest/process-instance/\(instance)/variables", json: """
                {"modifications": {"plan": {"value": "silver"}}, "deletions": ["draft"]}
                """)
            #expect(update.status == .noContent, "\(update.text)")
            let variables = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables")
            #expect(variables.json.map { if case .object(let members) = $0 { members.map(\.key) } else { [] } } == ["plan"])
            #expect(variables["plan"]?["value"] == .string("silver"))
            #expect(try await rest.call(.get, "/engine-rest/variable-instance?processInstanceIdIn=\(instance)").json?.arrayValue.count == 1)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/nope/variables/plan").status == .notFound)
        }
    }
}
