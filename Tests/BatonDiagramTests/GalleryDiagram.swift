import BatonModel

/// Every notation the renderer knows, on one page: the all-elements fixture (which Camunda Modeler
/// exported with almost no DI) plus the event, gateway and subprocess kinds it lacks, laid out on
/// a grid by this code. Its snapshot is the visual check for markers and icons.
enum GalleryDiagram {
    static func definitions() throws -> Definitions {
        var definitions = try DiagramFixtures.definitions("processes/fixtures/camunda-modeler-all-elements.bpmn")
        definitions.processes.append(extras())
        definitions.diagram = layout(definitions)
        return definitions
    }

    /// Kinds the fixture does not have. Not executable; only drawn.
    private static func extras() -> ProcessDefinition {
        var line = 0
        func node(_ id: ElementID, _ name: String?, _ kind: FlowNodeKind, parent: ElementID? = nil, multiInstance: MultiInstanceLoop? = nil) -> FlowNode {
            line += 1
            var details = FlowNode.Details()
            details.multiInstance = multiInstance
            return FlowNode(id: id, name: name, parent: parent, kind: kind, line: line, details: details)
        }
        let nodes = [
            node("SignalStart", "Signal start", .startEvent(StartEvent(eventDefinitions: [.signal(nil)]))),
            node("ConditionalStart", "Conditional start", .startEvent(StartEvent(eventDefinitions: [.conditional(nil)]))),
            node("CatchSignal", "Catch signal", .intermediateCatchEvent([.signal(nil)])),
            node("CatchLink", "Catch link", .intermediateCatchEvent([.link(name: "L")])),
            node("CatchMultiple", "Catch multiple", .intermediateCatchEvent([.message(nil), .signal(nil)])),
            node("ThrowMessage", "Throw message", .intermediateThrowEvent([.message(nil)])),
            node("ThrowSignal", "Throw signal", .intermediateThrowEvent([.signal(nil)])),
            node("ThrowEscalation", "Throw escalation", .intermediateThrowEvent([.escalation(nil)])),
            node("ThrowCompensation", "Throw compensation", .intermediateThrowEvent([.compensate])),
            node("ThrowLink", "Throw link", .intermediateThrowEvent([.link(name: "L")])),
            node("EndError", "Error end", .endEvent([.error(nil)])),
            node("EndCancel", "Cancel end", .endEvent([.cancel])),
            node("EndMessage", "Message end", .endEvent([.message(nil)])),
            node("EndSignal", "Signal end", .endEvent([.signal(nil)])),
            node("EndEscalation", "Escalation end", .endEvent([.escalation(nil)])),
            node("EndCompensation", "Compensation end", .endEvent([.compensate])),
            node("Complex", "Complex", .gateway(.complex)),
            node(
                "Booking", "Book trip (transaction)",
                .subProcess(SubProcessDefinition(variant: .transaction, triggeredByEvent: false))),
            node("BookingCancelled", nil, .boundaryEvent(BoundaryEvent(attachedTo: "Booking", cancelActivity: true, eventDefinitions: [.cancel]))),
            node(
                "Research", "Research each topic, ad hoc", .subProcess(SubProcessDefinition(variant: .adHoc, triggeredByEvent: false)),
                multiInstance: MultiInstanceLoop(isSequential: false, line: 0)),
            node(
                "ResearchLate", nil,
                .boundaryEvent(BoundaryEvent(attachedTo: "Research", cancelActivity: false, eventDefinitions: [.escalation(nil)]))),
            node("ConditionalCatch", "Conditional catch", .intermediateCatchEvent([.conditional(nil)])),
            node("EventChoice", "Event-based", .gateway(.eventBased)),
            node("AwaitReply", "Await reply", .receiveTask(messageRef: nil)),
            node("CheckEach", "Check each document", .task, multiInstance: MultiInstanceLoop(isSequential: true, line: 0)),
        ]
        return ProcessDefinition(
            id: "gallery-extras", name: "Gallery extras", isExecutable: false, versionTag: nil, historyTimeToLive: nil, flowNodes: nodes,
            sequenceFlows: [], line: 0)
    }

    private static let columns = 8
    private static let cellWidth = 150.0, cellHeight = 130.0
    private static let left = 120.0, top = 60.0

