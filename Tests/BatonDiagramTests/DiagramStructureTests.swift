import BatonDiagram
import BatonModel
import Foundation
import Testing

/// Properties of the markup the console relies on, checked on every reference file.
@Suite struct DiagramStructureTests {
    static let files = [
        "processes/benefit-approval.bpmn", "processes/fixtures/camunda-modeler-all-elements.bpmn", "processes/fixtures/bpmn-io-export.bpmn",
        "processes/fixtures/signavio-export.bpmn",
    ]

    /// The ids the model knows, gathered here independently of the renderer.
    private static func knownElements(_ definitions: Definitions) -> Set<ElementID> {
        var ids: Set<ElementID> = []
        for process in definitions.processes {
            ids.formUnion(process.flowNodes.map(\.id))
            ids.formUnion(process.sequenceFlows.map(\.id))
            ids.formUnion(process.lanes.map(\.id))
        }
        for collaboration in definitions.collaborations {
            ids.formUnion(collaboration.participants.map(\.id))
            ids.formUnion(collaboration.messageFlows.map(\.id))
        }
        return ids
    }

    @Test(arguments: files)
    func everyDrawnElementHasExactlyOneGroup(path: String) throws {
        let definitions = try DiagramFixtures.definitions(path)
        let svg = try #require(DiagramRenderer.svg(definitions))
        let known = Self.knownElements(definitions)
        let shapes = definitions.diagram.shapes.filter { $0.bounds != nil && known.contains($0.element) }.map(\.element)
        let edges = definitions.diagram.edges.filter { $0.waypoints.count >= 2 && known.contains($0.element) }.map(\.element)
        #expect(!shapes.isEmpty)
        for id in shapes + edges {
            #expect(SVGInspection.occurrences(of: "data-element-id=\"\(id.rawValue)\"", in: svg) == 1, "\(path): \(id)")
        }
        #expect(SVGInspection.occurrences(of: "data-element-id=", in: svg) == Set(shapes + edges).count)
    }

    @Test(arguments: files)
    func viewBoxEnclosesEveryBoundAndWaypoint(path: String) throws {
        let definitions = try DiagramFixtures.definitions(path)
        let svg = try #require(DiagramRenderer.svg(definitions))
        let box = try #require(SVGInspection.viewBox(svg))
        let (minX, minY, maxX, maxY) = (box[0], box[1], box[0] + box[2], box[1] + box[3])
        func inside(_ x: Double, _ y: Double) -> Bool { x >= minX && x <= maxX && y >= minY && y <= maxY }
        for shape in definitions.diagram.shapes {
            guard let b = shape.bounds else { continue }
            #expect(inside(b.x, b.y) && inside(b.x + b.width, b.y + b.height), "\(shape.element) \(b) outside \(box)")
        }
        for edge in definitions.diagram.edges {
            for p in edge.waypoints { #expect(inside(p.x, p.y), "\(edge.element) \(p) outside \(box)") }
        }
    }

    @Test func rendersAreIdentical() throws {
        let overlay = DiagramSnapshotTests.benefitApprovalOverlay
        let first = DiagramRenderer.svg(try DiagramFixtures.definitions("processes/benefit-approval.bpmn"), overlay: overlay)
        let second = DiagramRenderer.svg(try DiagramFixtures.definitions("processes/benefit-approval.bpmn"), overlay: overlay)
        #expect(first != nil)
        #expect(first == second)
        let gallery = try GalleryDiagram.definitions()
        #expect(DiagramRenderer.svg(gallery) == DiagramRenderer.svg(gallery))
    }

    @Test func noInlineStyleNoScript() throws {
        var outputs = try Self.files.map { try #require(DiagramRenderer.svg(try DiagramFixtures.definitions($0))) }
        outputs.append(try #require(DiagramRenderer.svg(try GalleryDiagram.definitions())))
        outputs.append(
            try #require(
                DiagramRenderer.svg(try DiagramFixtures.definitions("processes/benefit-approval.bpmn"), overlay: DiagramSnapshotTests.benefitApprovalOverlay)))
        for svg in outputs {
            #expect(!svg.contains("style="))
            #expect(!svg.contains("<style"))
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("<?xml"), "inlined into HTML, so no XML declaration")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.contains("role=\"img\""))
            #expect(svg.contains("aria-label=\""))
            let root = String(svg.prefix { $0 != "\n" })
            #expect(!root.contains(" width=") && !root.contains(" height="), "the root scales with the page: \(root)")
        }
    }

    @Test func fileWithoutDiagramGivesNil() throws {
        #expect(DiagramRenderer.svg(try DiagramFixtures.definitions("processes/fixtures/prefix-bpmn.bpmn")) == nil)
        #expect(DiagramRenderer.svg(Definitions()) == nil)
    }

