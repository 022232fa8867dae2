"""Drives Baton with clients written for Camunda 7, unchanged: pycamunda deploys a process,
starts it, operates it (suspension, variables, task variables and identity links, a
modification that moves its token, identity) and completes its user task;
camunda-external-task-client-python3 serves its external task. Last, it sets up users and groups
the way an installation does: the first administrator turns authentication on, and every call
after that signs in. Exits 0 when all of it worked, 1 (with the reason) otherwise.

    BATON_URL=http://127.0.0.1:8080/engine-rest python camunda_clients.py
"""
import datetime as dt
import os
import sys
import tempfile
import threading
import time

import pycamunda.batch
import pycamunda.deployment
import pycamunda.externaltask
import pycamunda.filter
import pycamunda.group
import pycamunda.identity
import pycamunda.migration
import pycamunda.processdef
import pycamunda.processinst
import pycamunda.signal
import pycamunda.task
import pycamunda.tenant
import pycamunda.user
import pycamunda.variable
import requests.auth
from camunda.external_task.external_task_worker import ExternalTaskWorker

URL = os.environ["BATON_URL"]
HERE = os.path.dirname(os.path.abspath(__file__))


def operate(instance_id):
    """What an operator's tooling calls on a running instance, through pycamunda's own requests."""
    pycamunda.processinst.Suspend(url=URL, id_=instance_id)()
    assert pycamunda.processinst.Get(url=URL, id_=instance_id)().suspended, "expected the instance suspended"
    pycamunda.processinst.Activate(url=URL, id_=instance_id)()
    assert not pycamunda.processinst.Get(url=URL, id_=instance_id)().suspended, "expected the instance active again"

    modify = pycamunda.processinst.VariablesModify(url=URL, process_instance_id=instance_id, deletions=["scratch"])
    modify.add_variable(name="scratch", value="temporary")
    modify()
    pycamunda.processinst.VariablesDelete(url=URL, process_instance_id=instance_id, var_name="scratch")()

    # A binary variable: pycamunda uploads it to …/data and fetches it back raw.
    scan = bytes(range(256)) + b"\r\n--\r\n"
    pycamunda.processinst.VariablesUpdate(url=URL, process_instance_id=instance_id, var_name="scan", value=scan, type_="Bytes")()
    fetched = pycamunda.processinst.VariablesGet(url=URL, process_instance_id=instance_id, var_name="scan", binary=True)()
    assert fetched == scan, f"expected the uploaded bytes back, got {len(fetched)} bytes"
    typed = pycamunda.processinst.VariablesGet(url=URL, process_instance_id=instance_id, var_name="scan")()
    assert typed.type_ == "Bytes", f"expected a Bytes variable, got {typed}"
    pycamunda.processinst.VariablesDelete(url=URL, process_instance_id=instance_id, var_name="scan")()

    task = pycamunda.task.GetList(url=URL, process_instance_id=instance_id)()[0]
    # (pycamunda's LocalVariablesUpdate sends a multipart body, which Camunda refuses too.)
    local = pycamunda.task.LocalVariablesModify(url=URL, task_id=task.id_)
    local.add_variable(name="note", value="checked")
    local()
    note = pycamunda.task.LocalVariablesGet(url=URL, task_id=task.id_, var_name="note")()
    assert note.value == "checked", f"expected the task-local note, got {note}"
    pycamunda.task.IdentityLinksAdd(url=URL, task_id=task.id_, type_="candidate", user_id="ben")()
    links = pycamunda.task.IdentityLinksGetList(url=URL, task_id=task.id_)()
    assert any(link.user_id == "ben" for link in links), f"expected ben among the candidates, got {links}"

    # Tasklist's task update (a due date and a priority), the candidate-group report, and a
    # variable instance by its id.
    due = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
    pycamunda.task.Update(
        url=URL, id_=task.id_, name="Approve (urgent)", description="Check the deductible", assignee=None, owner=None,
        delegation_state=None, due=due, follow_up=None, priority=70, parent_task_id=None, case_instance_id=None, tenant_id=None)()
    updated = pycamunda.task.Get(url=URL, id_=task.id_)()
    assert updated.name == "Approve (urgent)" and updated.priority == 70 and updated.due == due, f"expected the update, got {updated}"
    counts = pycamunda.task.GetCountByCandidateGroup(url=URL)()
    assert any(count.group_name == "approvers" and count.task_count >= 1 for count in counts), f"expected the approvers' count, got {counts}"
    amount = pycamunda.variable.Get(url=URL, id_=f"{instance_id}:amount")()
    assert amount.value == 42 and amount.name == "amount", f"expected the amount variable, got {amount}"

    # Move the token: start the approve task again and cancel the one that waits.
    tree = pycamunda.processinst.GetActivityInstance(url=URL, id_=instance_id)()
    waiting = tree.child_activity_instances[0]
    move = pycamunda.processinst.Modify(url=URL, id_=instance_id, annotation="compat")
    move.add_before_activity_instruction(id_="approve")
    move.add_cancel_activity_instance_instruction(id_=waiting.id_)
    move()
    moved = pycamunda.processinst.GetActivityInstance(url=URL, id_=instance_id)().child_activity_instances
    assert len(moved) == 1 and moved[0].activity_id == "approve" and moved[0].id_ != waiting.id_, f"expected a new approve instance, got {moved}"

    # A signal through pycamunda: one waiting instance gets it, with its variable.
    waiting = pycamunda.processdef.StartInstance(url=URL, key="client-signal")()
    signal = pycamunda.signal.EventAll(url=URL, name="compat-go")
    signal.add_variable(name="goBy", value="compat")
    signal()
    after = pycamunda.task.GetList(url=URL, process_instance_id=waiting.id_)()
    assert [task.task_definition_key for task in after] == ["afterGo"], f"expected the signal to move the instance on, got {after}"
    got = pycamunda.processinst.VariablesGet(url=URL, process_instance_id=waiting.id_, var_name="goBy")()
    assert got.value == "compat", f"expected the signal's variable, got {got}"

    users = pycamunda.user.GetList(url=URL)()
    groups = pycamunda.group.GetList(url=URL)()
    print(f"operated {instance_id}: suspended and activated, variables, task variables and links, a moved token, a signal, a binary variable; {len(users)} users, {len(groups)} groups")


