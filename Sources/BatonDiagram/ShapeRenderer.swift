import BatonModel

/// Draws one DI shape's body and name: activities, events, gateways, pools, lanes, and a plain
/// dashed box for elements the model does not know. The element's `<g>` and overlay are the
/// caller's; this type only knows BPMN notation.
///
/// Geometry that is part of the notation (thin start, thick end, dashed non-interrupting) is
/// written as presentation attributes, so the drawing reads correctly even unstyled; every colour
/// comes from the stylesheet.
enum ShapeRenderer {
    static func draw(_ placed: DiagramScene.PlacedShape, into svg: inout SVGWriter, extent: inout DrawingExtent) {
        let bounds = placed.bounds
        extent.include(bounds)
        switch placed.element {
        case .flowNode(let node, _):
            if node.kind.isEvent {
                drawEvent(node, bounds: bounds, label: placed.shape.label, into: &svg, extent: &extent)
            } else if case .gateway(let kind) = node.kind {
                svg.leaf("polygon", [("class", "bpmn-shape"), ("points", GatewayMarkers.diamond(bounds)), ("stroke-width", "2")])
                GatewayMarkers.draw(kind, in: bounds, into: &svg)
                drawExternalLabel(node.name, label: placed.shape.label, below: bounds, into: &svg, extent: &extent)
            } else {
                drawActivity(node, bounds: bounds, expanded: placed.isExpanded, into: &svg)
            }
        case .participant(let participant):
            drawBand(participant.name, bounds: bounds, strokeWidth: "1.5", divider: true, into: &svg)
        case .lane(let lane):
            drawBand(lane.name, bounds: bounds, strokeWidth: "1", divider: false, into: &svg)
        case .sequenceFlow, .messageFlow, nil:
            svg.leaf("rect", [("class", "bpmn-shape bpmn-unknown-shape")] + bounds.rectAttributes + [("stroke-dasharray", "4 3")])
        }
    }

    private static func drawActivity(_ node: FlowNode, bounds: Diagram.Bounds, expanded: Bool, into svg: inout SVGWriter) {
        var outline = [("class", "bpmn-shape")] + bounds.rectAttributes + [("rx", "10"), ("ry", "10")]
        var innerBorder = false
        var collapsed = false
        switch node.kind {
        case .callActivity:
            outline.append(("stroke-width", "4"))
        case .subProcess(let sub):
            outline.append(("stroke-width", "1.5"))
            if sub.triggeredByEvent { outline.append(("stroke-dasharray", "6 3")) }
            innerBorder = sub.variant == .transaction
            collapsed = !expanded
        default:
            outline.append(("stroke-width", "2"))
        }
        svg.leaf("rect", outline)
        if innerBorder {
            // A transaction's double border.
            svg.leaf("rect", [("class", "bpmn-shape-inner")] + bounds.inset(by: 3).rectAttributes + [("rx", "7"), ("ry", "7"), ("stroke-width", "1.5")])
        }
        TaskMarkers.drawTypeIcon(node.kind, in: bounds, into: &svg)
        let markers = TaskMarkers.bottomMarkers(for: node, collapsed: collapsed)
        TaskMarkers.drawBottomMarkers(markers, in: bounds, into: &svg)
        guard let name = node.name, !name.isEmpty else { return }
        if node.kind.isSubProcess, expanded {
            // An expanded subprocess holds its children: the name goes to the top left, out of their way.
            let lines = TextLayout.wrap(name, width: bounds.width - 16, fontSize: TextLayout.insideFontSize, maxLines: 2)
            TextLayout.write(
                lines, centerX: bounds.x + 8, firstBaseline: bounds.y + 18, fontSize: TextLayout.insideFontSize, anchor: "start",
                className: "bpmn-label", into: &svg)
        } else {
            var box = bounds
            if !markers.isEmpty { box.height = max(0, box.height - 18) }
            TextLayout.writeCentered(name, in: box, className: "bpmn-label", into: &svg)
        }
    }

    private static func drawEvent(_ node: FlowNode, bounds: Diagram.Bounds, label: Diagram.Bounds?, into svg: inout SVGWriter, extent: inout DrawingExtent) {
        let c = bounds.center
        let r = min(bounds.width, bounds.height) / 2
        func circle(_ radius: Double, _ className: String, _ width: String, dashed: Bool) {
            var attributes: SVGWriter.Attributes = [
                ("class", className), ("cx", svgNumber(c.x)), ("cy", svgNumber(c.y)), ("r", svgNumber(radius)), ("stroke-width", width),
            ]
            if dashed { attributes.append(("stroke-dasharray", "5 3")) }
            svg.leaf("circle", attributes)
        }
        var throwing = false
        switch node.kind {
        case .startEvent(let start):
            circle(r, "bpmn-shape", "2", dashed: !start.isInterrupting)
        case .endEvent:
            circle(r, "bpmn-shape", "4", dashed: false)
            throwing = true
        case .boundaryEvent(let boundary):
            circle(r, "bpmn-shape", "1.5", dashed: !boundary.cancelActivity)
            circle(max(0, r - 3), "bpmn-shape-inner", "1.5", dashed: !boundary.cancelActivity)
        default:
            if case .intermediateThrowEvent = node.kind { throwing = true }
            circle(r, "bpmn-shape", "1.5", dashed: false)
            circle(max(0, r - 3), "bpmn-shape-inner", "1.5", dashed: false)
        }
        EventIcons.draw(node.kind.eventDefinitions, throwing: throwing, in: bounds, into: &svg)
        drawExternalLabel(node.name, label: label, below: bounds, into: &svg, extent: &extent)
    }

    /// An event's or gateway's name: at the DI label bounds, else centred below the shape.
    private static func drawExternalLabel(
        _ name: String?, label: Diagram.Bounds?, below bounds: Diagram.Bounds, into svg: inout SVGWriter, extent: inout DrawingExtent
    ) {
        guard let name, !name.isEmpty else { return }
        let (box, lines) = TextLayout.externalBox(for: name, label: label, below: bounds)
        extent.include(box)
        TextLayout.writeExternal(lines, in: box, into: &svg)
    }

    /// A pool or lane: a rectangle with its name written bottom-to-top in a 30-unit band on the left.
    /// Pools draw the band's right edge; a lane's band is bounded by the lanes beside it.
    private static func drawBand(_ name: String?, bounds: Diagram.Bounds, strokeWidth: String, divider: Bool, into svg: inout SVGWriter) {
        svg.leaf("rect", [("class", "bpmn-shape")] + bounds.rectAttributes + [("stroke-width", strokeWidth)])
        let band = min(30, bounds.width)
        if divider {
            let x = svgNumber(bounds.x + band)
            svg.leaf(
                "line", [("class", "bpmn-shape-inner"), ("x1", x), ("y1", svgNumber(bounds.y)), ("x2", x), ("y2", svgNumber(bounds.maxY)), ("stroke-width", strokeWidth)])
        }
        guard let name, !name.isEmpty else { return }
        let cx = bounds.x + band / 2
        let cy = bounds.center.y
        let lines = TextLayout.wrap(name, width: bounds.height - 12, fontSize: TextLayout.insideFontSize, maxLines: 1)
        guard let line = lines.first else { return }
        // Rotating about the band's centre; the baseline sits 4 units right of it so the glyphs are centred.
        svg.text(
            "text",
            [
                ("class", "bpmn-label"), ("x", svgNumber(cx)), ("y", svgNumber(cy + 4)), ("text-anchor", "middle"),
                ("transform", "rotate(-90 \(svgNumber(cx)) \(svgNumber(cy)))"),
            ], line)
    }
}
