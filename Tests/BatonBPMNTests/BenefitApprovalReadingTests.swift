import BatonBPMN
import BatonModel
import Testing

/// The product's own process, read element by element: what the executor will rely on.
@Suite struct BenefitApprovalReadingTests {
    private let process: ProcessDefinition
    private let document: BPMNDocument

    init() throws {
        document = try Fixtures.read("processes/benefit-approval.bpmn")
        process = try #require(document.definitions?.process("benefit-approval"))
    }

    @Test func readsWithoutDiagnostics() {
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        #expect(document.isDeployable)
    }

    @Test func keepsProcessAttributes() {
        #expect(process.isExecutable)
        #expect(process.name == "Benefit plan approval")
        #expect(process.versionTag == "1")
        #expect(process.historyTimeToLive == "180")
    }

    @Test func listsFlowNodesInDocumentOrder() {
        #expect(process.flowNodes.map(\.id.rawValue) == [
            "DraftSubmitted", "ReviewPlan", "ReviewOverdue", "EscalateReview", "ReviewEscalated", "ApprovedDecision",
            "CheckAidboxVersion", "ConflictDecision", "PublishToAidbox", "PublishConflict", "MarkDraftPublished", "PlanPublished",
            "MarkDraftConflict", "VersionConflict", "MarkDraftRejected", "PlanRejected",
        ])
        #expect(process.sequenceFlows.count == 14)
    }

    @Test func readsTheReviewTask() throws {
        let review = try #require(process.node("ReviewPlan"))
        guard case .userTask(let task) = review.kind else {
            Issue.record("ReviewPlan should be a user task, is \(review.kind.elementName)")
            return
        }
        #expect(task.candidateGroups.map(\.source) == ["plan-approvers"])
        #expect(task.priority?.source == "50")
        #expect(task.formKey == Template(literal: "embedded:app:forms/review-plan.html"))
        #expect(task.formFields.map(\.id) == ["approved", "comment"])
        #expect(task.formFields.first?.type == "boolean")
        #expect(task.formFields.first?.constraints == [FormField.Constraint(name: "required", config: nil)])
    }

    @Test func readsTheEscalationTimer() throws {
        let boundary = try #require(process.node("ReviewOverdue"))
        guard case .boundaryEvent(let event) = boundary.kind, case .timer(let timer)? = event.eventDefinitions.first else {
            Issue.record("ReviewOverdue should be a timer boundary event")
            return
        }
        #expect(event.attachedTo == "ReviewPlan")
        #expect(!event.cancelActivity)
        #expect(timer.kind == .duration)
        guard case .expression(let template) = timer.value else {
            Issue.record("the escalation delay is an expression")
            return
        }
        struct NoVariables: VariableScope { func variable(named name: String) -> VariableValue? { nil } }
        #expect(try ExpressionEvaluator.evaluate(template, in: NoVariables()) == .string("P3D"))
        #expect(process.boundaryEvents(attachedTo: "ReviewPlan").map(\.id) == ["ReviewOverdue"])
    }

    @Test func readsGatewaysWithConditionsAndDefaults() throws {
        let decision = try #require(process.node("ApprovedDecision"))
        #expect(decision.kind == .gateway(.exclusive))
        #expect(decision.defaultFlow == "Flow_Rejected")
        let outgoing = process.outgoing("ApprovedDecision")
        #expect(outgoing.map(\.id) == ["Flow_Approved", "Flow_Rejected"])
        #expect(outgoing.first?.condition?.source == "${approved == true}")
        #expect(outgoing.last?.condition == nil)
    }

    @Test func readsThePublishJob() throws {
        let publish = try #require(process.node("PublishToAidbox"))
        #expect(publish.continuation.before)
        #expect(publish.continuation.retryPolicy == RetryPolicy("R5/PT1M"))
        guard case .serviceTask(.delegateExpression(let delegate)) = publish.kind else {
            Issue.record("PublishToAidbox should be bound by delegate expression")
            return
        }
        #expect(delegate.singleExpression == .identifier("publishToAidbox"))
    }

    @Test func keepsTheDiagram() throws {
        let diagram = try #require(document.definitions?.diagram)
        #expect(diagram.shapes.count == 16)
        #expect(diagram.edges.count == 14)
        #expect(diagram.shape(for: "ReviewPlan")?.bounds == Diagram.Bounds(x: 240, y: 160, width: 100, height: 80))
        #expect(diagram.edge(for: "Flow_Rejected")?.waypoints.count == 3)
    }
}
