internal import CLibXML2

/// A read-only view of one element of an ``XMLDocument``; valid only while the document lives.
struct XMLElement {
    let node: xmlNodePtr

    init(_ node: xmlNodePtr) { self.node = node }

    var localName: String { String(cString: node.pointee.name) }

    /// The namespace URI the element's prefix resolves to.
    var namespace: String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// `prefix:localName` as written, for diagnostics ("bpmn:userTask").
    var qualifiedName: String {
        if let prefix = node.pointee.ns?.pointee.prefix { return "\(String(cString: prefix)):\(localName)" }
        return localName
    }

    var line: Int { Int(xmlGetLineNo(node)) }

    func isElement(_ name: String, in namespace: String) -> Bool {
        guard let href = node.pointee.ns?.pointee.href else { return false }
        return baton_xml_equals(node.pointee.name, name) != 0 && baton_xml_equals(href, namespace) != 0
    }

    func inNamespace(_ namespace: String) -> Bool {
        guard let href = node.pointee.ns?.pointee.href else { return false }
        return baton_xml_equals(href, namespace) != 0
    }

    /// Child elements in document order (text, comments and processing instructions skipped).
    var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(current)) }
            child = current.pointee.next
        }
        return result
    }

    /// The value of an attribute without a namespace (`id`, `name`, `sourceRef`…), or with one
    /// (`camunda:assignee`).
    func attribute(_ name: String, namespace: String? = nil) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard baton_xml_equals(current.pointee.name, name) != 0 else { continue }
            let href = current.pointee.ns?.pointee.href
            switch (namespace, href) {
            case (nil, nil): break
            case (let expected?, let actual?) where baton_xml_equals(actual, expected) != 0: break
            default: continue
            }
            return Self.text(of: current.pointee.children)
        }
        return nil
    }

    /// The concatenated text and CDATA directly inside this element.
    var text: String { Self.text(of: node.pointee.children) ?? "" }

    private static func text(of first: xmlNodePtr?) -> String? {
        var result: String?
        var node = first
        while let current = node {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                let content = current.pointee.content
            {
                result = (result ?? "") + String(cString: content)
            }
            node = current.pointee.next
        }
        return result
    }
}
