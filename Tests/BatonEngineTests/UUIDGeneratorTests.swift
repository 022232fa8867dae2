@testable import BatonEngine
import Foundation
import Testing

@Suite struct UUIDGeneratorTests {
    @Test func idsAreLowercaseVersion4UUIDs() throws {
        let generator = UUIDGenerator()
        var seen = Set<String>()
        for _ in 0..<1000 {
            let id = generator.next()
            // Foundation reads it back as the same UUID, so the layout and digits are right.
            let parsed = try #require(UUID(uuidString: id))
            #expect(parsed.uuidString.lowercased() == id)
            let characters = Array(id)
            #expect(characters[14] == "4", "version nibble of \(id)")
            #expect("89ab".contains(characters[19]), "variant nibble of \(id)")
            seen.insert(id)
        }
        #expect(seen.count == 1000)
    }

    @Test func formatsEachDigitInPlace() {
        #expect(UUIDGenerator.format(high: 0x0123_4567_89AB_4DEF, low: 0x8EDC_BA98_7654_3210) == "01234567-89ab-4def-8edc-ba9876543210")
    }
}