MIGRATION_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="https://baton.dev/compat">
  <process id="client-migrate" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
    <userTask id="review" />
    %s
  </process>
</definitions>
"""


def deploy_text(name, text, tenant_id=None):
    """Deploys BPMN text through pycamunda's multipart upload; returns the process definition id."""
    with tempfile.NamedTemporaryFile("wb", suffix=".bpmn", delete=False) as file:
        file.write(text.encode())
        path = file.name
    create = pycamunda.deployment.Create(url=URL, name=name, tenant_id=tenant_id)
    with open(path, "rb") as bpmn:
        create.add_resource(bpmn)
        deployment = create()
    os.unlink(path)
    return next(iter(deployment.deployed_process_definitions.values())).id_


def migrate():
    """Moves instances to a new version through pycamunda's migration and batch requests."""
    first = deploy_text("client-migrate-1", MIGRATION_MODEL % "")
    waiting = [pycamunda.processdef.StartInstance(url=URL, id_=first)().id_ for _ in range(2)]
    second = deploy_text("client-migrate-2", MIGRATION_MODEL % '<sequenceFlow id="toDone" sourceRef="review" targetRef="done" /><userTask id="done" />')
    plan = pycamunda.migration.Generate(url=URL, source_process_definition_id=first, target_process_definition_id=second)()
    assert any(i.source_activity_ids == ["review"] for i in plan.instructions), f"expected review mapped, got {plan}"
    validate = pycamunda.migration.Validate(url=URL, source_process_definition_id=first, target_process_definition_id=second)
    validate.add_instruction(source_activity_ids=["review"], target_activity_ids=["review"])
    reports = validate()
    assert reports == (), f"expected a valid plan, got {reports}"
    pycamunda.migration.Execute.from_migration_plan(url=URL, migration_plan=plan, process_instance_ids=[waiting[0]])()
    moved = pycamunda.processinst.Get(url=URL, id_=waiting[0])()
    assert moved.definition_id == second, f"expected {waiting[0]} on {second}, got {moved.definition_id}"
    batch = pycamunda.migration.Execute.from_migration_plan(url=URL, migration_plan=plan, process_instance_ids=[waiting[1]], async_=True)()
    assert batch.total_jobs == 1, f"expected a batch of one, got {batch}"
    pycamunda.batch.Suspend(url=URL, id_=batch.id_)()
    assert pycamunda.batch.Get(url=URL, id_=batch.id_)().suspended, "expected the batch suspended"
    pycamunda.batch.Activate(url=URL, id_=batch.id_)()
    deadline = time.time() + 30
    while pycamunda.processinst.Get(url=URL, id_=waiting[1])().definition_id != second:
        assert time.time() < deadline, "the batch did not migrate its instance within 30 s"
        time.sleep(0.2)
    batches = pycamunda.batch.GetList(url=URL)()
    assert any(b.id_ == batch.id_ for b in batches), f"expected the batch listed, got {batches}"
    pycamunda.batch.Delete(url=URL, id_=batch.id_)()
    print(f"migrated {waiting[0]} directly and {waiting[1]} in batch {batch.id_} from {first} to {second}")


