import BatonModel

/// A compact element tree built from libxml2's SAX2 events: element names, namespaces, lines,
/// attributes and text, in flat arrays. Much cheaper to build and free than libxml2's DOM, and it
/// holds plain Swift values, so nothing points into C memory once parsing is over. Immutable once
/// built (all `let`), which also spares every read a dynamic exclusivity check.
final class XMLTree {
    struct Node {
        var localName: String
        var prefix: String?
        var namespace: Namespace
        var namespaceURI: String?
        var line: Int
        var attributes: Range<Int>
        var firstChild = -1
        var nextSibling = -1
        var text = ""
    }

    /// An attribute whose value stays as bytes in ``values`` until the reader asks for it: most
    /// attributes of a large file (diagram coordinates, labels) are never turned into Strings.
    struct Attribute {
        var localName: String
        var namespace: Namespace
        var value: Range<Int>
    }

    let nodes: [Node]
    let attributes: [Attribute]
    /// Every attribute value, back to back, as UTF-8.
    let values: [UInt8]

    init(nodes: [Node], attributes: [Attribute], values: [UInt8]) {
        self.nodes = nodes
        self.attributes = attributes
        self.values = values
    }

    func string(_ range: Range<Int>) -> String {
        values.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Reads a plain decimal number (`120`, `-35.5`) straight from the bytes; other spellings
    /// (exponents, surrounding blanks) go through `Double(String)`.
    func number(_ range: Range<Int>) -> Double? {
        var integer: Int64 = 0, fraction: Int64 = 0, scale: Double = 1
        var negative = false, seenPoint = false, digits = 0
        for (offset, byte) in values[range].enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0: negative = true
            case UInt8(ascii: ".") where !seenPoint: seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where digits < 15:
                digits += 1
                if seenPoint {
                    fraction = fraction * 10 + Int64(byte - 48)
                    scale *= 10
                } else {
                    integer = integer * 10 + Int64(byte - 48)
                }
            default:
                return Double(string(range).trimmingASCIIWhitespace())
            }
        }
        guard digits > 0 else { return nil }
        let value = Double(integer) + Double(fraction) / scale
        return negative ? -value : value
    }

    var root: XMLElement? { nodes.isEmpty ? nil : XMLElement(tree: self, index: 0) }
}

/// A read-only view of one element of an ``XMLTree``.
struct XMLElement {
    let tree: XMLTree
    let index: Int

    var localName: String { tree.nodes[index].localName }
    var namespace: String? { tree.nodes[index].namespaceURI }
    var line: Int { tree.nodes[index].line }

    /// `prefix:localName` as written, for diagnostics ("bpmn:userTask").
    var qualifiedName: String {
        let node = tree.nodes[index]
        return node.prefix.map { "\($0):\(node.localName)" } ?? node.localName
    }

    func isElement(_ name: String, in namespace: Namespace) -> Bool {
        tree.nodes[index].namespace == namespace && tree.nodes[index].localName == name
    }

    func inNamespace(_ namespace: Namespace) -> Bool { tree.nodes[index].namespace == namespace }

    /// Child elements in document order.
    var children: Children { Children(tree: tree, first: tree.nodes[index].firstChild) }

    /// The value of an attribute without a namespace (`id`, `sourceRef`…) or with one (`camunda:assignee`).
    func attribute(_ name: String, namespace: Namespace = .none) -> String? {
        attributeRange(name, namespace: namespace).map(tree.string)
    }

    /// A numeric attribute (diagram coordinates), read without building a String.
    func number(_ name: String) -> Double? {
        attributeRange(name, namespace: .none).flatMap(tree.number)
    }

    private func attributeRange(_ name: String, namespace: Namespace) -> Range<Int>? {
        for i in tree.nodes[index].attributes {
            if tree.attributes[i].namespace == namespace, tree.attributes[i].localName == name { return tree.attributes[i].value }
        }
        return nil
    }

    /// The text and CDATA directly inside this element (whitespace-only runs before any text dropped).
    var text: String { tree.nodes[index].text }

    struct Children: Sequence {
        let tree: XMLTree
        let first: Int

        struct Iterator: IteratorProtocol {
            let tree: XMLTree
            var position: Int

            mutating func next() -> XMLElement? {
                guard position >= 0 else { return nil }
                let element = XMLElement(tree: tree, index: position)
                position = tree.nodes[position].nextSibling
                return element
            }
        }

        func makeIterator() -> Iterator { Iterator(tree: tree, position: first) }
    }
}
