import BatonModel

/// Reads BPMN 2.0 XML (Camunda 7 dialect) into ``Definitions``, collecting every diagnostic.
///
/// Reading never throws and never stops at the first problem: a malformed or hostile file yields
/// a ``BPMNDocument`` without definitions and with diagnostics that say why.
public enum BPMNReader {
    /// Reads the bytes of one file. `file` is the name diagnostics use (a path or deployment name).
    public static func read(_ bytes: [UInt8], file: String, options: BPMNReadOptions = BPMNReadOptions()) -> BPMNDocument {
        guard bytes.count <= options.maximumFileSize else {
            return refuseOversized(file: file, size: bytes.count, options: options)
        }
        var sink = DiagnosticSink(file: file, locator: SourceLocator(bytes: bytes))

        let outcome = XMLReader.parse(bytes)
        for problem in outcome.problems {
            let severity: Diagnostic.Severity = problem.level == .warning ? .warning : .error
            var code: DiagnosticCode = problem.level == .warning ? .xmlWarning : .malformedXML
            var message = problem.message
            if message.hasPrefix("Excessive depth in document") {
                // libxml2's own hint (XML_PARSE_HUGE) is not something a Baton user can act on.
                code = .nestingTooDeep
                message = "Expected elements to nest at most \(XMLReader.libxml2DepthLimit) levels deep, but this file nests deeper; it is refused."
            } else if problem.level != .warning {
                message = "Expected well-formed XML, but \(message.lowercasedFirst)."
            }
            sink.append(
                Diagnostic(
                    severity, code, message,
                    location: SourceLocation(file: file, line: max(problem.line, 1), column: problem.column)))
        }
        if outcome.hadDocumentTypeDeclaration {
            sink.report(
                .error, .documentTypeForbidden,
                "Expected no document type declaration, but the file has a <!DOCTYPE>; BPMN files never need one, and Baton refuses them so no entity can be expanded or fetched.",
                line: firstLine(containing: "<!DOCTYPE", in: bytes) ?? 1)
        }
        guard let tree = outcome.tree, let root = tree.root else {
            if !sink.diagnostics.hasErrors {
                sink.report(.error, .malformedXML, "Expected an XML document, but the file has no root element.", line: 1)
            }
            return BPMNDocument(file: file, definitions: nil, diagnostics: sink.sorted)
        }
        guard root.isElement("definitions", in: Namespace.bpmn) else {
            let found = root.namespace.map { "'\(root.localName)' in namespace '\($0)'" } ?? "'\(root.localName)' without a namespace"
            sink.report(
                .error, .notBPMN,
                "Expected the root element to be 'definitions' in the BPMN 2.0 namespace \(Namespace.bpmn.uri!), but it is \(found).",
                line: root.line, tag: root.qualifiedName)
            return BPMNDocument(file: file, definitions: nil, diagnostics: sink.sorted)
        }

        var reader = DefinitionsReader(sink: sink, options: options)
        let definitions = reader.readDefinitions(root)
        var validator = ProcessValidator(
            definitions: definitions, sink: reader.sink, registry: reader.registry, tree: tree, failures: reader.failures)
        validator.validate()
        return BPMNDocument(file: file, definitions: definitions, diagnostics: validator.sink.sorted)
    }

    /// The document for a file refused for its size, for callers that learn the size before reading.
    public static func refuseOversized(file: String, size: Int, options: BPMNReadOptions = BPMNReadOptions()) -> BPMNDocument {
        let diagnostic = Diagnostic(
            .error, .fileTooLarge,
            "Expected a BPMN file of at most \(describeSize(options.maximumFileSize)), but it is \(describeSize(size)).",
            location: SourceLocation(file: file, line: 1))
        return BPMNDocument(file: file, definitions: nil, diagnostics: [diagnostic])
    }

    /// The document for a file that could not be read at all.
    public static func unreadable(file: String, reason: String) -> BPMNDocument {
        let diagnostic = Diagnostic(
            .error, .unreadableFile, "Expected a readable BPMN file, but \(reason).", location: SourceLocation(file: file, line: 1))
        return BPMNDocument(file: file, definitions: nil, diagnostics: [diagnostic])
    }

    private static func describeSize(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB"
            : bytes >= 1 << 20 ? "\(bytes >> 20).\((bytes % (1 << 20)) * 10 >> 20) MiB" : "\(bytes) bytes"
    }

    private static func firstLine(containing marker: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(marker.utf8)
        guard bytes.count >= needle.count else { return nil }
        var line = 1
        for i in 0...(bytes.count - needle.count) {
            if bytes[i] == 0x0A { line += 1 }
            if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle { return line }
        }
        return nil
    }
}
