import BatonModel

/// Path data (`d`) built from commands in a local frame: icons are designed once around (0, 0) at a
/// reference size and placed with `origin` and `scale`, so an event of any size gets a fitting icon.
struct SVGPath {
    private(set) var data = ""
    var origin: Diagram.Point
    var scale: Double

    init(origin: Diagram.Point = Diagram.Point(x: 0, y: 0), scale: Double = 1) {
        self.origin = origin
        self.scale = scale
    }

    private func point(_ x: Double, _ y: Double) -> String {
        "\(svgNumber(origin.x + x * scale)) \(svgNumber(origin.y + y * scale))"
    }

    private mutating func append(_ command: String) {
        data += data.isEmpty ? command : " " + command
    }

    mutating func move(_ x: Double, _ y: Double) { append("M \(point(x, y))") }
    mutating func line(_ x: Double, _ y: Double) { append("L \(point(x, y))") }
    mutating func close() { append("Z") }

    /// A closed polygon through `points`.
    mutating func polygon(_ points: [(Double, Double)]) {
        guard let first = points.first else { return }
        move(first.0, first.1)
        for p in points.dropFirst() { line(p.0, p.1) }
        close()
    }

    /// An open polyline through `points`.
    mutating func polyline(_ points: [(Double, Double)]) {
        guard let first = points.first else { return }
        move(first.0, first.1)
        for p in points.dropFirst() { line(p.0, p.1) }
    }

    /// A full circle as two arcs (paths cannot draw a closed arc in one command).
    mutating func circle(_ cx: Double, _ cy: Double, radius r: Double) {
        move(cx - r, cy)
        let scaled = svgNumber(r * scale)
        append("A \(scaled) \(scaled) 0 1 0 \(point(cx + r, cy))")
        append("A \(scaled) \(scaled) 0 1 0 \(point(cx - r, cy))")
        close()
    }
}

extension Diagram.Bounds {
    var center: Diagram.Point { Diagram.Point(x: x + width / 2, y: y + height / 2) }
    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func contains(_ other: Diagram.Bounds) -> Bool {
        other.x >= x && other.y >= y && other.maxX <= maxX && other.maxY <= maxY
    }

    /// The `x`, `y`, `width`, `height` attributes of a rect covering these bounds.
    var rectAttributes: SVGWriter.Attributes {
        [("x", svgNumber(x)), ("y", svgNumber(y)), ("width", svgNumber(width)), ("height", svgNumber(height))]
    }

    func inset(by amount: Double) -> Diagram.Bounds {
        Diagram.Bounds(x: x + amount, y: y + amount, width: max(0, width - 2 * amount), height: max(0, height - 2 * amount))
    }
}

/// The smallest box around everything drawn, grown point by point; the SVG `viewBox` comes from it.
struct DrawingExtent {
    private(set) var minX = Double.infinity, minY = Double.infinity
    private(set) var maxX = -Double.infinity, maxY = -Double.infinity

    var isEmpty: Bool { minX > maxX }

    mutating func include(_ point: Diagram.Point) {
        guard point.x.isFinite, point.y.isFinite else { return }
        minX = min(minX, point.x)
        minY = min(minY, point.y)
        maxX = max(maxX, point.x)
        maxY = max(maxY, point.y)
    }

    mutating func include(_ bounds: Diagram.Bounds) {
        include(Diagram.Point(x: bounds.x, y: bounds.y))
        include(Diagram.Point(x: bounds.maxX, y: bounds.maxY))
    }

    /// `viewBox` value: the extent grown by `margin` on every side.
    func viewBox(margin: Double) -> String {
        guard !isEmpty else { return "0 0 100 100" }
        return [minX - margin, minY - margin, maxX - minX + 2 * margin, maxY - minY + 2 * margin].map(svgNumber).joined(separator: " ")
    }
}
