import BatonModel
import Testing

@Suite struct ExpressionParserTests {
    private func parse(_ text: String) throws -> Expression {
        let template = try Template(parsing: text)
        return try #require(template.singleExpression)
    }

    @Test func readsIdentifiersMembersAndLiterals() throws {
        #expect(try parse("${approved}") == .identifier("approved"))
        #expect(try parse("${plan.meta.versionId}") == .member(.member(.identifier("plan"), "meta"), "versionId"))
        #expect(try parse("${items[0]}") == .index(.identifier("items"), .literal(.long(0))))
        #expect(try parse("${\"text\"}") == .literal(.string("text")))
        #expect(try parse("${1.5}") == .literal(.double(1.5)))
        #expect(try parse("${null}") == .literal(.null))
    }

    @Test func multiplicationBindsTighterThanAdditionAndComparison() throws {
        #expect(
            try parse("${a + b * 2 > 10}")
                == .binary(
                    .greater, .binary(.add, .identifier("a"), .binary(.multiply, .identifier("b"), .literal(.long(2)))),
                    .literal(.long(10))))
    }

    @Test func wordOperatorsMeanTheSameAsSymbols() throws {
        #expect(try parse("${a eq b and not c}") == parse("${a == b && !c}"))
        #expect(try parse("${a lt b or a ge c}") == parse("${a < b || a >= c}"))
        #expect(try parse("${a div b mod c}") == parse("${a / b % c}"))
    }

    @Test func readsConditionalsAndEmpty() throws {
        #expect(
            try parse("${empty comment ? 'none' : comment}")
                == .conditional(.unary(.empty, .identifier("comment")), then: .literal(.string("none")), else: .identifier("comment")))
    }

    @Test func readsMethodCalls() throws {
        #expect(
            try parse("${execution.getVariable('x')}")
                == .call(target: .identifier("execution"), name: "getVariable", arguments: [.literal(.string("x"))]))
    }

    @Test(arguments: [
        ("${a +}", 5),
        ("${a == }", 7),
        ("${(a}", 4),
        ("${a b}", 4),
        ("${'open}", 2),
        ("${}", 2),
        ("${a = b}", 4),
        ("${a", 3),
    ])
    func reportsWhereTheSyntaxBreaks(text: String, offset: Int) {
        #expect(throws: ExpressionSyntaxError.self) { try Template(parsing: text) }
        do {
            _ = try Template(parsing: text)
        } catch {
            #expect(error.offset == offset, "\(text): \(error.message)")
        }
    }

    @Test func deeplyNestedInputIsRefusedNotOverflowed() {
        let text = "${" + String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000) + "}"
        #expect(throws: ExpressionSyntaxError.self) { try Template(parsing: text) }
        let negations = "${" + String(repeating: "!", count: 10_000) + "a}"
        #expect(throws: ExpressionSyntaxError.self) { try Template(parsing: negations) }
    }
}