def maintain(deployment_id):
    """What an operator's tooling reads of a deployment and does to its versions."""
    resources = pycamunda.deployment.GetResources(url=URL, id_=deployment_id)()
    assert [r.name for r in resources] == ["compat.bpmn"], f"expected the deployed file, got {resources}"
    data = pycamunda.deployment.GetResource(url=URL, id_=deployment_id, resource_id=resources[0].id_, binary=True)()
    with open(os.path.join(HERE, "compat.bpmn"), "rb") as bpmn:
        assert data == bpmn.read(), "expected the file's bytes as deployed"
    diagram = pycamunda.processdef.GetProcessDiagram(url=URL, key="client-compat")()
    assert diagram == b"", f"expected no diagram for a file without diagram interchange, got {len(diagram)} bytes"
    pycamunda.processdef.UpdateHistoryTimeToLive(url=URL, history_time_to_live=30, key="client-compat")()
    kept = pycamunda.processdef.Get(url=URL, key="client-compat")().history_time_to_live
    assert kept == 30, f"expected a history time to live of 30 days, got {kept}"
    throwaway = deploy_text("client-throwaway", MIGRATION_MODEL.replace("client-migrate", "client-throwaway") % "")
    pycamunda.processdef.StartInstance(url=URL, id_=throwaway)()
    pycamunda.processdef.Delete(url=URL, id_=throwaway, cascade=True)()
    left = pycamunda.processdef.GetList(url=URL, key="client-throwaway")()
    assert left == (), f"expected the version deleted with its instance, got {left}"
    print(f"read the resources of {deployment_id}; deleted {throwaway} with its instance")


def tenants():
    """Deploys one model for a tenant and shared, and starts it in the tenant, as pycamunda's
    tenant parameters ask."""
    model = MIGRATION_MODEL.replace("client-migrate", "client-tenant") % ""
    shared = deploy_text("client-tenant", model)
    southern = deploy_text("client-tenant", model, tenant_id="compat-south")
    assert shared != southern, "each tenant has a version of its own"
    definition = pycamunda.processdef.Get(url=URL, key="client-tenant", tenant_id="compat-south")()
    assert definition.id_ == southern and definition.tenant_id == "compat-south" and definition.version == 1, f"got {definition}"
    instance = pycamunda.processdef.StartInstance(url=URL, key="client-tenant", tenant_id="compat-south")()
    assert instance.tenant_id == "compat-south", f"expected the tenant's instance, got {instance}"
    listed = pycamunda.processinst.GetList(url=URL, tenant_id_in=["compat-south"])()
    assert [i.id_ for i in listed] == [instance.id_], f"expected the tenant's instance alone, got {listed}"
    deployments = pycamunda.deployment.GetList(url=URL, tenant_id_in=["compat-south"])()
    assert [d.tenant_id for d in deployments] == ["compat-south"], f"got {deployments}"
    definitions = pycamunda.processdef.GetList(url=URL, key="client-tenant", without_tenant_id=True)()
    assert [d.id_ for d in definitions] == [shared], f"expected the shared version alone, got {definitions}"
    pycamunda.processinst.Delete(url=URL, id_=instance.id_)()
    print(f"started {instance.id_} in tenant compat-south")


