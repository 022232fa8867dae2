import BatonModel

/// The element ids of a definition's nodes and flows, by position.
///
/// The executor addresses nodes and flows by their position in ``ExecutableProcess`` (no hashing
/// while it runs), but a position is only as stable as the reader's ordering: stored states and
/// events name elements by id instead, so a definition compiled by another Baton version still
/// finds its instances' tokens. Encoders and decoders of states and events carry the table of the
/// instance's definition in their `userInfo` under ``CodingUserInfoKey/elementTable``.
public final class ElementTable: Sendable {
    public let nodeIDs: [String]
    public let flowIDs: [String]
    private let nodePositions: [String: Int]
    private let flowPositions: [String: Int]

    public init(nodeIDs: [String], flowIDs: [String]) {
        self.nodeIDs = nodeIDs
        self.flowIDs = flowIDs
        // First occurrence wins, as in the executable's own index.
        nodePositions = Dictionary(nodeIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        flowPositions = Dictionary(flowIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func node(_ id: String) -> Int? { nodePositions[id] }
    public func flow(_ id: String) -> Int? { flowPositions[id] }
}

extension CodingUserInfoKey {
    /// The ``ElementTable`` that stored states and events are written against.
    public static let elementTable = CodingUserInfoKey(rawValue: "baton.elementTable")!
}

/// Which of a table's two lists a stored position refers to.
public enum ElementKind: Sendable {
    case node, flow

    var noun: String { self == .node ? "flow node" : "sequence flow" }

    func id(at position: Int, in table: ElementTable) -> String? {
        let ids = self == .node ? table.nodeIDs : table.flowIDs
        return ids.indices.contains(position) ? ids[position] : nil
    }

    func position(of id: String, in table: ElementTable) -> Int? { self == .node ? table.node(id) : table.flow(id) }

    func encode(_ position: Int, to encoder: any Encoder) throws {
        guard let table = encoder.userInfo[.elementTable] as? ElementTable else {
            throw EncodingError.invalidValue(
                position, .init(codingPath: encoder.codingPath, debugDescription: "Expected an element table to store \(noun) \(position) by id, but the encoder has none."))
        }
        guard let id = id(at: position, in: table) else {
            throw EncodingError.invalidValue(
                position, .init(codingPath: encoder.codingPath, debugDescription: "Expected \(noun) position \(position) to exist in the definition, but it does not."))
        }
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }

    /// An element id, or a bare position as Baton wrote before schema version 2 (read as the
    /// reader ordered elements then, which is how it orders them now; the read-model rebuild
    /// rewrites such forms with ids).
    func decode(from decoder: any Decoder) throws -> Int {
        let container = try decoder.singleValueContainer()
        if let legacy = try? container.decode(Int.self) { return legacy }
        let id = try container.decode(String.self)
        guard let table = decoder.userInfo[.elementTable] as? ElementTable else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected an element table to read \(noun) '\(id)', but the decoder has none.")
        }
        guard let position = position(of: id, in: table) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected \(noun) '\(id)' in the instance's definition, but the definition has no such element.")
        }
        return position
    }
}

/// Which of an ``ElementTable``'s lists a stored position refers to.
public protocol ElementPositionKind: Sendable {
    static var elements: ElementKind { get }
}

public enum FlowNodes: ElementPositionKind { public static let elements = ElementKind.node }
public enum SequenceFlows: ElementPositionKind { public static let elements = ElementKind.flow }

/// A flow node's (or sequence flow's) position, stored as its element id.
@propertyWrapper
public struct ElementPosition<Kind: ElementPositionKind>: Hashable, Sendable, Codable {
    public var wrappedValue: Int

    public init(wrappedValue: Int) { self.wrappedValue = wrappedValue }
    public init(_ position: Int) { wrappedValue = position }
    public init(from decoder: any Decoder) throws { wrappedValue = try Kind.elements.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try Kind.elements.encode(wrappedValue, to: encoder) }
}

public typealias NodePosition = ElementPosition<FlowNodes>
public typealias FlowPosition = ElementPosition<SequenceFlows>

/// Sequence flows' positions, stored as their element ids.
@propertyWrapper
public struct FlowPositions: Hashable, Sendable, Codable {
    public var wrappedValue: [Int]

    public init(wrappedValue: [Int]) { self.wrappedValue = wrappedValue }
    public init(from decoder: any Decoder) throws { wrappedValue = try [FlowPosition](from: decoder).map(\.wrappedValue) }
    public func encode(to encoder: any Encoder) throws { try wrappedValue.map { FlowPosition($0) }.encode(to: encoder) }
}
