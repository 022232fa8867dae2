internal import CLibXML2

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
    var tree: XMLTree?
    var problems: [XMLProblem]
    /// True when the bytes contain a document type declaration, which Baton refuses outright.
    var hadDocumentTypeDeclaration: Bool
}

/// Reads XML with libxml2's SAX2 interface, hardened for untrusted input.
///
/// * `XML_PARSE_NONET`: never fetch anything; DTD loading and entity substitution stay off.
/// * Any `<!DOCTYPE` stops the parser before its internal subset is read. BPMN never needs one,
///   and refusing it closes external-entity (XXE) and entity-expansion ("billion laughs") attacks
///   at the root instead of relying on expansion limits.
/// * Depth and text-node limits stay at libxml2's defaults (`XML_PARSE_HUGE` is never set).
/// * `XML_PARSE_BIG_LINES` keeps line numbers past 65,535 exact.
///
/// SAX2 rather than libxml2's DOM: building and freeing the DOM costs several times the parse
/// itself, and Baton keeps only what its reader needs (see ``XMLTree``). Errors go to a structured
/// handler installed on this parse's own context, so nothing is printed to stderr and concurrent
/// parses on other threads never see each other's errors.
enum XMLReader {
    private static let initialize: Void = { xmlInitParser() }()

    /// libxml2's element depth limit without `XML_PARSE_HUGE`.
    static let libxml2DepthLimit = 256

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

    static func parse(_ bytes: [UInt8]) -> XMLParseOutcome {
        _ = initialize
        guard !bytes.isEmpty else {
            return XMLParseOutcome(
                tree: nil, problems: [XMLProblem(level: .fatal, message: "Document is empty", line: 1, column: 1)],
                hadDocumentTypeDeclaration: false)
        }
        let context: xmlParserCtxtPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCreateMemoryParserCtxt($0, Int32(buffer.count))
            }
        }
        guard let context, let sax = context.pointee.sax else {
            return XMLParseOutcome(
                tree: nil, problems: [XMLProblem(level: .fatal, message: "libxml2 could not allocate a parser", line: 1, column: nil)],
                hadDocumentTypeDeclaration: false)
        }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, options)
        // Only Baton's callbacks: no DOM is built, no entity is resolved, no subset is loaded.
        sax.pointee = xmlSAXHandler()
        sax.pointee.initialized = XML_SAX2_MAGIC
        sax.pointee.startElementNs = startElement
        sax.pointee.endElementNs = endElement
        sax.pointee.characters = characters
        sax.pointee.serror = collectProblem
        sax.pointee.internalSubset = refuseDocumentType

        // The callbacks reach the state through a raw pointer rather than a class reference: the
        // SAX callbacks mutate it tens of thousands of times, and a struct behind a pointer is not
        // subject to the runtime exclusivity checks that a class's stored properties are.
        let state = UnsafeMutablePointer<ParseState>.allocate(capacity: 1)
        state.initialize(to: ParseState())
        defer {
            state.deinitialize(count: 1)
            state.deallocate()
        }
        context.pointee._private = UnsafeMutableRawPointer(state)
        xmlParseDocument(context)
        context.pointee._private = nil

        let wellFormed = context.pointee.wellFormed != 0 && !state.pointee.sawDocumentType && !state.pointee.nodes.isEmpty
        return XMLParseOutcome(
            tree: wellFormed ? XMLTree(nodes: state.pointee.nodes, attributes: state.pointee.attributes, values: state.pointee.values) : nil,
            problems: state.pointee.problems, hadDocumentTypeDeclaration: state.pointee.sawDocumentType)
    }
}

/// Everything one parse accumulates; reached from the callbacks through the context's `_private`.
private struct ParseState {
    var nodes: [XMLTree.Node] = []
    var attributes: [XMLTree.Attribute] = []
    var values: [UInt8] = []
    var problems: [XMLProblem] = []
    var sawDocumentType = false
    /// Open elements, innermost last, with the last child linked so far under each.
    var open: [(node: Int, lastChild: Int)] = []
    /// libxml2 interns names and namespace URIs in its dictionary, so one pointer is one string.
    var names: [UnsafeRawPointer: String] = [:]
    var namespaces: [UnsafeRawPointer: (Namespace, String)] = [:]

    mutating func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        let key = UnsafeRawPointer(pointer)
        if let cached = names[key] { return cached }
        let name = String(cString: pointer)
        names[key] = name
        return name
    }

    mutating func namespace(_ pointer: UnsafePointer<xmlChar>?) -> (Namespace, String?) {
        guard let pointer else { return (.none, nil) }
        let key = UnsafeRawPointer(pointer)
        if let cached = namespaces[key] { return (cached.0, cached.1) }
        let uri = String(cString: pointer)
        let entry = (Namespace(uri: uri), uri)
        namespaces[key] = entry
        return entry
    }
}

