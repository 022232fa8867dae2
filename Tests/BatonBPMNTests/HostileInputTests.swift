import BatonBPMN
import BatonModel
import Testing

/// Input from outside is untrusted: nothing a file contains may crash, hang, fetch or leak.
@Suite struct HostileInputTests {
    @Test func externalEntitiesAreNeverRead() throws {
        let document = try Fixtures.read("processes/invalid/external-entity.bpmn")
        #expect(document.definitions == nil)
        #expect(document.diagnostics.map(\.code) == [.documentTypeForbidden])
        // Nothing from /etc/passwd may surface anywhere.
        #expect(!document.diagnostics.contains { $0.description.contains("root:") })
    }

    @Test func externalDTDsAreNeitherFetchedNorAccepted() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions SYSTEM "http://127.0.0.1:9/evil.dtd">
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" isExecutable="true"/></definitions>
            """
        let document = Fixtures.read(xml: xml)
        #expect(document.definitions == nil)
        #expect(document.diagnostics.map(\.code) == [.documentTypeForbidden])
    }

    @Test func billionLaughsIsRefusedBeforeExpansion() throws {
        // Fully expanded, this file is 10^9 copies of "lol"; refusing the DOCTYPE stops the
        // parser before any entity is declared, so this returns at once instead of exhausting memory.
        let document = try Fixtures.read("processes/invalid/billion-laughs.bpmn")
        #expect(document.definitions == nil)
        #expect(document.diagnostics.map(\.code) == [.documentTypeForbidden])
    }

    @Test func oversizedFilesAreRefusedWithoutParsing() throws {
        let head = Array(#"<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><!--"#.utf8)
        let tail = Array("--></definitions>".utf8)
        let padding = [UInt8](repeating: 0x20, count: 20 << 20)
        let document = BPMNReader.read(head + padding + tail, file: "huge.bpmn")
        #expect(document.definitions == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.code == .fileTooLarge)
        #expect(diagnostic.message == "Expected a BPMN file of at most 16 MiB, but it is 20.0 MiB.")
    }

    @Test func theSizeLimitIsConfigurable() throws {
        let bytes = try Fixtures.bytes("processes/benefit-approval.bpmn")
        let refused = BPMNReader.read(bytes, file: "b.bpmn", options: BPMNReadOptions(maximumFileSize: 1024))
        #expect(refused.diagnostics.map(\.code) == [.fileTooLarge])
        let accepted = BPMNReader.read(bytes, file: "b.bpmn", options: BPMNReadOptions(maximumFileSize: bytes.count))
        #expect(accepted.isDeployable)
    }

    private func nestedSubprocesses(_ depth: Int) -> String {
        var xml = #"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" isExecutable="true">"#
        for level in 0..<depth { xml += #"<subProcess id="s\#(level)">"# }
        xml += String(repeating: "</subProcess>", count: depth)
        return xml + "</process></definitions>"
    }

    @Test func excessiveNestingIsRefusedByLibxml2() throws {
        let document = Fixtures.read(xml: nestedSubprocesses(10_000))
        #expect(document.definitions == nil)
        #expect(document.diagnostics.map(\.code) == [.nestingTooDeep])
        #expect(document.diagnostics.first?.message == "Expected elements to nest at most 256 levels deep, but this file nests deeper; it is refused.")
    }

    @Test func aLowerDepthLimitCanBeConfigured() {
        let document = BPMNReader.read(Array(nestedSubprocesses(40).utf8), file: "deep.bpmn", options: BPMNReadOptions(maximumDepth: 20))
        #expect(document.diagnostics.contains { $0.code == .nestingTooDeep })
    }

    @Test func emptyAndBinaryInputAreDiagnosed() {
        #expect(BPMNReader.read([], file: "empty.bpmn").diagnostics.map(\.code) == [.malformedXML])
        let binary = BPMNReader.read([0x00, 0xFF, 0xFE, 0x00, 0x01, 0x02], file: "binary.bpmn")
        #expect(binary.definitions == nil)
        #expect(binary.diagnostics.hasErrors)
    }

    /// Every prefix of every shipped and fixture file reads without crashing, and each read is
    /// consistent: either no model, or diagnostics that point inside the file.
    @Test func truncatedFilesNeverCrash() throws {
        let files = ["processes/benefit-approval.bpmn"] + (try Fixtures.files(in: "processes/fixtures"))
        var reads = 0
        for file in files {
            let bytes = try Fixtures.bytes(file)
            for length in stride(from: 0, to: bytes.count, by: 13) {
                let document = BPMNReader.read(Array(bytes[..<length]), file: file)
                checkInvariants(document)
                reads += 1
            }
        }
        #expect(reads > 1000)
    }

    /// Thousands of seeded random mutations (flipped bytes, deleted and duplicated ranges,
    /// injected markup and expression fragments) never crash the reader. Seeded, so a failure
    /// reproduces.
    @Test func randomlyMutatedFilesNeverCrash() throws {
        let corpus = try (["processes/benefit-approval.bpmn"] + Fixtures.files(in: "processes/fixtures")).map(Fixtures.bytes)
        let fragments: [[UInt8]] = [
            "<", ">", "/>", "&", "&amp;", "\"", "'", "${", "}", "]]>", "<![CDATA[", "<!--", "-->", "\u{0}",
            "<bpmn:task id=\"x\">", "</bpmn:process>", "<bpmn:sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"b\"/>",
            "${a ? b :", "R/P", "xmlns:bpmn=\"urn:x\"", "\u{FEFF}", "é", "<?xml version=\"1.0\"?>",
        ].map { Array($0.utf8) }
        var random = SplitMix64(seed: 0xBA70_2026)
        for _ in 0..<4000 {
            var bytes = corpus[Int(random.next() % UInt64(corpus.count))]
            for _ in 0..<(1 + random.next() % 6) where !bytes.isEmpty {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 4 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.removeSubrange(position..<min(bytes.count, position + Int(random.next() % 64)))
                case 2:
                    let end = min(bytes.count, position + Int(random.next() % 128))
                    bytes.insert(contentsOf: bytes[position..<end], at: position)
                default: bytes.insert(contentsOf: fragments[Int(random.next() % UInt64(fragments.count))], at: position)
                }
            }
            checkInvariants(BPMNReader.read(bytes, file: "mutated.bpmn"))
        }
    }

    @Test func readingIsDeterministic() throws {
        let bytes = try Fixtures.bytes("processes/invalid/unsupported-elements.bpmn")
        let first = BPMNReader.read(bytes, file: "f.bpmn")
        let second = BPMNReader.read(bytes, file: "f.bpmn")
        #expect(first.diagnostics == second.diagnostics)
        #expect(first.definitions == second.definitions)
    }

    private func checkInvariants(_ document: BPMNDocument) {
        for diagnostic in document.diagnostics {
            #expect(diagnostic.location.line >= 1)
            #expect(!diagnostic.message.isEmpty)
        }
        if document.definitions == nil {
            #expect(document.diagnostics.hasErrors, "a file without a model must say why")
        }
        // A model without errors is one the executor can trust: every flow connects known nodes.
        if let definitions = document.definitions, !document.diagnostics.hasErrors {
            for process in definitions.processes {
                for flow in process.sequenceFlows {
                    #expect(process.node(flow.source) != nil && process.node(flow.target) != nil)
                }
            }
        }
    }
}

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64) for reproducible fuzzing.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