def saved_filters(business_key):
    """A Tasklist filter saved, run, renamed and deleted through pycamunda's filter requests."""
    create = pycamunda.filter.Create(url=URL, name="compat tasks", owner="ann")
    create.add_process_instance_criteria(business_key=business_key)
    saved = create()
    tasks = pycamunda.filter.Execute(url=URL, id_=saved.id_)()
    assert [t.task_definition_key for t in tasks] == ["approve"], f"expected the approve task, got {tasks}"
    assert pycamunda.filter.ExecuteCount(url=URL, id_=saved.id_)() == 1, "expected one task counted"
    listed = pycamunda.filter.GetList(url=URL, name_like="compat%", item_count=True)()
    assert len(listed) == 1 and listed[0].item_count == 1, f"expected the filter listed with its count, got {listed}"
    pycamunda.filter.Update(url=URL, id_=saved.id_, name="compat approvals", owner="ann")()
    assert pycamunda.filter.Get(url=URL, id_=saved.id_)().name == "compat approvals", "expected the filter renamed"
    pycamunda.filter.Delete(url=URL, id_=saved.id_)()
    assert pycamunda.filter.Count(url=URL)() == 0, "expected the filter deleted"
    print(f"saved, ran, renamed and deleted filter {saved.id_}")


def signed_in(request, user, password):
    request.auth = requests.auth.HTTPBasicAuth(user, password)
    return request


def identity():
    """Users, groups and memberships through pycamunda's user, group and identity requests."""
    pycamunda.group.Create(url=URL, id_="camunda-admin", name="Administrators", type_="SYSTEM")()
    pycamunda.group.Create(url=URL, id_="compat-approvers", name="Approvers", type_="WORKFLOW")()
    pycamunda.user.Create(url=URL, id_="ada", first_name="Ada", last_name="Admin", email="ada@example.org", password="ada-pw")()
    pycamunda.user.Create(url=URL, id_="cleo", first_name="Cleo", last_name="Clerk", email="cleo@example.org", password="cleo-pw")()
    pycamunda.group.MemberCreate(url=URL, id_="compat-approvers", user_id="cleo")()
    pycamunda.group.MemberCreate(url=URL, id_="camunda-admin", user_id="ada")()
    try:
        pycamunda.user.Count(url=URL)()
        raise AssertionError("expected a call without credentials to be refused once an administrator exists")
    except pycamunda.PyCamundaException:
        pass

    def ada(request):
        return signed_in(request, "ada", "ada-pw")()

    assert ada(pycamunda.user.Count(url=URL)) == 2
    assert [u.id_ for u in ada(pycamunda.user.GetList(url=URL, member_of_group="compat-approvers"))] == ["cleo"]
    assert ada(pycamunda.user.GetProfile(url=URL, id_="cleo")).email == "cleo@example.org"
    ada(pycamunda.user.UpdateProfile(url=URL, id_="cleo", new_user_id="cleo", first_name="Cleopatra", last_name="Clerk", email="cleo@example.org"))
    assert ada(pycamunda.user.GetProfile(url=URL, id_="cleo")).first_name == "Cleopatra"
    ada(pycamunda.user.UpdateCredentials(url=URL, id_="cleo", password="new-cleo-pw", authenticated_user_password="ada-pw"))
    status = ada(pycamunda.identity.VerifyUser(url=URL, username="cleo", password="new-cleo-pw"))
    assert status.authenticated, f"expected the new password to verify, got {status}"
    groups = signed_in(pycamunda.identity.GetGroups(url=URL, user_id="cleo"), "cleo", "new-cleo-pw")()
    assert [g.id_ for g in groups.groups] == ["compat-approvers"], f"expected cleo's group, got {groups}"
    assert "create" in [link.rel for link in ada(pycamunda.user.Options(url=URL))]
    assert [link.rel for link in ada(pycamunda.group.MemberOptions(url=URL, id_="compat-approvers"))] == ["delete", "create"]
    assert ada(pycamunda.group.Get(url=URL, id_="compat-approvers")).name == "Approvers"
    ada(pycamunda.group.Update(url=URL, id_="compat-approvers", name="Plan approvers", type_="WORKFLOW"))
    assert [g.name for g in ada(pycamunda.group.GetList(url=URL, id_="compat-approvers"))] == ["Plan approvers"]
    assert len(ada(pycamunda.group.GetList(url=URL))) == 2
    # Tenants, as identities: cleo directly, the approvers as a group.
    ada(pycamunda.tenant.Create(url=URL, id_="compat-north", name="North"))
    ada(pycamunda.tenant.UserMemberCreate(url=URL, id_="compat-north", user_id="cleo"))
    ada(pycamunda.tenant.GroupMemberCreate(url=URL, id_="compat-north", group_id="compat-approvers"))
    assert [t.id_ for t in ada(pycamunda.tenant.GetList(url=URL, user_member="cleo"))] == ["compat-north"]
    assert ada(pycamunda.tenant.Count(url=URL, group_member="compat-approvers")) == 1
    ada(pycamunda.tenant.Update(url=URL, id_="compat-north", new_id="compat-north", new_name="Northern"))
    assert ada(pycamunda.tenant.Get(url=URL, id_="compat-north")).name == "Northern"
    assert "create" in [link.rel for link in ada(pycamunda.tenant.UserMemberOptions(url=URL, id_="compat-north"))]
    ada(pycamunda.tenant.UserMemberDelete(url=URL, id_="compat-north", user_id="cleo"))
    ada(pycamunda.tenant.GroupMemberDelete(url=URL, id_="compat-north", group_id="compat-approvers"))
    ada(pycamunda.tenant.Delete(url=URL, id_="compat-north"))
    ada(pycamunda.user.Unlock(url=URL, id_="cleo"))
    ada(pycamunda.group.MemberDelete(url=URL, id_="compat-approvers", user_id="cleo"))
    ada(pycamunda.user.Delete(url=URL, id_="cleo"))
    ada(pycamunda.group.Delete(url=URL, id_="compat-approvers"))
    assert [u.id_ for u in ada(pycamunda.user.GetList(url=URL))] == ["ada"]
    print("identity: users, groups and memberships created, changed and deleted; the first administrator turned sign-in on")


