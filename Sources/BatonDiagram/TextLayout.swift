import BatonModel

/// Word wrap by an estimated character width. The server cannot measure fonts, so the estimate
/// errs wide: a line that is slightly short looks fine, one that overflows a task box does not.
enum TextLayout {
    /// Font metrics the stylesheet must agree with (`.bpmn-label` and `.bpmn-label-external`).
    static let insideFontSize = 12.0
    static let externalFontSize = 11.0
    static let lineHeight = 14.0

    /// About the average advance of lowercase text in the sans-serif faces the stylesheet names.
    static func characterWidth(fontSize: Double) -> Double { fontSize * 0.52 }

    /// Splits `text` into lines no wider than `width`, breaking at spaces and at the line breaks
    /// the author typed (modelers store them as `&#10;`), cutting words that alone are too long
    /// after a hyphen when they have one, else where the line ends.
    /// At most `maxLines`; the last kept line ends with "…" when text was dropped.
    static func wrap(_ text: String, width: Double, fontSize: Double, maxLines: Int = .max) -> [String] {
        let capacity = max(1, Int(width / characterWidth(fontSize: fontSize)))
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
                var word = Substring(word)
                while word.count > capacity {
                    if !current.isEmpty {
                        lines.append(current)
                        current = ""
                    }
                    let head = word.prefix(capacity)
                    let cut = head.lastIndex(of: "-").map { head.index(after: $0) } ?? head.endIndex
                    lines.append(String(word[..<cut]))
                    word = word[cut...]
                }
                if word.isEmpty { continue }
                if current.isEmpty {
                    current = String(word)
                } else if current.count + 1 + word.count <= capacity {
                    current += " " + word
                } else {
                    lines.append(current)
                    current = String(word)
                }
            }
            if !current.isEmpty { lines.append(current) }
        }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        let last = kept[maxLines - 1]
        kept[maxLines - 1] = String(last.prefix(max(0, capacity - 1))) + "…"
        return kept
    }

    /// Writes `lines` as one `<text>` with a `<tspan>` per line, centred on `centerX`, the first
    /// baseline at `firstBaseline`.
    static func write(
        _ lines: [String], centerX: Double, firstBaseline: Double, fontSize: Double, anchor: String = "middle", className: String,
        into svg: inout SVGWriter
    ) {
        guard !lines.isEmpty else { return }
        svg.open("text", [("class", className), ("x", svgNumber(centerX)), ("y", svgNumber(firstBaseline)), ("text-anchor", anchor)])
        for (i, line) in lines.enumerated() {
            svg.text("tspan", [("x", svgNumber(centerX)), ("dy", i == 0 ? "0" : svgNumber(lineHeight))], line)
        }
        svg.close("text")
    }

    /// Lines centred vertically and horizontally in `box` (names inside tasks).
    static func writeCentered(_ text: String, in box: Diagram.Bounds, className: String, into svg: inout SVGWriter) {
        let maxLines = max(1, Int((box.height - 8) / lineHeight))
        let lines = wrap(text, width: box.width - 12, fontSize: insideFontSize, maxLines: maxLines)
        let blockHeight = Double(lines.count) * lineHeight
        let firstBaseline = box.center.y - blockHeight / 2 + insideFontSize - 1
        write(lines, centerX: box.center.x, firstBaseline: firstBaseline, fontSize: insideFontSize, className: className, into: &svg)
    }

    /// The box an external label (events, gateways, flows) occupies: the DI label bounds when the
    /// modeler wrote them, else a box of `defaultWidth` centred below `anchor`.
    static func externalBox(for text: String, label: Diagram.Bounds?, below anchor: Diagram.Bounds) -> (box: Diagram.Bounds, lines: [String]) {
        let width = max(label?.width ?? 90, 90)
        let lines = wrap(text, width: width, fontSize: externalFontSize)
        let height = Double(lines.count) * lineHeight
        if let label {
            let x = label.center.x - width / 2
            return (Diagram.Bounds(x: x, y: label.y, width: width, height: max(label.height, height)), lines)
        }
        return (Diagram.Bounds(x: anchor.center.x - width / 2, y: anchor.maxY + 4, width: width, height: height), lines)
    }

    /// Writes an external label into `box` (from ``externalBox(for:label:below:)``).
    static func writeExternal(_ lines: [String], in box: Diagram.Bounds, into svg: inout SVGWriter) {
        write(
            lines, centerX: box.center.x, firstBaseline: box.y + externalFontSize, fontSize: externalFontSize,
            className: "bpmn-label bpmn-label-external", into: &svg)
    }
}