    /// A grid, row by row in document order; OnCancel expanded across a row with its children,
    /// the other subprocesses collapsed; boundary events on their host's bottom edge.
    private static func layout(_ definitions: Definitions) -> Diagram {
        var diagram = Diagram()
        var bounds: [ElementID: Diagram.Bounds] = [:]
        var shapes: [Diagram.Shape] = []
        var cell = 0
        func place(_ node: FlowNode, in box: Diagram.Bounds) -> Diagram.Bounds {
            let size: (Double, Double) = node.kind.isEvent ? (36, 36) : node.kind.isGateway ? (50, 50) : (100, 80)
            let b = Diagram.Bounds(x: box.x + (box.width - size.0) / 2, y: box.y + (box.height - size.1) / 2, width: size.0, height: size.1)
            bounds[node.id] = b
            return b
        }
        for process in definitions.processes {
            for node in process.children(of: nil) {
                if case .boundaryEvent = node.kind { continue }
                if node.id == "OnCancel" {
                    // A row of its own, expanded, with its children inside.
                    if cell % columns != 0 { cell += columns - cell % columns }
                    let row = Double(cell / columns)
                    let box = Diagram.Bounds(x: left + 40, y: top + row * cellHeight + 10, width: Double(columns) * cellWidth - 40, height: cellHeight - 20)
                    bounds[node.id] = box
                    shapes.append(Diagram.Shape(id: nil, element: node.id, bounds: box, isExpanded: true))
                    for (i, child) in process.children(of: node.id).enumerated() {
                        let slot = Diagram.Bounds(x: box.x + 40 + Double(i) * cellWidth, y: box.y + 10, width: cellWidth, height: box.height - 20)
                        shapes.append(Diagram.Shape(id: nil, element: child.id, bounds: place(child, in: slot), isExpanded: nil))
                    }
                    cell += columns
                    continue
                }
                let slot = Diagram.Bounds(
                    x: left + 40 + Double(cell % columns) * cellWidth, y: top + Double(cell / columns) * cellHeight, width: cellWidth, height: cellHeight)
                let b = place(node, in: slot)
                // Collect is expanded in the file; here it is drawn collapsed, which hides its contents.
                shapes.append(Diagram.Shape(id: nil, element: node.id, bounds: b, isExpanded: node.kind.isSubProcess ? false : nil))
                cell += 1
            }
        }
        for process in definitions.processes {
            var attached: [ElementID: Int] = [:]
            for node in process.flowNodes {
                guard case .boundaryEvent(let boundary) = node.kind, let host = bounds[boundary.attachedTo] else { continue }
                let k = attached[boundary.attachedTo, default: 0]
                attached[boundary.attachedTo] = k + 1
                let b = Diagram.Bounds(x: host.x + host.width - 40 - Double(k) * 44, y: (host.y + host.height) - 18, width: 36, height: 36)
                bounds[node.id] = b
                shapes.append(Diagram.Shape(id: nil, element: node.id, bounds: b, isExpanded: nil))
            }
        }
        let rows = Double((cell + columns - 1) / columns)
        let pool = Diagram.Bounds(x: left, y: top - 20, width: Double(columns) * cellWidth + 60, height: rows * cellHeight + 40)
        let insurer = Diagram.Bounds(x: left, y: (pool.y + pool.height) + 40, width: pool.width, height: 70)
        let clerks = Diagram.Bounds(x: left + 30, y: pool.y, width: pool.width - 30, height: 2 * cellHeight + 20)
        let senior = Diagram.Bounds(x: left + 30, y: (clerks.y + clerks.height), width: pool.width - 30, height: (pool.y + pool.height) - (clerks.y + clerks.height))
        diagram.shapes = [
            Diagram.Shape(id: nil, element: "Participant_Claims", bounds: pool, isExpanded: nil),
            Diagram.Shape(id: nil, element: "Lane_Clerks", bounds: clerks, isExpanded: nil),
            Diagram.Shape(id: nil, element: "Lane_Senior", bounds: senior, isExpanded: nil),
            Diagram.Shape(id: nil, element: "Participant_Insurer", bounds: insurer, isExpanded: nil),
        ] + shapes

        for process in definitions.processes {
            for flow in process.sequenceFlows {
                guard let s = bounds[flow.source], let t = bounds[flow.target] else { continue }
                diagram.edges.append(Diagram.Edge(id: nil, element: flow.id, waypoints: route(from: s, to: t)))
            }
        }
        // From the insurer's pool up to the last shape of the grid, whose column is free below it.
        if let last = bounds["CheckEach"] {
            let x = last.x + last.width / 2
            diagram.edges.append(
                Diagram.Edge(
                    id: nil, element: "MessageFlow_Docs", waypoints: [Diagram.Point(x: x, y: insurer.y), Diagram.Point(x: x, y: last.y + last.height)]))
        }
        return diagram
    }

    /// Right side to left side with an elbow when the target is further right, else bottom to top.
    private static func route(from s: Diagram.Bounds, to t: Diagram.Bounds) -> [Diagram.Point] {
        let sc = Diagram.Point(x: s.x + s.width / 2, y: s.y + s.height / 2)
        let tc = Diagram.Point(x: t.x + t.width / 2, y: t.y + t.height / 2)
        if t.x > s.x + s.width {
            let mx = (s.x + s.width + t.x) / 2
            return [
                Diagram.Point(x: s.x + s.width, y: sc.y), Diagram.Point(x: mx, y: sc.y), Diagram.Point(x: mx, y: tc.y), Diagram.Point(x: t.x, y: tc.y),
            ]
        }
        let my = t.y > s.y + s.height ? (s.y + s.height + t.y) / 2 : s.y + s.height + 12
        return [
            Diagram.Point(x: sc.x, y: s.y + s.height), Diagram.Point(x: sc.x, y: my), Diagram.Point(x: tc.x, y: my),
            Diagram.Point(x: tc.x, y: t.y),
        ]
    }
}
