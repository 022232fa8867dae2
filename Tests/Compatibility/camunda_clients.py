"""Drives Baton with clients written for Camunda 7, unchanged: pycamunda deploys a process,
starts it and completes its user task; camunda-external-task-client-python3 serves its external
task. Exits 0 when the instance ran to its end, 1 (with the reason) otherwise.

    BATON_URL=http://127.0.0.1:8080/engine-rest python camunda_clients.py
"""
import os
import sys
import threading
import time

import pycamunda.deployment
import pycamunda.processdef
import pycamunda.processinst
import pycamunda.task
from camunda.external_task.external_task_worker import ExternalTaskWorker

URL = os.environ["BATON_URL"]
HERE = os.path.dirname(os.path.abspath(__file__))


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

    tasks = pycamunda.task.GetList(url=URL, process_instance_id=instance.id_, candidate_group="approvers")()
    assert len(tasks) == 1 and tasks[0].task_definition_key == "approve", f"expected the approve task, got {tasks}"
    pycamunda.task.Claim(url=URL, id_=tasks[0].id_, user_id="ann")()
    complete = pycamunda.task.Complete(url=URL, id_=tasks[0].id_)
    complete.add_variable(name="approved", value=True)
    complete()
    print(f"completed user task {tasks[0].id_}")

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
            return 0
        time.sleep(0.5)
    print("the instance did not end within 60 s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