private func state(from context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ParseState>? {
    guard let context else { return nil }
    let parserContext = context.assumingMemoryBound(to: xmlParserCtxt.self)
    return parserContext.pointee._private?.assumingMemoryBound(to: ParseState.self)
}

private let startElement: startElementNsSAX2Func = { context, localName, prefix, uri, _, _, attributeCount, _, attributes in
    guard let context, let state = state(from: context), let localName else { return }
    let parserContext = context.assumingMemoryBound(to: xmlParserCtxt.self)
    let firstAttribute = state.pointee.attributes.count
    if let attributes {
        for i in 0..<Int(attributeCount) {
            let base = i * 5  // localname, prefix, URI, value, end
            guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
            let first = state.pointee.values.count
            state.pointee.values.appendDecodingAmpersandReferences(UnsafeBufferPointer(start: start, count: end - start))
            let attribute = XMLTree.Attribute(
                localName: state.pointee.name(name), namespace: state.pointee.namespace(attributes[base + 2]).0,
                value: first..<state.pointee.values.count)
            state.pointee.attributes.append(attribute)
        }
    }
    let (namespace, namespaceURI) = state.pointee.namespace(uri)
    let index = state.pointee.nodes.count
    let node = XMLTree.Node(
        localName: state.pointee.name(localName), prefix: prefix.map { state.pointee.name($0) }, namespace: namespace,
        namespaceURI: namespaceURI, line: Int(parserContext.pointee.input?.pointee.line ?? 0),
        attributes: firstAttribute..<state.pointee.attributes.count)
    state.pointee.nodes.append(node)
    if let parent = state.pointee.open.last {
        if parent.lastChild >= 0 {
            state.pointee.nodes[parent.lastChild].nextSibling = index
        } else {
            state.pointee.nodes[parent.node].firstChild = index
        }
        state.pointee.open[state.pointee.open.count - 1].lastChild = index
    }
    state.pointee.open.append((index, -1))
}

private let endElement: endElementNsSAX2Func = { context, _, _, _ in
    _ = state(from: context)?.pointee.open.popLast()
}

private let characters: charactersSAXFunc = { context, characters, length in
    guard let state = state(from: context), let characters, let current = state.pointee.open.last?.node else { return }
    let chunk = UnsafeBufferPointer(start: characters, count: Int(length))
    // Indentation between child elements is dropped; text already started keeps its whitespace.
    if state.pointee.nodes[current].text.isEmpty, chunk.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
        return
    }
    state.pointee.nodes[current].text += String(decoding: chunk, as: UTF8.self)
}

private let collectProblem: xmlStructuredErrorFunc = { userData, error in
    guard let error, let state = state(from: userData) else { return }
    // A stop Baton asked for is reported as Baton's own diagnostic, not as libxml2's.
    if state.pointee.sawDocumentType, error.pointee.code == Int32(XML_ERR_USER_STOP.rawValue) { return }
    let level: XMLProblem.Level
    switch error.pointee.level {
    case XML_ERR_WARNING: level = .warning
    case XML_ERR_ERROR: level = .error
    default: level = .fatal
    }
    var message = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    let column = Int(error.pointee.int2)
    state.pointee.problems.append(XMLProblem(level: level, message: message, line: Int(error.pointee.line), column: column > 0 ? column : nil))
}

private let refuseDocumentType: internalSubsetSAXFunc = { context, _, _, _ in
    guard let context else { return }
    state(from: context)?.pointee.sawDocumentType = true
    xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self))
}

extension [UInt8] {
    /// Appends an attribute value, turning each `&#38;` back into `&`: without entity replacement
    /// libxml2 passes `&` on in that form for its own tree builder to decode, and Baton builds its
    /// own tree.
    mutating func appendDecodingAmpersandReferences(_ value: UnsafeBufferPointer<UInt8>) {
        guard value.contains(UInt8(ascii: "&")) else {
            append(contentsOf: value)
            return
        }
        let reference: [UInt8] = Array("&#38;".utf8)
        var i = 0
        while i < value.count {
            if value[i] == reference[0], i + reference.count <= value.count, value[i..<(i + reference.count)].elementsEqual(reference) {
                append(UInt8(ascii: "&"))
                i += reference.count
            } else {
                append(value[i])
                i += 1
            }
        }
    }
}
