import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// `Runtime.activityInstanceTree`, as Camunda's RuntimeService.getActivityInstance answers: the
/// process instance at the root (its activity the process definition), element instances nested
/// by scope, a multi-instance body holding its inner instances, and an element waiting in an
/// asynchronous continuation as a transition instance (#13).
@Suite struct ActivityInstanceTreeTests {
    static let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="tree" name="Tree" isExecutable="true">
          <startEvent id="start" />
          <parallelGateway id="fork" />
          <subProcess id="stage" name="Stage">
            <startEvent id="innerStart" /><userTask id="review" name="Review" /><endEvent id="innerEnd" />
            <sequenceFlow id="i1" sourceRef="innerStart" targetRef="review" /><sequenceFlow id="i2" sourceRef="review" targetRef="innerEnd" />
          </subProcess>
          <userTask id="sign">
            <multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
          </userTask>
          <serviceTask id="archive" camunda:asyncAfter="true" camunda:delegateExpression="${archive}" />
          <endEvent id="end1" /><endEvent id="end2" /><endEvent id="end3" />
          <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
          <sequenceFlow id="f2" sourceRef="fork" targetRef="stage" /><sequenceFlow id="f3" sourceRef="stage" targetRef="end1" />
          <sequenceFlow id="f4" sourceRef="fork" targetRef="sign" /><sequenceFlow id="f5" sourceRef="sign" targetRef="end2" />
          <sequenceFlow id="f6" sourceRef="fork" targetRef="archive" /><sequenceFlow id="f7" sourceRef="archive" targetRef="end3" />
        </process>
        </definitions>
        """

    @Test(arguments: TestBackend.allCases) func theTreeNestsByScopeAndShowsContinuationsAsTransitions(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend, handlers: ["archive": ClosureHandler { _ in [:] }])
        try await test.deploy(Self.model)
        let instance = try await test.start("tree")
        let tree = try await test.runtime.activityInstanceTree(of: instance)
        #expect(tree.id == instance && tree.activityType == "processDefinition" && tree.activityName == "Tree")
        #expect(tree.activityID == tree.processDefinitionID && tree.activityID.hasPrefix("tree:"))
        #expect(tree.children.map(\.activityID) == ["stage", "sign"])

        let stage = tree.children[0]
        #expect(stage.activityType == "subProcess" && stage.children.map(\.activityID) == ["review"])
        #expect(stage.children[0].executionIDs == [stage.children[0].id])

        let body = tree.children[1]
        #expect(body.activityType == "multiInstanceBody")
        #expect(body.children.map(\.activityType) == ["userTask", "userTask", "userTask"])

        #expect(tree.transitions.map(\.activityID) == ["archive"], "asyncAfter: the task ran, its continuation waits")
        #expect(tree.transitions.first?.activityType == "serviceTask")

        try await test.runJobs()
        #expect(try await test.runtime.activityInstanceTree(of: instance).transitions.isEmpty)
    }
}