def main():
    create = pycamunda.deployment.Create(url=URL, name="client-compat", enable_duplicate_filtering=True)
    with open(os.path.join(HERE, "compat.bpmn"), "rb") as bpmn:
        create.add_resource(bpmn)
        deployment = create()
    print(f"deployed {deployment.id_}")

    start = pycamunda.processdef.StartInstance(url=URL, key="client-compat", business_key="compat-1")
    start.add_variable(name="amount", value=42, type_="Integer")
    instance = start()
    print(f"started {instance.id_}")

    operate(instance.id_)
    migrate()
    maintain(deployment.id_)
    tenants()
    saved_filters("compat-1")

    tasks = pycamunda.task.GetList(url=URL, process_instance_id=instance.id_, candidate_group="approvers")()
    assert len(tasks) == 1 and tasks[0].task_definition_key == "approve", f"expected the approve task, got {tasks}"
    pycamunda.task.Claim(url=URL, id_=tasks[0].id_, user_id="ann")()
    complete = pycamunda.task.Complete(url=URL, id_=tasks[0].id_)
    complete.add_variable(name="approved", value=True)
    complete()
    print(f"completed user task {tasks[0].id_}")

    # An operator resets the external task's retries in bulk before the worker takes it.
    external = pycamunda.externaltask.GetList(url=URL, process_instance_id=instance.id_)()
    pycamunda.externaltask.SetRetriesSync(url=URL, retries=5, external_task_ids=[external[0].id_])()
    assert pycamunda.externaltask.Get(url=URL, id_=external[0].id_)().retries == 5, "expected the retries set"
    batch = pycamunda.externaltask.SetRetriesAsync(url=URL, retries=3, external_task_ids=[external[0].id_])()
    assert batch.type_ == "set-external-task-retries" and batch.total_jobs == 1, f"expected a retries batch of one, got {batch}"
    deadline = time.time() + 30
    while pycamunda.externaltask.Get(url=URL, id_=external[0].id_)().retries != 3:
        assert time.time() < deadline, "the batch did not set the retries within 30 s"
        time.sleep(0.2)
    pycamunda.externaltask.SetPriority(url=URL, id_=external[0].id_, priority=70)()
    assert pycamunda.externaltask.Get(url=URL, id_=external[0].id_)().priority == 70, "expected the priority set"

    served = threading.Event()

    def archive(task):
        assert task.get_variable("amount") == 42, f"expected amount 42, got {task.get_variable('amount')}"
        served.set()
        return task.complete({"archived": True})

    config = {"maxTasks": 1, "lockDuration": 10000, "asyncResponseTimeout": 2000, "retries": 1, "retryTimeout": 1000, "sleepSeconds": 1}
    worker = ExternalTaskWorker(worker_id="compat-worker", base_url=URL, config=config)
    threading.Thread(target=worker.subscribe, args=("archive", archive), daemon=True).start()

    deadline = time.time() + 60
    while time.time() < deadline:
        remaining = pycamunda.processinst.GetList(url=URL, process_instance_ids=[instance.id_])()
        if served.is_set() and not remaining:
            print("external task served; the instance ended")
            identity()
            return 0
        time.sleep(0.5)
    print("the instance did not end within 60 s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
