import BatonEngine
import BatonModel
import BatonPostgres

/// The small real process every filled row imitates: start → user task offered to the group in
/// `${group}` → end. The bulk fill copies the rows the engine wrote for the template instances
/// this runs, so the filled rows have exactly the engine's shape and sizes.
enum ReviewProcess {
    static let key = "review"

    static let bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                     xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="read-scaling" targetNamespace="https://baton.dev/benchmarks">
          <process id="review" name="Review" isExecutable="true">
            <startEvent id="start" name="Received" />
            <userTask id="approve" name="Approve request" camunda:candidateGroups="${group}" />
            <endEvent id="end" name="Done" />
            <sequenceFlow id="toApprove" sourceRef="start" targetRef="approve" />
            <sequenceFlow id="toEnd" sourceRef="approve" targetRef="end" />
          </process>
          <bpmndi:BPMNDiagram id="diagram">
            <bpmndi:BPMNPlane id="plane" bpmnElement="review">
              <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="approve_di" bpmnElement="approve"><dc:Bounds x="190" y="78" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="350" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="toApprove_di" bpmnElement="toApprove"><di:waypoint x="136" y="118" /><di:waypoint x="190" y="118" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="toEnd_di" bpmnElement="toEnd"><di:waypoint x="290" y="118" /><di:waypoint x="350" y="118" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </definitions>
        """

    /// The candidate group of every template instance: a marker the fill replaces, and a group
    /// no measured query asks for, so the real instances do not skew the measured counts.
    static let templateGroup = "template-group"
    /// Completed instances besides the ended template, so a few plain engine-written rows exist.
    static let extraCompletedInstances = 2

    /// The real instances a run of the engine left behind, whose rows the fill copies.
    struct Templates: Sendable {
        var definitionID: String
        var ended: TemplateInstance
        var running: TemplateInstance
        /// Every instance the engine ran (ended and running), counted in the totals.
        var instanceCount: Int
    }

    /// Deploys the process on `runtime` and runs the template instances: one completed, one left
    /// waiting at its user task, and a few more completed ones.
    static func deployAndRun(on runtime: Runtime) async throws -> Templates {
        let deployment = try await runtime.deploy(name: "read-scaling", resources: [DeploymentResource(name: "review.bpmn", bytes: Array(bpmn.utf8))])
        guard let definition = deployment.definitions.first ?? deployment.unchanged.first else {
            throw BenchmarkFailure("Expected the review process to deploy, but the deployment holds no definition")
        }
        let ended = try await start(runtime, businessKey: "template-ended")
        let endedTask = try await complete(ended, on: runtime)
        let running = try await start(runtime, businessKey: "template-running")
        let runningTask = try await runtime.tasks(TaskQuery(processInstanceID: running.id))
        guard let runningTask = runningTask.first else { throw BenchmarkFailure("Expected the running template to wait at its user task") }
        for index in 0..<extraCompletedInstances {
            _ = try await complete(try await start(runtime, businessKey: "real-\(index)"), on: runtime)
        }
        return Templates(
            definitionID: definition.id,
            ended: TemplateInstance(instanceID: ended.id, taskID: endedTask, businessKey: "template-ended", candidateGroup: templateGroup),
            running: TemplateInstance(
                instanceID: running.id, taskID: runningTask.id, businessKey: "template-running", candidateGroup: templateGroup),
            instanceCount: 2 + extraCompletedInstances)
    }

    private static func start(_ runtime: Runtime, businessKey: String) async throws -> ProcessInstanceInfo {
        try await runtime.start(processKey: key, businessKey: businessKey, variables: ["group": .string(templateGroup)])
    }

    /// Completes the instance's one task (approving it); returns the task's id.
    private static func complete(_ instance: ProcessInstanceInfo, on runtime: Runtime) async throws -> String {
        guard let task = try await runtime.tasks(TaskQuery(processInstanceID: instance.id)).first else {
            throw BenchmarkFailure("Expected instance \(instance.id) to wait at its user task")
        }
        let ended = try await runtime.complete(task.id, variables: ["approved": .boolean(true)])
        guard ended.state == .completed else { throw BenchmarkFailure("Expected instance \(instance.id) to complete, but it is \(ended.state)") }
        return task.id
    }
}

/// One real instance whose rows are copied: the values in them that differ per copy.
struct TemplateInstance: Sendable {
    var instanceID: String
    var taskID: String
    var businessKey: String
    var candidateGroup: String
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
