import BatonCore
import BatonModel
import Testing

/// BPMN 2.0's standard loop (`standardLoopCharacteristics`), which Camunda 7 refuses: the
/// activity runs again while its loop condition holds (do-while, or while-do with
/// `testBefore`), at most `loopMaximum` times, with `loopCounter` in each iteration.
@Suite struct StandardLoopTests {
    static func model(_ loop: String, task: String = #"<scriptTask id="work" scriptFormat="juel" camunda:resultVariable="count"><script>${count + 1}</script>"#) -> String {
        bpmn(#"""
            <startEvent id="s" />
            \#(task)
              \#(loop)
            </\#(task.hasPrefix("<scriptTask") ? "scriptTask" : "userTask")>
            <userTask id="after" />
            """# + flows("s->work", "work->after"))
    }

    @Test func aDoWhileLoopRunsUntilItsConditionFails() throws {
        var scenario = try CoreScenario(Self.model(#"<standardLoopCharacteristics><loopCondition>${count &lt; 3}</loopCondition></standardLoopCharacteristics>"#))
        try scenario.start(["count": .integer(0)])
        #expect(scenario.waiting == ["after"])
        #expect(scenario.variable("count") == .long(3) || scenario.variable("count") == .integer(3), "three iterations: \(String(describing: scenario.variable("count")))")

        var once = try CoreScenario(Self.model(#"<standardLoopCharacteristics><loopCondition>${count &lt; 3}</loopCondition></standardLoopCharacteristics>"#))
        try once.start(["count": .integer(10)])
        #expect(once.variable("count").map(ExpressionEvaluator.text) == "11", "do-while runs once before it tests")
    }

    @Test func testBeforeMakesItAWhileLoopThatMayNotRunAtAll() throws {
        var scenario = try CoreScenario(Self.model(#"<standardLoopCharacteristics testBefore="true"><loopCondition>${count &lt; 3}</loopCondition></standardLoopCharacteristics>"#))
        try scenario.start(["count": .integer(10)])
        #expect(scenario.waiting == ["after"])
        #expect(scenario.variable("count") == .integer(10), "no iteration")
    }

    @Test func loopMaximumEndsALoopWhoseConditionStillHolds() throws {
        var scenario = try CoreScenario(Self.model(#"<standardLoopCharacteristics loopMaximum="2"><loopCondition>${true}</loopCondition></standardLoopCharacteristics>"#))
        try scenario.start(["count": .integer(0)])
        #expect(scenario.variable("count").map(ExpressionEvaluator.text) == "2")
        #expect(scenario.waiting == ["after"])
    }

    @Test func aUserTaskLoopsUntilItIsDoneWithItsLoopCounter() throws {
        var scenario = try CoreScenario(Self.model(
            #"<standardLoopCharacteristics><loopCondition>${!done}</loopCondition></standardLoopCharacteristics>"#, task: #"<userTask id="work">"#))
        try scenario.start()
        let first = try #require(scenario.task("work"))
        #expect(scenario.state.variable("loopCounter", from: first.elementKey) == .integer(0))
        try scenario.completeTask("work", ["done": .boolean(false)])
        let second = try #require(scenario.task("work"))
        #expect(scenario.state.variable("loopCounter", from: second.elementKey) == .integer(1))
        try scenario.completeTask("work", ["done": .boolean(true)])
        #expect(scenario.waiting == ["after"])
    }

    @Test func aConditionThatIsNotABooleanFailsTheCommand() throws {
        var scenario = try CoreScenario(Self.model(#"<standardLoopCharacteristics><loopCondition>${count}</loopCondition></standardLoopCharacteristics>"#))
        #expect(throws: Rejection.self) { try scenario.start(["count": .integer(0)]) }
    }
}
