import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Foundation

let bpmn = """
    <?xml version="1.0" encoding="UTF-8"?>
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://baton.dev/benchmarks">
      <process id="review" name="Review" isExecutable="true">
        <startEvent id="start" name="Received" />
        <userTask id="approve" name="Approve request" camunda:candidateGroups="${group}" />
        <endEvent id="end" name="Done" />
        <sequenceFlow id="toApprove" sourceRef="start" targetRef="approve" />
        <sequenceFlow id="toEnd" sourceRef="approve" targetRef="end" />
      </process>
    </definitions>
    """
let store = try await TestPostgres.freshStore()
let runtime = Runtime(store: store)
let d = try await runtime.deploy(name: "r", resources: [DeploymentResource(name: "review.bpmn", bytes: Array(bpmn.utf8))])
print(d.definitions)
let a = try await runtime.start(processKey: "review", businessKey: "order-1", variables: ["group": .string("group-0")])
let t = try await runtime.tasks(TaskQuery(processInstanceID: a.id))
_ = try await runtime.complete(t[0].id, variables: ["approved": .boolean(true)])
let b = try await runtime.start(processKey: "review", businessKey: "order-2", variables: ["group": .string("group-1")])
let c = try await PostgresConnection.connect(store.pool.connectionString)
for table in ["process_instances", "history_process_instances", "history_events", "history_activity_instances", "history_task_instances", "history_variables", "variables", "user_tasks", "history_incidents"] {
    let rows = try await c.query("SELECT row_to_json(t)::text AS j, pg_column_size(t.*) AS size FROM \(table) t")
    print("== \(table)")
    for r in rows.rows { print(r[1]!, r[0]!) }
}
print(a.id, b.id)
