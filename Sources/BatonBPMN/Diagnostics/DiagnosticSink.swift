import BatonModel

/// Collects diagnostics for one file, turning element lines into full source locations.
struct DiagnosticSink {
    let file: String
    let locator: SourceLocator
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, locator: SourceLocator) {
        self.file = file
        self.locator = locator
    }

    mutating func report(
        _ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String, line: Int, tag: String? = nil,
        element: ElementID? = nil, attribute: String? = nil, notes: [String] = [], locatedAt childTag: String? = nil
    ) {
        // A fault in a child element (a timer value, a condition) points at that child's start tag.
        let position = locator.locate(line: line, tag: childTag ?? tag)
        diagnostics.append(
            Diagnostic(
                severity, code, message, location: SourceLocation(file: file, line: position.line, column: position.column),
                elementID: element, elementTag: tag, attribute: attribute, notes: notes))
    }

    mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Diagnostics ordered by position; ties keep the order they were found in.
    var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted {
            let a = $0.element.location, b = $1.element.location
            if a.line != b.line { return a.line < b.line }
            if (a.column ?? 0) != (b.column ?? 0) { return (a.column ?? 0) < (b.column ?? 0) }
            return $0.offset < $1.offset
        }.map(\.element)
    }
}
