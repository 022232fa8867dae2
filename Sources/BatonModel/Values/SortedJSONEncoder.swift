/// Encodes `Encodable` values as compact JSON with each object's members sorted by key: the
/// JSON Foundation's `JSONEncoder` writes with `.sortedKeys` (keys in byte order rather than
/// Foundation's, so the same value always gives the same text), for the instance states and
/// events every command stores.
///
/// Foundation's encoder made a boxed encoder per value, tracked each coding path as it went and
/// asked every value whether it was a `Date`, `Data`, `URL` or `Decimal`; on the PostgreSQL
/// store that was a sixth of Baton's CPU per command. This one collects the members of each
/// container (Codable lets a caller write to one after opening another), then writes the bytes
/// with ``JSONText``'s writers, straight from what it collected; a coding path is only assembled
/// for an error.
///
/// Like Foundation's default strategies, a non-finite floating-point number is an error.
public struct SortedJSONEncoder {
    public var userInfo: [CodingUserInfoKey: Any] = [:]

    public init() {}

    public func encode<Value: Encodable>(_ value: Value) throws -> String {
        let root = NodeEncoder(userInfo: userInfo, parent: nil, key: nil)
        try value.encode(to: root)
        if case .empty = root.slot {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Expected \(Value.self) to encode a value, but it encoded none."))
        }
        var out: [UInt8] = []
        out.reserveCapacity(512)
        root.slot.write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// What an encoder or container has been given so far: containers stay open (boxes) until the
/// whole value is encoded, as Codable lets a caller write to one after opening another.
private enum Slot {
    case empty
    case value(JSONValue)
    case object(ObjectBox)
    case array(ArrayBox)

    /// A nested value that encoded nothing is an empty object, as in Foundation.
    func write(into out: inout [UInt8]) {
        switch self {
        case .empty: out.append(contentsOf: "{}".utf8)
        case .value(let value): JSONText.write(value, into: &out)
        case .object(let box): box.write(into: &out)
        case .array(let box): box.write(into: &out)
        }
    }
}

private final class ObjectBox {
    var members: [(key: String, slot: Slot)] = []

    /// Members sorted by key; a key written twice (byte for byte) keeps its last value, as
    /// Foundation's does.
    func write(into out: inout [UInt8]) {
        let order = members.count < 2 ? Array(members.indices) : members.indices.sorted { i, j in
            let order = Self.byteOrder(members[i].key, members[j].key)
            return order == 0 ? i < j : order < 0
        }
        out.append(UInt8(ascii: "{"))
        var first = true
        for (n, i) in order.enumerated() where n + 1 == order.count || Self.byteOrder(members[order[n + 1]].key, members[i].key) != 0 {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONText.writeString(members[i].key, into: &out)
            out.append(UInt8(ascii: ":"))
            members[i].slot.write(into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The byte order of two keys' UTF-8 (negative, zero or positive), compared in place: the
    /// generic `utf8.lexicographicallyPrecedes` stepped an iterator per byte.
    static func byteOrder(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for k in 0..<min(x.count, y.count) where x[k] != y[k] { return Int(x[k]) - Int(y[k]) }
                return x.count - y.count
            }
        }
    }
}

private final class ArrayBox {
    var items: [Slot] = []

    func write(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            item.write(into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}

/// The `Encoder` handed to each value that encodes itself; its result is its `slot`.
private final class NodeEncoder: Encoder {
    let userInfo: [CodingUserInfoKey: Any]
    let parent: NodeEncoder?
    let key: (any CodingKey)?
    var slot: Slot = .empty

    init(userInfo: [CodingUserInfoKey: Any], parent: NodeEncoder?, key: (any CodingKey)?) {
        self.userInfo = userInfo
        self.parent = parent
        self.key = key
    }

    /// Assembled on demand (for errors): tracking it as Foundation does cost an array per value.
    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var node: NodeEncoder? = self
        while let current = node {
            if let key = current.key { path.append(key) }
            node = current.parent
        }
        return path.reversed()
    }

    func child(_ key: any CodingKey) -> NodeEncoder { NodeEncoder(userInfo: userInfo, parent: self, key: key) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: ObjectBox
        if case .object(let existing) = slot {
            box = existing
        } else {
            box = ObjectBox()
            slot = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer(encoder: self, box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: ArrayBox
        if case .array(let existing) = slot {
            box = existing
        } else {
            box = ArrayBox()
            slot = .array(box)
        }
        return UnkeyedContainer(encoder: self, box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    /// `value` as a slot: scalars directly, anything else through an encoder of its own.
    func encode<Value: Encodable>(_ value: Value, at key: any CodingKey) throws -> Slot {
        let encoder = child(key)
        try value.encode(to: encoder)
        return encoder.slot
    }

    static func number(_ value: Double, at path: @autoclosure () -> [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: path(), debugDescription: "Expected a finite number, but got \(value); JSON has no NaN or infinity."))
        }
        return .double(value)
    }

    static func integer<Value: FixedWidthInteger>(_ value: Value, at path: @autoclosure () -> [any CodingKey]) throws -> JSONValue {
        guard let exact = Int64(exactly: value) else {
            throw EncodingError.invalidValue(value, .init(codingPath: path(), debugDescription: "Expected an integer within 64 signed bits, but got \(value)."))
        }
        return .integer(exact)
    }
}

/// A coding key for positions in an array and for `super`.
private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: NodeEncoder
    let box: ObjectBox
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func put(_ value: JSONValue, _ key: Key) { box.members.append((key.stringValue, .value(value))) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try NodeEncoder.number(value, at: codingPath + [key]), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try NodeEncoder.number(Double(value), at: codingPath + [key]), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(try NodeEncoder.integer(value, at: codingPath + [key]), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(try NodeEncoder.integer(value, at: codingPath + [key]), key) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        box.members.append((key.stringValue, try encoder.encode(value, at: key)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        box.members.append((key.stringValue, .object(nested)))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder.child(key), box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.members.append((key.stringValue, .array(nested)))
        return UnkeyedContainer(encoder: encoder.child(key), box: nested)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: IndexKey(stringValue: "super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

    private func superEncoder(named key: any CodingKey) -> any Encoder {
        let child = encoder.child(key)
        let nested = ObjectBox()
        child.slot = .object(nested)
        box.members.append((key.stringValue, .object(nested)))
        return child
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: NodeEncoder
    let box: ArrayBox
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { box.items.count }

    private var nextKey: IndexKey { IndexKey(intValue: box.items.count) }
    private func put(_ value: JSONValue) { box.items.append(.value(value)) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try NodeEncoder.number(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: Float) throws { put(try NodeEncoder.number(Double(value), at: codingPath + [nextKey])) }
    mutating func encode(_ value: Int) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(try NodeEncoder.integer(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: UInt8) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { put(try NodeEncoder.integer(value, at: codingPath + [nextKey])) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        box.items.append(try encoder.encode(value, at: nextKey))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox(), key = nextKey
        box.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder.child(key), box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayBox(), key = nextKey
        box.items.append(.array(nested))
        return UnkeyedContainer(encoder: encoder.child(key), box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let child = encoder.child(nextKey)
        let nested = ObjectBox()
        child.slot = .object(nested)
        box.items.append(.object(nested))
        return child
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func put(_ value: JSONValue) { encoder.slot = .value(value) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try NodeEncoder.number(value, at: codingPath)) }
    mutating func encode(_ value: Float) throws { put(try NodeEncoder.number(Double(value), at: codingPath)) }
    mutating func encode(_ value: Int) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(try NodeEncoder.integer(value, at: codingPath)) }
    mutating func encode(_ value: UInt8) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { put(try NodeEncoder.integer(value, at: codingPath)) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try value.encode(to: encoder)
    }
}
