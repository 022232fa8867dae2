"""SpiffWorkflow's side of Benchmarks/compare.sh: runs instances of a BPMN file in memory and
prints steps per second in the last line format `baton bench` uses.

A step is what Baton counts: one completed BPMN activity instance (event, task, gateway); Spiff's
own bookkeeping tasks (Root, Start, End, the process's end join) have no BPMN id and are not
counted. User tasks are completed with the --complete variables, as `baton bench` does.

    python spiff_bench.py FILE PROCESS_ID --instances N [--var name=value] [--complete name=value]
"""
import argparse
import json
import time

from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState


def assignments(pairs):
    return {name: json.loads(value) if value in ("true", "false") or value.lstrip("-").isdigit() else value
            for name, value in (pair.split("=", 1) for pair in pairs)}


def run_instance(spec, start, complete):
    workflow = BpmnWorkflow(spec)
    workflow.task_tree.data.update(start)
    workflow.do_engine_steps()
    while not workflow.is_completed():
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        if not ready:
            raise SystemExit(f"error: {spec.name} waits on something this benchmark cannot complete")
        for task in ready:
            task.data.update(complete)
            task.run()
        workflow.do_engine_steps()
    return sum(1 for task in workflow.get_tasks(state=TaskState.COMPLETED) if getattr(task.task_spec, "bpmn_id", None))


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("file")
    arguments.add_argument("process")
    arguments.add_argument("--instances", type=int, default=1000)
    arguments.add_argument("--var", action="append", default=[])
    arguments.add_argument("--complete", action="append", default=[])
    options = arguments.parse_args()
    parser = BpmnParser()
    parser.add_bpmn_file(options.file)
    spec = parser.get_spec(options.process)
    start, complete = assignments(options.var), assignments(options.complete)
    run_instance(spec, start, complete)  # warm-up, as baton bench does
    began = time.perf_counter()
    steps = sum(run_instance(spec, start, complete) for _ in range(options.instances))
    seconds = time.perf_counter() - began
    print(f"instances={options.instances} steps={steps} seconds={seconds:.3f} "
          f"instances_per_s={options.instances / seconds:.1f} steps_per_s={steps / seconds:.1f}")


if __name__ == "__main__":
    main()
