import BatonDiagram
import BatonModel
import Testing

/// The SVG of each reference file, byte for byte against `Snapshots/`. Record with
/// `BATON_RECORD_SNAPSHOTS=1 swift test --filter DiagramSnapshotTests`, then look at the files.
@Suite struct DiagramSnapshotTests {
    @Test(arguments: [
        ("processes/benefit-approval.bpmn", "benefit-approval"),
        ("processes/fixtures/camunda-modeler-all-elements.bpmn", "camunda-modeler-all-elements"),
        ("processes/fixtures/bpmn-io-export.bpmn", "bpmn-io-export"),
        ("processes/fixtures/signavio-export.bpmn", "signavio-export"),
    ])
    func rendersFile(path: String, snapshot: String) throws {
        let svg = try #require(DiagramRenderer.svg(try DiagramFixtures.definitions(path)))
        try DiagramFixtures.expectSnapshot(svg, named: snapshot)
    }

    @Test func rendersBenefitApprovalWithOverlay() throws {
        let definitions = try DiagramFixtures.definitions("processes/benefit-approval.bpmn")
        let svg = try #require(DiagramRenderer.svg(definitions, overlay: Self.benefitApprovalOverlay, title: "Benefit plan approval, instance 42"))
        try DiagramFixtures.expectSnapshot(svg, named: "benefit-approval-overlay")
    }

    @Test func rendersEveryNotation() throws {
        let svg = try #require(DiagramRenderer.svg(try GalleryDiagram.definitions(), title: "Every notation"))
        try DiagramFixtures.expectSnapshot(svg, named: "gallery")
    }

    /// The stylesheet too, so a colour change shows in review next to the drawings it affects.
    @Test func stylesheet() throws {
        try DiagramFixtures.expectSnapshot(DiagramRenderer.stylesheet, named: "diagram", fileExtension: "css")
    }

    /// One instance past the review and the version check, publishing now; an escalation that failed.
    static let benefitApprovalOverlay = DiagramOverlay(
        states: [
            "DraftSubmitted": [.completed], "Flow_ToReview": [.completed], "ReviewPlan": [.completed, .selected], "Flow_ToDecision": [.completed],
            "ApprovedDecision": [.completed], "Flow_Approved": [.completed], "CheckAidboxVersion": [.completed],
            "Flow_ToConflictDecision": [.completed], "ConflictDecision": [.completed], "Flow_NoConflict": [.completed],
            "PublishToAidbox": [.active], "EscalateReview": [.incident],
        ],
        badges: [
            "PublishToAidbox": [DiagramBadge(kind: .running, count: 3, title: "3 instances running")],
            "EscalateReview": [
                DiagramBadge(kind: .incidents, count: 1, title: "1 open incident"), DiagramBadge(kind: .running, count: 1, title: "1 instance waiting"),
            ],
            "ReviewPlan": [DiagramBadge(kind: .passed, count: 128, title: "128 instances passed")],
            "Flow_Approved": [DiagramBadge(kind: .passed, count: 97, title: "97 instances took this flow")],
        ],
        heat: [
            "ReviewPlan": DiagramHeat(level: 0.95, label: "median 2 d"), "CheckAidboxVersion": DiagramHeat(level: 0.2, label: "median 1 s"),
            "PublishToAidbox": DiagramHeat(level: 0.55, label: "median 40 s"), "MarkDraftPublished": DiagramHeat(level: 0.05, label: "median 0.2 s"),
            "Flow_Approved": DiagramHeat(level: 0.7, label: "97 of 128"),
        ])
}
