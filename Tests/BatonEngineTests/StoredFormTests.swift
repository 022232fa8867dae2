import BatonBPMN
import BatonCore
import BatonModel
import BatonTesting
import Foundation
import Testing

/// Stored states and events name elements by id, so an instance survives a reader that orders
/// elements differently; forms written before that (positions) still read.
@Suite struct StoredFormTests {
    let process: ExecutableProcess

    init() throws {
        let document = BPMNReader.read(Array(LegacyPositionalForms.bpmn.utf8), file: "legacy.bpmn")
        let definitions = try #require(document.definitions)
        process = ExecutableProcess(process: try #require(definitions.process(ElementID("legacy"))), in: definitions, definitionID: "legacy:1")
    }

    func decoder(_ table: ElementTable?) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[.elementTable] = table
        return decoder
    }

    func encoder(_ table: ElementTable?) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.userInfo[.elementTable] = table
        return encoder
    }

    func legacyState() throws -> InstanceState {
        try decoder(process.elements).decode(InstanceState.self, from: Data(LegacyPositionalForms.state.utf8))
    }

    @Test func aLegacyStateReadsWithThePositionsItWasWrittenWith() throws {
        let state = try legacyState()
        #expect(state.elements.map { process.nodes[$0.node].id.rawValue } == ["review"])
        #expect(state.tasks.map { process.nodes[$0.node].id.rawValue } == ["review"])
        #expect(state.jobs.map { process.nodes[$0.node].id.rawValue } == ["reminder"])
        #expect(state.subscriptions.map { process.nodes[$0.node].id.rawValue } == ["withdrawn"])
        #expect(state.subscriptions.map(\.target) == [.boundary(NodePosition(process.node(ElementID("withdrawn"))!))])
        #expect(state.joins.map { process.nodes[$0.gateway].id.rawValue } == ["join"])
        #expect(state.joins.flatMap(\.arrivals).map { process.flows[$0].id.rawValue } == ["direct"])
        let events = try LegacyPositionalForms.events.map { try decoder(process.elements).decode(InstanceEvent.self, from: Data($0.utf8)) }
        #expect(InstanceState(replaying: events, instanceID: state.instanceID) == state, "the legacy events replay to the legacy state")
    }

    @Test func theStoredFormNamesElementsByIdAndNoPosition() throws {
        let state = try legacyState()
        let stored = String(decoding: try encoder(process.elements).encode(state), as: UTF8.self)
        for (field, id) in [("node", "review"), ("node", "reminder"), ("node", "withdrawn"), ("gateway", "join"), ("_0", "withdrawn")] {
            #expect(stored.contains(#""\#(field)":"\#(id)""#), "\(field) names \(id)")
        }
        #expect(stored.contains(#""arrivals":["direct"]"#))
        #expect(stored.contains(#""schemaVersion":2"#))
        for field in ["node", "gateway", "_0"] {
            #expect(stored.range(of: #""\#(field)":[0-9]"#, options: .regularExpression) == nil, "no \(field) is stored as a position")
        }
        #expect(try decoder(process.elements).decode(InstanceState.self, from: Data(stored.utf8)) == state)
    }

    /// The point of ids: a definition whose elements come in another order (as a changed reader
    /// might compile it) still finds every token, wait and join of a stored instance.
    @Test func anInstanceStoredByIdReadsAgainstAnotherElementOrder() throws {
        let state = try legacyState()
        let stored = try encoder(process.elements).encode(state)
        let reordered = ElementTable(nodeIDs: process.elements.nodeIDs.reversed(), flowIDs: process.elements.flowIDs.reversed())
        let read = try decoder(reordered).decode(InstanceState.self, from: stored)
        #expect(read.elements.map { reordered.nodeIDs[$0.node] } == ["review"])
        #expect(read.jobs.map { reordered.nodeIDs[$0.node] } == ["reminder"])
        #expect(read.joins.flatMap { [reordered.nodeIDs[$0.gateway]] + $0.arrivals.map { reordered.flowIDs[$0] } } == ["join", "direct"])
    }

    @Test func anIdTheDefinitionLacksOrAMissingTableIsAClearError() throws {
        let stored = try encoder(process.elements).encode(try legacyState())
        let other = ElementTable(nodeIDs: ["start"], flowIDs: [])
        #expect {
            try decoder(other).decode(InstanceState.self, from: stored)
        } throws: { "\($0)".contains("Expected flow node 'review' in the instance's definition") }
        #expect(throws: EncodingError.self) { try encoder(nil).encode(try legacyState()) }
    }
}
