@testable import BatonCore
import BatonModel
import Testing

/// The events written straight as bytes must read back as the encoder's did: byte for byte the
/// same text, for every case written directly and every shape of its optional members.
@Suite struct StoredEventJSONTests {
    let table = ElementTable(nodeIDs: ["start", "Task \"review\"", "end"], flowIDs: ["f1", "fl\u{00F6}w-2"])

    func encoded(_ value: some Encodable) throws -> String {
        var encoder = SortedJSONEncoder()
        encoder.userInfo[.elementTable] = table
        return try encoder.encode(value)
    }

    static let direct: [InstanceEvent] = [
        .elementActivated(ElementInstance(key: 1, node: 0, scope: nil, loopCounter: nil, isMultiInstanceBody: false)),
        .elementActivated(ElementInstance(key: 12, node: 1, scope: 3, loopCounter: 0, isMultiInstanceBody: false)),
        .elementActivated(ElementInstance(key: .max, node: 2, scope: 4, loopCounter: nil, isMultiInstanceBody: true, compensating: 9)),
        .elementCompleted(key: 7), .elementTerminated(key: 1_000_000_000_007),
        .sequenceFlowTaken(flow: FlowPosition(0), scope: nil), .sequenceFlowTaken(flow: FlowPosition(1), scope: 5),
        .instanceStarted(instanceID: "i-1", businessKey: nil, parent: nil),
        .instanceStarted(
            instanceID: "i-2", businessKey: "plan \"gold\"\n\u{1F600}\\", parent: ParentLink(instanceID: "p-1", elementKey: 3), startUserID: "ann"),
        .userTaskCompleted(taskID: "t-1", by: nil), .userTaskCompleted(taskID: "t-2", by: "bob"),
        .userTaskCanceled(taskID: "t-3"), .jobCompleted(jobID: "j-1"), .jobCanceled(jobID: "j-2"),
        .subscriptionClosed(subscriptionID: "s-1"),
        .variableRemoved(scope: nil, name: "amount"), .variableRemoved(scope: 8, name: "\u{0007}bell"),
        .instanceCompleted,
        .userTaskCreated(UserTaskRecord(
            id: "t-1", elementKey: 4, node: 1, candidateUsers: [], candidateGroups: [], priority: 50, createdAt: Timestamp(millisecondsSinceEpoch: 0))),
        .userTaskCreated(UserTaskRecord(
            id: "t-2", elementKey: 5, node: 1, name: "Review \"gold\"", assignee: "ann", candidateUsers: ["bob", "c\u{00E9}cile"],
            candidateGroups: ["approvers"], dueDate: Timestamp(millisecondsSinceEpoch: 1_790_000_000_123),
            followUpDate: Timestamp(millisecondsSinceEpoch: -5), priority: 0, formKey: "embedded:app:forms/review.html",
            description: "line 1\nline 2", createdAt: Timestamp(millisecondsSinceEpoch: 1_780_000_000_000), owner: "olga", delegationState: .pending)),
        .variableSet(scope: nil, name: "note", value: .string("a \"quoted\" \u{1F4C4}")),
        .variableSet(scope: 3, name: "approved", value: .boolean(true)), .variableSet(scope: nil, name: "n", value: .integer(-7)),
        .variableSet(scope: nil, name: "big", value: .long(.min)), .variableSet(scope: nil, name: "rate", value: .double(0.1)),
        .variableSet(scope: nil, name: "whole", value: .double(3)), .variableSet(scope: nil, name: "nothing", value: .null),
        .variableSet(scope: nil, name: "when", value: .date(Timestamp(millisecondsSinceEpoch: 1_780_000_000_042))),
    ]

    @Test(arguments: direct) func aCommonEventIsWrittenAsTheEncoderWritesIt(_ event: InstanceEvent) throws {
        var out: [UInt8] = []
        #expect(StoredEventJSON.writeDirectly(event, table: table, into: &out), "\(event) has a direct form")
        #expect(String(decoding: out, as: UTF8.self) == (try encoded(event)))
    }

    @Test func otherEventsGoThroughTheEncoderAndAnArrayMixesBoth() throws {
        let others: [InstanceEvent] = [
            .variableSet(scope: nil, name: "plan", value: .json(.object([.init("tier", .string("gold"))]))),
            .variableSet(scope: nil, name: "rate", value: .double(.nan)),
            .userTaskAssigned(taskID: "t-1", assignee: "ann"),
            .instanceTerminated(reason: "operator"),
        ]
        for event in others {
            var out: [UInt8] = []
            #expect(!StoredEventJSON.writeDirectly(event, table: table, into: &out))
            #expect(out.isEmpty, "nothing is written for an event left to the encoder")
        }
        let encodable = others.filter { if case .variableSet(_, _, .double(let number)) = $0 { number.isFinite } else { true } }
        let mixed = Array(Self.direct.prefix(3)) + encodable + Array(Self.direct.suffix(3))
        #expect(try StoredEventJSON.array(mixed, table: table) == (try encoded(mixed)))
        #expect(try StoredEventJSON.array([], table: table) == "[]")
        #expect(try StoredEventJSON.single(others[0], table: table) == (try encoded(others[0])))
        #expect(throws: EncodingError.self, "a NaN fails as the encoder fails it") { try StoredEventJSON.array([others[1]], table: table) }
    }

    @Test func anElementMissingFromTheTableFailsAsTheEncoderFails() throws {
        let unknownNode = InstanceEvent.elementActivated(ElementInstance(key: 1, node: 3, scope: nil, loopCounter: nil, isMultiInstanceBody: false))
        let unknownFlow = InstanceEvent.sequenceFlowTaken(flow: FlowPosition(2), scope: nil)
        for event in [unknownNode, unknownFlow] {
            var out: [UInt8] = []
            #expect(!StoredEventJSON.writeDirectly(event, table: table, into: &out))
            #expect(out.isEmpty)
            #expect(throws: EncodingError.self) { try StoredEventJSON.array([.instanceCompleted, event], table: table) }
        }
    }
}
