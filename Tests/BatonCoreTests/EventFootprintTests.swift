import BatonCore
import Testing

/// Every instance keeps all its events (history, and enough to rebuild its state), so an event's
/// size is multiplied by dozens per instance: a new case with a large inline payload would
/// silently double the memory store's footprint. Large payloads belong in `indirect` cases.
@Suite struct EventFootprintTests {
    @Test func anEventStaysSmall() {
        #expect(MemoryLayout<InstanceEvent>.stride <= 64, "InstanceEvent is \(MemoryLayout<InstanceEvent>.stride) bytes; make the new large case indirect")
        #expect(MemoryLayout<RecordedEvent>.stride <= 72)
    }
}
