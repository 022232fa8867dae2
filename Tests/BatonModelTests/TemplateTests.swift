import BatonModel
import Testing

@Suite struct TemplateTests {
    struct Variables: VariableScope {
        var values: [String: VariableValue]
        func variable(named name: String) -> VariableValue? { values[name] }
    }

    @Test func literalTextIsItsOwnValue() throws {
        let template = try Template(parsing: "plan-approvers")
        #expect(template.isLiteral)
        #expect(try ExpressionEvaluator.evaluate(template, in: Variables(values: [:])) == .string("plan-approvers"))
    }

    @Test func aLoneExpressionKeepsItsType() throws {
        let template = try Template(parsing: "  ${count} ")
        #expect(try ExpressionEvaluator.evaluate(template, in: Variables(values: ["count": .integer(3)])) == .integer(3))
    }

    @Test func mixedTextRendersAsString() throws {
        let template = try Template(parsing: "user-${id}-#{suffix}")
        let scope = Variables(values: ["id": .long(42), "suffix": .string("x")])
        #expect(try ExpressionEvaluator.evaluate(template, in: scope) == .string("user-42-x"))
    }

    @Test func bracesInsideStringsDoNotCloseTheExpression() throws {
        let template = try Template(parsing: "${'}' == brace}")
        #expect(try ExpressionEvaluator.evaluate(template, in: Variables(values: ["brace": .string("}")])) == .boolean(true))
    }

    @Test func escapedDollarStaysLiteral() throws {
        let template = try Template(parsing: "costs \\${price}")
        #expect(template.isLiteral)
        #expect(template.segments == [.text("costs ${price}")])
    }
}
