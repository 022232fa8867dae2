@testable import BatonCore
import BatonModel
import Testing

/// A state written straight as bytes must read back as the encoder's did: byte for byte the same
/// text, whatever the state holds of what the writer writes; anything else is left to the encoder.
@Suite struct StoredStateJSONTests {
    let table = ElementTable(nodeIDs: ["start", "review", "sub", "end"], flowIDs: ["f1"])

    func encoded(_ state: InstanceState) throws -> String {
        var encoder = SortedJSONEncoder()
        encoder.userInfo[.elementTable] = table
        return try encoder.encode(state)
    }

    static func task(_ id: String, key: ElementKey, candidates: [String] = []) -> UserTaskRecord {
        UserTaskRecord(
            id: id, elementKey: key, node: 1, name: "Review", candidateUsers: [], candidateGroups: candidates, priority: 50,
            createdAt: Timestamp(millisecondsSinceEpoch: 1_780_000_000_000))
    }

    /// States as commands leave them: started, waiting at tasks (one in a subprocess), with
    /// variables in the process's scope and a local one, suspended, and ended.
    static let histories: [[InstanceEvent]] = [
        [.instanceStarted(instanceID: "i-1", businessKey: nil, parent: nil)],
        [
            .instanceStarted(instanceID: "i-2", businessKey: "plan \"gold\"", parent: ParentLink(instanceID: "p-1", elementKey: 7), startUserID: "ann"),
            .variableSet(scope: nil, name: "zeta", value: .string("z")), .variableSet(scope: nil, name: "Alpha", value: .integer(1)),
            .variableSet(scope: nil, name: "\u{00E9}t\u{00E9}", value: .double(2.5)), .variableSet(scope: nil, name: "none", value: .null),
            .elementActivated(ElementInstance(key: 1, node: 0, scope: nil, loopCounter: nil, isMultiInstanceBody: false)),
            .elementCompleted(key: 1),
            .elementActivated(ElementInstance(key: 2, node: 1, scope: nil, loopCounter: nil, isMultiInstanceBody: false)),
            .userTaskCreated(task("t-1", key: 2, candidates: ["approvers", "leads"])),
            .elementActivated(ElementInstance(key: 3, node: 2, scope: nil, loopCounter: nil, isMultiInstanceBody: false)),
            .elementActivated(ElementInstance(key: 4, node: 1, scope: 3, loopCounter: 0, isMultiInstanceBody: false)),
            .variableSet(scope: 4, name: "local", value: .boolean(false)),
            .variableSet(scope: 3, name: "when", value: .date(Timestamp(millisecondsSinceEpoch: 1_780_000_000_001))),
            .userTaskCreated(task("t-2", key: 4)),
        ],
        [.instanceStarted(instanceID: "i-3", businessKey: nil, parent: nil), .suspensionChanged(suspended: true)],
        [.instanceStarted(instanceID: "i-4", businessKey: "b", parent: nil), .variableSet(scope: nil, name: "n", value: .long(-3)), .instanceCompleted],
    ]

    @Test(arguments: histories) func aStateIsWrittenAsTheEncoderWritesIt(_ events: [InstanceEvent]) throws {
        let state = InstanceState(replaying: events, instanceID: "ignored")
        var out: [UInt8] = []
        #expect(StoredStateJSON.writeDirectly(state, table: table, into: &out))
        #expect(String(decoding: out, as: UTF8.self) == (try encoded(state)))
        #expect(try StoredStateJSON.json(state, table: table) == (try encoded(state)))
    }

    @Test func aStateWithMoreGoesThroughTheEncoder() throws {
        let started = InstanceEvent.instanceStarted(instanceID: "i-5", businessKey: nil, parent: nil)
        let waiting = InstanceEvent.elementActivated(ElementInstance(key: 1, node: 2, scope: nil, loopCounter: nil, isMultiInstanceBody: false))
        let others: [[InstanceEvent]] = [
            [started, .variableSet(scope: nil, name: "plan", value: .json(.object([.init("tier", .string("gold"))])))],
            [started, waiting, .subscriptionOpened(SubscriptionRecord(id: "s-1", elementKey: 1, node: 2, eventName: "paid", target: .catchEvent, kind: .message))],
        ]
        for events in others {
            let state = InstanceState(replaying: events, instanceID: "ignored")
            var out: [UInt8] = []
            #expect(!StoredStateJSON.writeDirectly(state, table: table, into: &out))
            #expect(out.isEmpty, "nothing is written for a state left to the encoder")
            #expect(try StoredStateJSON.json(state, table: table) == (try encoded(state)))
        }
        let lost = InstanceState(
            replaying: [started, .elementActivated(ElementInstance(key: 1, node: 9, scope: nil, loopCounter: nil, isMultiInstanceBody: false))],
            instanceID: "ignored")
        var out: [UInt8] = []
        #expect(!StoredStateJSON.writeDirectly(lost, table: table, into: &out))
        #expect(throws: EncodingError.self, "an element missing from the table fails as the encoder fails it") {
            try StoredStateJSON.json(lost, table: table)
        }
    }
}
