import BatonBPMN
import BatonModel
import Testing

/// A Camunda Modeler file using every element kind and extension Baton executes, read element by
/// element: nothing in it may be dropped or misread.
@Suite struct CamundaDialectReadingTests {
    private let definitions: Definitions
    private let process: ProcessDefinition

    init() throws {
        let document = try Fixtures.read("processes/fixtures/camunda-modeler-all-elements.bpmn")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        definitions = try #require(document.definitions)
        process = try #require(definitions.process("claims"))
    }

    private func node(_ id: ElementID) throws -> FlowNode { try #require(process.node(id), "no node \(id)") }

    @Test func readsRootElementsAndCollaboration() throws {
        #expect(definitions.exporter == "Camunda Modeler")
        #expect(definitions.messages.map(\.name) == ["documents-received", "claim-submitted", "cancel-claim"])
        let fraud = try #require(definitions.error("Error_Fraud"))
        #expect(fraud.errorCode == "FRAUD")
        #expect(fraud.errorMessage == "Fraud suspected")
        #expect(definitions.signals.map(\.id) == ["Signal_Unused"])
        #expect(definitions.escalations.first?.code == "LATE")
        let collaboration = try #require(definitions.collaborations.first)
        #expect(collaboration.participants.map(\.processRef) == ["claims", nil])
        #expect(collaboration.messageFlows.first?.messageRef == "Message_Documents")
    }

    @Test func readsProcessAttributesAndLanes() {
        #expect(process.versionTag == "2024.1")
        #expect(process.historyTimeToLive == "P30D")
        #expect(process.candidateStarterGroups == ["clerks", "managers"])
        #expect(process.lanes.map(\.id) == ["Lane_Clerks", "Lane_Senior"])
        #expect(process.lanes.last?.parentLane == "Lane_Clerks")
    }

    @Test func recordsTheEnclosingScopeAtEveryDepth() throws {
        #expect(try node("Collect").parent == nil)
        #expect(try node("WaitForDocuments").parent == "Collect")
        #expect(try node("VerifyEach").parent == "Verify")
        #expect(try node("Verify").parent == "Collect")
        #expect(try node("LogCancel").parent == "OnCancel")
        #expect(process.sequenceFlow("v1")?.parent == "Verify")
        #expect(process.children(of: "Verify").map(\.id) == ["VerifyStart", "VerifyEach", "VerifyFailed"])
    }

    @Test func readsStartEvents() throws {
        guard case .startEvent(let start) = try node("Start").kind else { throw Failure("Start is a start event") }
        #expect(start.initiator == "filedBy")
        #expect(start.formKey == "camunda-forms:deployment:claim.form")
        guard case .startEvent(let byMessage) = try node("StartByMessage").kind else { throw Failure("message start") }
        #expect(byMessage.eventDefinitions == [.message("Message_Claim")])
        guard case .startEvent(let cancel) = try node("CancelRequested").kind else { throw Failure("event subprocess start") }
        #expect(!cancel.isInterrupting)
        guard case .startEvent(let caught) = try node("FraudCaught").kind else { throw Failure("error start") }
        #expect(caught.eventDefinitions == [.error(nil)])
        #expect(try node("OnCancel").kind == .subProcess(SubProcessDefinition(variant: .embedded, triggeredByEvent: true)))
    }

    @Test func readsUserTaskAssignmentAndForm() throws {
        let assess = try node("Assess")
        guard case .userTask(let task) = assess.kind else { throw Failure("Assess is a user task") }
        #expect(task.assignee?.singleExpression == .identifier("filedBy"))
        #expect(task.candidateUsers.map(\.source) == ["alice", "${reviewer}"])
        #expect(task.candidateGroups.map(\.source) == ["clerks", "managers"])
        #expect(task.dueDate?.source == "${dueDate}")
        #expect(task.followUpDate?.source == "P2D")
        #expect(task.formKey == Template(literal: "embedded:app:forms/assess.html"))
        #expect(task.formFields.first?.enumValues.map(\.id) == ["low", "high"])
        #expect(task.formFields.first?.defaultValue?.source == "low")
        #expect(task.formFields.last?.constraints == [FormField.Constraint(name: "min", config: "0")])
        #expect(task.formFields.last?.properties == [Property(name: "unit", value: "EUR")])
        #expect(assess.documentation == "Check the claim against the policy.")
        #expect(assess.properties == [Property(name: "sla", value: "P1D")])
    }

    @Test func readsInputOutputMappings() throws {
        let mapping = try node("Assess").inputOutput
        #expect(mapping.inputs.map(\.name) == ["policy", "checklist", "limits", "empty"])
        #expect(mapping.inputs[0].value == .text(try Template(parsing: "${claim.policy}")))
        #expect(mapping.inputs[1].value == .list([.text(Template(literal: "identity")), .text(try Template(parsing: "${coverageCheck}"))]))
        #expect(mapping.inputs[2].value == .map([
            .init(key: "daily", value: .text(Template(literal: "100"))),
            .init(key: "total", value: .text(try Template(parsing: "${limit}"))),
        ]))
        #expect(mapping.inputs[3].value == .null)
        guard case .script(let format, _, let expression?) = mapping.outputs.first?.value else { throw Failure("JUEL output script") }
        #expect(format == "juel")
        #expect(expression.source == "${severity == 'high'}")
    }

    @Test func readsServiceImplementations() throws {
        #expect(try node("ScoreFraud").kind == .serviceTask(.external(topic: Template(literal: "fraud-scoring"))))
        #expect(try node("Reserve").kind == .serviceTask(.expression(try Template(parsing: "${amount * 2}"), resultVariable: "reserved")))
        #expect(try node("Remind").kind == .sendTask(.delegateExpression(try Template(parsing: "${sendReminder}"))))
        #expect(try node("Classify").kind == .businessRuleTask(.className("com.example.Classify")))
        guard case .scriptTask(let script) = try node("Total").kind else { throw Failure("Total is a script task") }
        #expect(script.format == "juel")
        #expect(script.resultVariable == "total")
        #expect(script.expression?.source == "${reserved + 10}")
    }

    @Test func readsAsyncContinuationsAndRetries() throws {
        let score = try node("ScoreFraud")
        #expect(score.continuation.before)
        #expect(!score.continuation.exclusive)
        #expect(score.continuation.retryPolicy == .intervals([ISODuration("PT1M")!, ISODuration("PT5M")!, ISODuration("PT30M")!]))
        #expect(try node("Reserve").continuation.after)
    }

    @Test func readsBoundaryEvents() throws {
        guard case .boundaryEvent(let overdue) = try node("AssessOverdue").kind else { throw Failure("timer boundary") }
        #expect(!overdue.cancelActivity)
        #expect(overdue.eventDefinitions == [.timer(TimerDefinition(kind: .cycle, value: .fixed(.cycle(TimerCycle("R3/PT4H")!))))])
        guard case .boundaryEvent(let fraud) = try node("FraudFound").kind else { throw Failure("error boundary") }
        #expect(fraud.cancelActivity)
        #expect(fraud.eventDefinitions == [.error("Error_Fraud")])
        #expect(process.boundaryEvents(attachedTo: "Collect").map(\.id) == ["CollectCancelled"])
    }

    @Test func readsGatewaysAndConditions() throws {
        #expect(try node("Fork").kind == .gateway(.parallel))
        #expect(try node("WaitForFirst").kind == .gateway(.eventBased))
        #expect(try node("Notify").defaultFlow == "NotifyNobody")
        // A CDATA section reads as plain text.
        #expect(process.sequenceFlow("NotifyByLetter")?.condition?.source == "${total > 1000 && !empty claim.address}")
        #expect(process.outgoing("Notify").map(\.id) == ["NotifyByPhone", "NotifyByLetter", "NotifyNobody"])
    }

    @Test func readsCatchEventsAndReceiveTasks() throws {
        #expect(try node("WaitForDocuments").kind == .intermediateCatchEvent([.message("Message_Documents")]))
        #expect(try node("WaitAWeek").kind == .intermediateCatchEvent([.timer(TimerDefinition(kind: .duration, value: .fixed(.duration(ISODuration("P7D")!))))]))
        #expect(try node("ReceiveLate").kind == .receiveTask(messageRef: "Message_Documents"))
        #expect(try node("PaidOut").kind == .intermediateThrowEvent([]))
        #expect(try node("Rejected").kind == .endEvent([.terminate]))
        #expect(try node("VerifyFailed").kind == .endEvent([.error("Error_Fraud")]))
    }

    @Test func readsMultiInstance() throws {
        let verify = try #require(try node("VerifyEach").multiInstance)
        #expect(verify.isSequential)
        #expect(verify.collection?.source == "${documents}")
        #expect(verify.elementVariable == "document")
        #expect(verify.completionCondition?.source == "${nrOfCompletedInstances >= 3}")
        let payout = try #require(try node("Payout").multiInstance)
        #expect(!payout.isSequential)
        #expect(payout.loopCardinality?.source == "${installments}")
        #expect(payout.continuation.before)
    }

    @Test func readsCallActivityBindings() throws {
        guard case .callActivity(let call) = try node("Payout").kind else { throw Failure("Payout is a call activity") }
        #expect(call.calledElement?.source == "payout")
        #expect(call.binding == .versionTag)
        #expect(call.versionTag == "v2")
        #expect(call.businessKey?.source == "#{execution.processBusinessKey}")
        #expect(call.inputs == [
            VariableMapping(source: "total", sourceExpression: nil, target: "amount", allVariables: false, local: false),
            VariableMapping(source: nil, sourceExpression: try Template(parsing: "${claim.iban}"), target: "iban", allVariables: false, local: false),
        ])
        #expect(call.outputs.map(\.allVariables) == [true, false])
        #expect(call.outputs.last?.local == true)
    }

    @Test func keepsDiagramShapes() {
        #expect(definitions.diagram.shape(for: "Collect")?.isExpanded == true)
        #expect(definitions.diagram.edge(for: "f1")?.waypoints == [Diagram.Point(x: 188, y: 120), Diagram.Point(x: 235, y: 120)])
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ expectation: String) { description = "Expected: \(expectation)" }
}
