internal import CLibXML2

/// A parsed XML tree owned by Swift; the libxml2 document is freed with it.
///
/// Not `Sendable`: the tree is read on the thread that parsed it, inside one synchronous call.
final class XMLDocument {
    private let document: xmlDocPtr

    fileprivate init(document: xmlDocPtr) { self.document = document }

    deinit { xmlFreeDoc(document) }

    var root: XMLElement? {
        xmlDocGetRootElement(document).map(XMLElement.init)
    }
}

/// One problem libxml2 reported while reading the bytes.
struct XMLProblem {
    enum Level { case warning, error, fatal }
    var level: Level
    var message: String
    var line: Int
    var column: Int?
}

/// The outcome of reading bytes as XML: a tree when the document is well-formed, plus every problem.
struct XMLParseOutcome {
    var document: XMLDocument?
    var problems: [XMLProblem]
    /// True when the bytes contain a document type declaration, which Baton refuses outright.
    var hadDocumentTypeDeclaration: Bool
}

/// Reads XML with libxml2, hardened for untrusted input.
///
/// * `XML_PARSE_NONET`: never fetch anything; no DTD loading and no entity substitution (their
///   options are simply not set).
/// * Any `<!DOCTYPE` stops the parser before its internal subset is read. BPMN never needs one,
///   and refusing it closes external-entity (XXE) and entity-expansion ("billion laughs") attacks
///   at the root instead of relying on expansion limits.
/// * Depth and text-node limits stay at libxml2's defaults (`XML_PARSE_HUGE` is never set).
/// * `XML_PARSE_BIG_LINES` keeps line numbers past 65,535 exact.
///
/// Errors go to a structured handler installed on this parse's own context, so nothing is printed
/// to stderr and concurrent parses on other threads do not see each other's errors.
enum XMLReader {
    private static let initialize: Void = { xmlInitParser() }()

    /// libxml2's element depth limit without `XML_PARSE_HUGE`.
    static let libxml2DepthLimit = 256

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

    static func parse(_ bytes: [UInt8]) -> XMLParseOutcome {
        _ = initialize
        let collector = ProblemCollector()
        guard !bytes.isEmpty else {
            return XMLParseOutcome(
                document: nil,
                problems: [XMLProblem(level: .fatal, message: "Document is empty", line: 1, column: 1)],
                hadDocumentTypeDeclaration: false)
        }
        let context: xmlParserCtxtPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCreateMemoryParserCtxt($0, Int32(buffer.count))
            }
        }
        guard let context else {
            return XMLParseOutcome(
                document: nil,
                problems: [XMLProblem(level: .fatal, message: "libxml2 could not allocate a parser", line: 1, column: nil)],
                hadDocumentTypeDeclaration: false)
        }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, options)
        if let sax = context.pointee.sax {
            sax.pointee.serror = collectProblem
            sax.pointee.internalSubset = refuseDocumentType
            sax.pointee.externalSubset = nil
            sax.pointee.resolveEntity = nil
        }
        withExtendedLifetime(collector) {
            context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
            xmlParseDocument(context)
            context.pointee._private = nil
        }

        let parsed = context.pointee.myDoc
        context.pointee.myDoc = nil
        let wellFormed = context.pointee.wellFormed != 0 && !collector.sawDocumentType
        if !wellFormed {
            if let parsed { xmlFreeDoc(parsed) }
            return XMLParseOutcome(document: nil, problems: collector.problems, hadDocumentTypeDeclaration: collector.sawDocumentType)
        }
        return XMLParseOutcome(
            document: parsed.map(XMLDocument.init(document:)), problems: collector.problems,
            hadDocumentTypeDeclaration: false)
    }
}

/// Gathers libxml2's reports for one parse; reached through the parser context's `_private`.
private final class ProblemCollector {
    var problems: [XMLProblem] = []
    var sawDocumentType = false
}

private func collector(from context: UnsafeMutableRawPointer?) -> ProblemCollector? {
    guard let context else { return nil }
    let parserContext = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = parserContext.pointee._private else { return nil }
    return Unmanaged<ProblemCollector>.fromOpaque(opaque).takeUnretainedValue()
}

private let collectProblem: xmlStructuredErrorFunc = { userData, error in
    guard let error, let collector = collector(from: userData) else { return }
    // A stop we asked for is reported as our own diagnostic, not as libxml2's.
    if collector.sawDocumentType, error.pointee.code == Int32(XML_ERR_USER_STOP.rawValue) { return }
    let level: XMLProblem.Level
    switch error.pointee.level {
    case XML_ERR_WARNING: level = .warning
    case XML_ERR_ERROR: level = .error
    default: level = .fatal
    }
    var message = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    let column = Int(error.pointee.int2)
    collector.problems.append(
        XMLProblem(level: level, message: message, line: Int(error.pointee.line), column: column > 0 ? column : nil))
}

private let refuseDocumentType: internalSubsetSAXFunc = { context, _, _, _ in
    guard let context else { return }
    collector(from: context)?.sawDocumentType = true
    xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self))
}
