import BatonBPMN
import BatonModel
import Testing

/// Every file in `processes/invalid/` declares, in `<!-- expect: … -->` comments, the diagnostics
/// it must produce. Errors must match exactly (no missing, no extra); declared warnings must appear.
@Suite struct InvalidFixtureTests {
    struct Expectation: Hashable, CustomStringConvertible {
        var severity: String
        var code: String
        var line: Int
        var element: String?
        var description: String { "\(severity) \(code) line \(line)\(element.map { " element \($0)" } ?? "")" }
    }

    static let files: [String] = (try? Fixtures.files(in: "processes/invalid")) ?? []

    static func expectations(in text: String) -> [Expectation] {
        let pattern = /expect: (error|warning) (BPMN-[EW]\d+) line (\d+)(?: element (\S+))?/
        return text.matches(of: pattern).map {
            Expectation(severity: String($0.1), code: String($0.2), line: Int($0.3)!, element: $0.4.map(String.init))
        }
    }

    @Test func everyKindOfBlockingErrorHasAFixture() {
        #expect(Self.files.count >= 14)
    }

    @Test(arguments: files)
    func producesExactlyTheDeclaredDiagnostics(file: String) throws {
        let bytes = try Fixtures.bytes(file)
        let expected = Self.expectations(in: String(decoding: bytes, as: UTF8.self))
        #expect(!expected.isEmpty, "\(file) declares no expected diagnostics")
        let document = BPMNReader.read(bytes, file: file)
        let actual = document.diagnostics.map {
            Expectation(severity: $0.severity.rawValue, code: $0.code.identifier, line: $0.location.line, element: $0.elementID?.rawValue)
        }
        let expectedErrors = expected.filter { $0.severity == "error" }.sorted { $0.description < $1.description }
        let actualErrors = actual.filter { $0.severity == "error" }.sorted { $0.description < $1.description }
        #expect(actualErrors == expectedErrors, "\(file):\n\(document.diagnostics.map(\.description).joined(separator: "\n"))")
        for warning in expected where warning.severity == "warning" {
            #expect(actual.contains(warning), "\(file): missing \(warning)")
        }
        #expect(!document.isDeployable)
    }

    @Test func misspelledReferencesGetASuggestion() throws {
        let document = try Fixtures.read("processes/invalid/unknown-flow-target.bpmn")
        let diagnostic = try #require(document.diagnostics.first { $0.code == .unknownFlowEndpoint })
        #expect(diagnostic.notes == ["did you mean 'ApproveInvoice'?"])
        #expect(diagnostic.attribute == "targetRef")
        #expect(diagnostic.elementTag == "bpmn:sequenceFlow")
        #expect(diagnostic.location.column == 5)
        #expect(
            diagnostic.description.hasPrefix(
                "processes/invalid/unknown-flow-target.bpmn:15:5: error: [BPMN-E012] Expected the targetRef of sequence flow 'Flow_2' to name a flow node of process 'invoice', but 'ApproveInvioce' does not exist. (element 'Flow_2')"))
    }

    @Test func syntaxErrorsNameTheAttributeAndPosition() throws {
        let document = try Fixtures.read("processes/invalid/expression-errors.bpmn")
        let assignee = try #require(document.diagnostics.first { $0.elementID == "Review" })
        #expect(assignee.attribute == "camunda:assignee")
        #expect(assignee.message.contains("'${submittedBy' does not parse at character 14"))
    }

    @Test func malformedXMLReportsLibxml2sLineAndColumn() throws {
        let document = try Fixtures.read("processes/invalid/malformed-xml.bpmn")
        #expect(document.definitions == nil)
        let first = try #require(document.diagnostics.first)
        #expect(first.location.line == 9)
        #expect(first.location.column == 18)
        #expect(first.message.contains("opening and ending tag mismatch: startEvent line"))
    }
}