    @Test func overlayLandsOnTheRightElements() throws {
        let definitions = try DiagramFixtures.definitions("processes/benefit-approval.bpmn")
        let svg = try #require(DiagramRenderer.svg(definitions, overlay: DiagramSnapshotTests.benefitApprovalOverlay))

        let active = try #require(SVGInspection.groupTag("PublishToAidbox", in: svg))
        #expect(active.contains("class=\"bpmn-element bpmn-serviceTask state-active heat-5\""))
        let review = try #require(SVGInspection.groupTag("ReviewPlan", in: svg))
        #expect(review.contains("class=\"bpmn-element bpmn-userTask state-completed state-selected heat-9\""))
        let incident = try #require(SVGInspection.groupTag("EscalateReview", in: svg))
        #expect(incident.contains("state-incident"))
        #expect(!incident.contains("state-active"))
        let flow = try #require(SVGInspection.groupTag("Flow_ToReview", in: svg))
        #expect(flow.contains("class=\"bpmn-element bpmn-sequenceFlow state-completed\""))
        let untouched = try #require(SVGInspection.groupTag("MarkDraftRejected", in: svg))
        #expect(untouched.contains("class=\"bpmn-element bpmn-serviceTask\""))

        let publish = try #require(SVGInspection.group("PublishToAidbox", in: svg))
        #expect(publish.contains("<g class=\"badge badge-running\">"))
        #expect(publish.contains("<title>3 instances running</title>"))
        #expect(publish.contains(">3</text>"))
        let escalate = try #require(SVGInspection.group("EscalateReview", in: svg))
        #expect(escalate.contains("badge badge-incidents"))
        #expect(escalate.contains("badge badge-running"))
        #expect(!(try #require(SVGInspection.group("MarkDraftRejected", in: svg))).contains("badge"))
        #expect(SVGInspection.occurrences(of: "class=\"badge ", in: svg) == 5)
        // A completed flow's arrowhead is coloured like the flow.
        #expect((try #require(SVGInspection.group("Flow_ToReview", in: svg))).contains("url(#baton-arrow-completed)"))
        #expect(review.contains("data-element-id=\"ReviewPlan\""))
        #expect((try #require(SVGInspection.group("ReviewPlan", in: svg))).contains("<title>Review plan (ReviewPlan) — median 2 d</title>"))
        #expect(svg.contains("class=\"baton-diagram has-heat\""))
    }

    @Test func heatLevelsAreBucketedAndClamped() throws {
        let definitions = try DiagramFixtures.definitions("processes/fixtures/bpmn-io-export.bpmn")
        let cases: [(Double, String)] = [(0, "heat-0"), (0.09, "heat-0"), (0.1, "heat-1"), (0.55, "heat-5"), (1, "heat-9"), (7, "heat-9"), (-1, "heat-0"), (.nan, "heat-0")]
        for (level, expected) in cases {
            let overlay = DiagramOverlay(heat: ["Task_1hcentk": DiagramHeat(level: level, label: "")])
            let svg = try #require(DiagramRenderer.svg(definitions, overlay: overlay))
            let tag = try #require(SVGInspection.groupTag("Task_1hcentk", in: svg))
            #expect(tag.contains("class=\"bpmn-element bpmn-task \(expected)\""), "\(level)")
        }
    }

    @Test func stylesheetCoversStatesHeatAndBadges() {
        let css = DiagramRenderer.stylesheet
        for state in ElementState.allCases { #expect(css.contains(".state-\(state.rawValue)")) }
        for bucket in 0..<10 { #expect(css.contains(".heat-\(bucket) ")) }
        for kind in ["running", "incidents", "passed"] { #expect(css.contains(".badge-\(kind)")) }
        for cls in ["bpmn-shape", "bpmn-label", "bpmn-connection", "bpmn-marker-filled", "bpmn-arrowhead-open", "bpmn-condition-marker"] {
            #expect(css.contains(".\(cls) "), "\(cls)")
        }
    }

    @Test func readsLabelBoundsAndPlacesTheLabelThere() throws {
        let definitions = try DiagramFixtures.definitions("processes/fixtures/bpmn-io-export.bpmn")
        let start = try #require(definitions.diagram.shape(for: "StartEvent_1y45yut"))
        #expect(start.label == Diagram.Bounds(x: 134, y: 145, width: 73, height: 14))
        #expect(definitions.diagram.shape(for: "Task_1hcentk")?.label == nil)
        let svg = try #require(DiagramRenderer.svg(definitions))
        let group = try #require(SVGInspection.group("StartEvent_1y45yut", in: svg))
        // Centred on the label box (134 + 73 / 2), first baseline one line below its top.
        #expect(group.contains("<text class=\"bpmn-label bpmn-label-external\" x=\"170.5\" y=\"156\" text-anchor=\"middle\">"))
    }
}
