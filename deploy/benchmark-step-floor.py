#!/usr/bin/env python3
"""What one async step costs the engine at least, on this machine and this engine database.

Deploys two throwaway processes to a running golive (as admin, over the REST API): 40 service tasks in a row,
each `asyncBefore`, doing nothing (`${true}`), or writing one variable. Runs each WARMUP times, then RUNS times,
one instance at a time, and prints the milliseconds from the first task's start to the last task's end divided
by the steps between them: commit, handing the next job to a thread, loading, history. No delegate, no
variables but that one: the floor under every golive step (docs/benchmark.md). Prints figures, asserts nothing.
Point it at a golive of its own (deploy/benchmark.sh starts one), not at one that runs real go-lives: the two
processes, their deployments and history stay there.

    GOLIVE_URL=http://localhost:8080 python3 deploy/benchmark-step-floor.py [RUNS] [WARMUP]
"""
import base64, json, os, sys, time, urllib.request, uuid
from datetime import datetime

URL = os.environ.get("GOLIVE_URL", "http://localhost:8080")
AUTH = "Basic " + base64.b64encode(os.environ.get("GOLIVE_BENCH_ADMIN", "admin:admin").encode()).decode()
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 8
WARMUP = int(sys.argv[2]) if len(sys.argv) > 2 else 30
STEPS = 40


def call(method, path, body=None, content_type="application/json"):
    headers = {"Authorization": AUTH, "X-Requested-By": "golive-benchmark"}  # the multipart deployment needs it
    if body is not None:
        headers["Content-Type"] = content_type
    with urllib.request.urlopen(urllib.request.Request(URL + path, data=body, method=method, headers=headers)) as r:
        return json.loads(r.read() or b"null")


def process(key, expression):
    tasks = "".join(
        f'<bpmn:serviceTask id="Task_Step{i}" camunda:asyncBefore="true" camunda:expression="{expression(i)}">'
        f"<bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R3/PT10S</camunda:failedJobRetryTimeCycle>"
        f"</bpmn:extensionElements></bpmn:serviceTask>" for i in range(STEPS))
    ids = ["StartEvent_Started"] + [f"Task_Step{i}" for i in range(STEPS)] + ["EndEvent_Ended"]
    flows = "".join(f'<bpmn:sequenceFlow id="Flow_{i}" sourceRef="{a}" targetRef="{b}"/>' for i, (a, b) in enumerate(zip(ids, ids[1:])))
    return ('<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
            'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_StepFloor" targetNamespace="https://golive.invalid/bench">'
            f'<bpmn:process id="{key}" isExecutable="true" camunda:historyTimeToLive="1">'
            f'<bpmn:startEvent id="StartEvent_Started"/>{tasks}<bpmn:endEvent id="EndEvent_Ended"/>{flows}</bpmn:process></bpmn:definitions>')


def deploy(key, xml):
    boundary = "----golive" + uuid.uuid4().hex
    parts = [("deployment-name", key), ("enable-duplicate-filtering", "true")]
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{n}"\r\n\r\n{v}\r\n'.encode() for n, v in parts)
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="data"; filename="{key}.bpmn"\r\n'
             f"Content-Type: application/octet-stream\r\n\r\n").encode() + xml.encode() + f"\r\n--{boundary}--\r\n".encode()
    call("POST", "/engine-rest/deployment/create", body, "multipart/form-data; boundary=" + boundary)


def ts(value):
    return datetime.strptime(value[:23], "%Y-%m-%dT%H:%M:%S.%f").timestamp()


def run(key):
    pid = call("POST", f"/engine-rest/process-definition/key/{key}/start", b"{}")["id"]
    deadline = time.time() + 120
    while call("GET", f"/engine-rest/history/process-instance/{pid}")["state"] == "ACTIVE":
        if time.time() > deadline:
            sys.exit(f"{key}: instance {pid} did not end within 2 minutes (is the job executor on?)")
        time.sleep(0.05)
    acts = [a for a in call("GET", f"/engine-rest/history/activity-instance?processInstanceId={pid}&maxResults=500")
            if a["activityType"] == "serviceTask"]
    first, last = min(ts(a["startTime"]) for a in acts), max(ts(a["endTime"]) for a in acts)
    return 1000 * (last - first) / (len(acts) - 1)


def main():
    kinds = [("golive-bench-bare-step", "bare step", lambda i: "${true}"),
             ("golive-bench-one-variable", "step that writes one variable",
              lambda i: f"${{execution.setVariable(&apos;check_{i}&apos;, &apos;pass&apos;)}}")]
    for key, _, expression in kinds:
        deploy(key, process(key, expression))
    for key, _, _ in kinds:
        for _ in range(WARMUP):
            run(key)
    for key, label, _ in kinds:
        figures = sorted(run(key) for _ in range(RUNS))
        print(f"{label:30} ms per step: median {figures[len(figures) // 2]:.2f}  min {figures[0]:.2f}  max {figures[-1]:.2f}"
              f"  ({RUNS} instances of {STEPS} steps after {WARMUP} of warm-up)")


if __name__ == "__main__":
    main()
