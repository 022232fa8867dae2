import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// A standard loop through the runtime, on both stores: its state persists between iterations
/// and each iteration is an activity instance of its own in history.
@Suite struct StandardLoopRuntimeTests {
    @Test(arguments: TestBackend.allCases) func aReviewLoopsUntilApprovedAcrossCommands(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(ProcessTest.definitions("""
            <process id="review" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="check" />
              <userTask id="check">
                <standardLoopCharacteristics loopMaximum="5"><loopCondition>${!approved}</loopCondition></standardLoopCharacteristics>
              </userTask>
              <sequenceFlow id="f2" sourceRef="check" targetRef="done" />
              <userTask id="done" />
            </process>
            """))
        let instance = try await test.start("review")
        try await test.complete("check", in: instance, ["approved": .boolean(false)])
        try await test.complete("check", in: instance, ["approved": .boolean(false)])
        try await test.complete("check", in: instance, ["approved": .boolean(true)])
        #expect(try await test.active(in: instance) == ["done"])
        let checks = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "check"))
        #expect(checks.filter { $0.activityType == "userTask" }.count == 3, "\(checks.map(\.activityType))")
    }
}
