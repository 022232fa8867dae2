import BatonModel
import Testing

@Suite struct ExpressionEvaluatorTests {
    struct Variables: VariableScope {
        var values: [String: VariableValue]
        func variable(named name: String) -> VariableValue? { values[name] }
    }

    private let scope = Variables(values: [
        "approved": .boolean(true),
        "amount": .integer(750),
        "limit": .long(1000),
        "rate": .double(0.5),
        "name": .string("Gold"),
        "numeric": .string("12"),
        "nothing": .null,
        "plan": .json(.object([.init("tier", .string("gold")), .init("codes", .array([.string("A"), .string("B")]))])),
        "due": .date(Timestamp(iso8601: "2026-12-01T00:00:00Z")!),
        "later": .date(Timestamp(iso8601: "2026-12-02T00:00:00Z")!),
    ])

    private func evaluate(_ text: String) throws -> VariableValue {
        try ExpressionEvaluator.evaluate(try Template(parsing: text), in: scope)
    }

    @Test func conditionsFromCamundaModelsKeepTheirMeaning() throws {
        #expect(try evaluate("${approved && amount < limit}") == .boolean(true))
        #expect(try evaluate("${approved == true}") == .boolean(true))
        #expect(try evaluate("${approved == 'true'}") == .boolean(true))  // EL coerces to Boolean
        #expect(try evaluate("${!approved or amount ge 1000}") == .boolean(false))
        #expect(try evaluate("${name == 'Gold'}") == .boolean(true))
        #expect(try evaluate("${numeric == 12}") == .boolean(true))  // EL coerces the String to a number
        #expect(try evaluate("${due < later}") == .boolean(true))
    }

    @Test func arithmeticFollowsEL() throws {
        #expect(try evaluate("${amount + limit}") == .long(1750))
        #expect(try evaluate("${amount * rate}") == .double(375))
        #expect(try evaluate("${limit / 8}") == .double(125))  // '/' is always decimal in EL
        #expect(try evaluate("${limit % 7}") == .long(6))
        #expect(try evaluate("${-amount}") == .long(-750))
        #expect(try evaluate("${nothing + 1}") == .long(1))  // null counts as 0
        #expect(try evaluate("${'2.5' * 2}") == .double(5))
    }

    @Test func nullAndEmpty() throws {
        #expect(try evaluate("${empty nothing}") == .boolean(true))
        #expect(try evaluate("${empty name}") == .boolean(false))
        #expect(try evaluate("${nothing == null}") == .boolean(true))
        #expect(try evaluate("${nothing < 1}") == .boolean(false))
        #expect(try evaluate("${nothing.anything}") == .null)
    }

    @Test func jsonValuesCanBeNavigated() throws {
        #expect(try evaluate("${plan.tier}") == .string("gold"))
        #expect(try evaluate("${plan.codes[1]}") == .string("B"))
        #expect(try evaluate("${plan['tier']}") == .string("gold"))
        #expect(try evaluate("${plan.codes[5]}") == .null)
        #expect(try evaluate("${plan.codes.size()}") == .integer(2))
        #expect(try evaluate("${plan.codes.contains('A')}") == .boolean(true))
        #expect(try evaluate("${plan.missing}") == .null)
    }

    @Test func executionGetVariableReadsOptionalVariables() throws {
        #expect(try evaluate("${execution.getVariable('absent') == null ? 'P3D' : 'other'}") == .string("P3D"))
        #expect(try evaluate("${execution.getVariable('name')}") == .string("Gold"))
        #expect(try evaluate("${execution.hasVariable('name')}") == .boolean(true))
    }

    @Test func conditionalEvaluatesOnlyTheChosenBranch() throws {
        #expect(try evaluate("${approved ? 'yes' : undefinedVariable}") == .string("yes"))
        #expect(try evaluate("${false && undefinedVariable}") == .boolean(false))
        #expect(try evaluate("${true || undefinedVariable}") == .boolean(true))
    }

    @Test func failuresAreClearErrors() throws {
        #expect(throws: ExpressionEvaluationError("Unknown property used in expression: cannot resolve identifier 'missing'")) {
            try evaluate("${missing}")
        }
        #expect(throws: ExpressionEvaluationError("Division by zero")) { try evaluate("${amount / 0}") }
        #expect(throws: ExpressionEvaluationError("Cannot coerce the String 'Gold' to a number")) { try evaluate("${name + 1}") }
        #expect(throws: ExpressionEvaluationError.self) { try evaluate("${approved < name}") }
        #expect(throws: ExpressionEvaluationError("'now()' has no clock to read here")) { try evaluate("${now()}") }
        #expect(throws: ExpressionEvaluationError("Unknown function 'today'")) { try evaluate("${today()}") }
    }

    @Test func conditionsMustBeBoolean() throws {
        let expression = try #require(try Template(parsing: "${amount}").singleExpression)
        #expect(throws: ExpressionEvaluationError("Expected the condition to evaluate to a Boolean, but it evaluated to a Integer")) {
            try ExpressionEvaluator.evaluateCondition(expression, in: scope)
        }
    }

    @Test func integerOverflowWrapsAsJavaLongDoes() throws {
        let big = Variables(values: ["max": .long(.max)])
        #expect(try ExpressionEvaluator.evaluate(try Template(parsing: "${max + 1}"), in: big) == .long(.min))
        let minimum = Variables(values: ["min": .long(.min)])
        #expect(try ExpressionEvaluator.evaluate(try Template(parsing: "${min % -1}"), in: minimum) == .long(0))
    }
}
