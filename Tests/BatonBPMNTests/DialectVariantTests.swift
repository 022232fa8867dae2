import BatonBPMN
import BatonModel
import Testing

/// The same process written with different prefixes and encodings reads to the same model.
@Suite struct DialectVariantTests {
    /// What must be equal across variants: every node's id, kind and parent, and every flow.
    private func shape(_ document: BPMNDocument) throws -> [String] {
        let process = try #require(document.definitions?.processes.first)
        return process.flowNodes.map { "\($0.id) \($0.kind.elementName) \($0.parent?.rawValue ?? "-")" }
            + process.sequenceFlows.map { "\($0.id) \($0.source)->\($0.target) \($0.condition?.source ?? "")" }
    }

    @Test(arguments: [
        "processes/fixtures/prefix-bpmn2.bpmn",
        "processes/fixtures/prefix-semantic.bpmn",
        "processes/fixtures/prefix-default-namespace.bpmn",
        "processes/fixtures/encoding-latin1.bpmn",
        "processes/fixtures/encoding-utf16.bpmn",
    ])
    func readsLikeTheReference(file: String) throws {
        let reference = try Fixtures.read("processes/fixtures/prefix-bpmn.bpmn")
        let variant = try Fixtures.read(file)
        #expect(variant.diagnostics.isEmpty, "\(variant.diagnostics)")
        #expect(try shape(variant) == shape(reference))
    }

    @Test(arguments: ["processes/fixtures/encoding-latin1.bpmn", "processes/fixtures/encoding-utf16.bpmn"])
    func decodesNonUTF8Names(file: String) throws {
        let process = try #require(try Fixtures.read(file).definitions?.processes.first)
        #expect(process.node("ShipOrder")?.name == "Ship Bestellung für Zürich (café)")
    }

    @Test func readsConditionsWithEscapedOperators() throws {
        let process = try #require(try Fixtures.read("processes/fixtures/prefix-bpmn.bpmn").definitions?.processes.first)
        #expect(process.sequenceFlow("Flow_Yes")?.condition?.source == "${approved && amount < 1000}")
    }

    @Test func readsASignavioExport() throws {
        let document = try Fixtures.read("processes/fixtures/signavio-export.bpmn")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let definitions = try #require(document.definitions)
        let process = try #require(definitions.processes.first)
        #expect(process.flowNodes.map(\.kind.elementName) == ["startEvent", "task", "userTask", "endEvent"])
        #expect(process.lanes.map(\.name) == ["Intake", "Review"])
        #expect(process.lanes.last?.flowNodeRefs == ["sid-assess", "sid-end"])
        #expect(definitions.collaborations.first?.participants.first?.processRef == "sid-process-claims")
        #expect(definitions.diagram.shapes.count == 4)
    }

    @Test func readsABpmnIoSketchForInspection() throws {
        let document = try Fixtures.read("processes/fixtures/bpmn-io-export.bpmn")
        let process = try #require(document.definitions?.processes.first)
        #expect(!process.isExecutable)
        #expect(process.flowNodes.count == 3)
        // Not executable: execution rules (a gateway leading nowhere) are not applied, only noted.
        #expect(document.diagnostics.map(\.code) == [.notExecutable])
        #expect(!document.isDeployable)
    }
}
