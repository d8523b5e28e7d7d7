#!/usr/bin/env python3
"""Runs one go-live end to end against a running golive and prints where the time went.

Wall time of each step (Camunda history), time inside its delegate (golive's evidence), and the engine's
share: the go-live's wall time minus the deliberate waits (the go/no-go decision, hypercare timers) minus
the time inside delegates. Uses only the REST APIs; approves go/no-go as a golive-lead user.
"""
import base64, json, os, sys, time, urllib.request
from datetime import datetime

URL = os.environ.get("GOLIVE_URL", "http://localhost:8080")
MANIFEST = sys.argv[1] if len(sys.argv) > 1 else "docs/examples/release-18.0-2.yaml"
# a hypercare timer's configured interval is a deliberate wait; what it takes beyond that is the engine's
TIMER = float(os.environ.get("GOLIVE_BENCH_TIMER_SECONDS", "0"))


def call(user, path, body=None, ctype="application/json"):
    pw = "admin" if user == "admin" else os.environ.get("GOLIVE_DEMO_PASSWORD", "demo")
    req = urllib.request.Request(URL + path, data=body.encode() if body is not None else None, method="POST" if body is not None else "GET")
    req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode())
    if body is not None:
        req.add_header("Content-Type", ctype)
    with urllib.request.urlopen(req, timeout=60) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def ts(s):
    return datetime.strptime(s[:23], "%Y-%m-%dT%H:%M:%S.%f").timestamp() if s else None


def main():
    with open(MANIFEST) as f:
        started = call("release", "/api/go-lives", f.read(), "application/yaml")
    pid, gid = started["processInstanceId"], started["id"]
    print(f"go-live {gid} ({pid})")
    deadline = time.time() + 600
    while True:
        tasks = call("lead", f"/engine-rest/task?processInstanceId={pid}")
        if tasks:
            call("lead", f"/engine-rest/task/{tasks[0]['id']}/complete",
                 json.dumps({"variables": {"goNoGoDecision": {"value": "go"}, "goNoGoReason": {"value": "benchmark"}}}))
            break
        if call("admin", f"/engine-rest/history/process-instance/{pid}")["state"] != "ACTIVE" or time.time() > deadline:
            sys.exit("go-live ended or timed out before go/no-go")
        time.sleep(0.05)
    while True:
        hpi = call("admin", f"/engine-rest/history/process-instance/{pid}")
        if hpi["state"] != "ACTIVE":
            break
        if time.time() > deadline:
            sys.exit("go-live did not end within 10 minutes")
        time.sleep(0.2)

    instances = [pid] + [p["id"] for p in call("admin", f"/engine-rest/history/process-instance?superProcessInstanceId={pid}")]
    acts = []
    for p in instances:
        acts += call("admin", f"/engine-rest/history/activity-instance?processInstanceId={p}&sortBy=startTime&sortOrder=asc")
    evidence = call("release", f"/api/go-lives/{gid}/evidence")
    inside = {}
    for e in evidence:
        if e.get("result") == "done" and "millis" in e:
            inside.setdefault(e["step"], []).append(e["millis"] / 1000.0)

    wall = ts(hpi["endTime"]) - ts(hpi["startTime"])
    waits, delegates, rows = 0.0, 0.0, []
    seen = {}
    for a in sorted(acts, key=lambda a: a["startTime"]):
        d = (ts(a["endTime"]) - ts(a["startTime"])) if a["endTime"] else 0.0
        if a["activityType"] == "userTask":
            waits += d
            rows.append((a["activityId"], d, None, "wait (decision)"))
        elif a["activityType"] == "intermediateTimer":
            waits += min(d, TIMER)
            rows.append((a["activityId"], d, None, f"wait ({TIMER:.0f} s interval, the rest is engine)"))
        elif a["activityType"] == "serviceTask":
            k = seen.get(a["activityId"], 0)
            seen[a["activityId"]] = k + 1
            ins = inside.get(a["activityId"], [])
            inner = ins[k] if k < len(ins) else 0.0
            delegates += inner
            rows.append((a["activityId"], d, inner, ""))
    print(f"\n{'step':34} {'wall s':>8} {'inside s':>9}")
    for name, d, inner, note in rows:
        print(f"{name:34} {d:8.3f} {'' if inner is None else f'{inner:9.3f}'} {note}")
    # where the engine's time goes: between one step's end and the next step's start, and timers firing late
    leaves = [a for a in acts if a["activityType"] not in ("subProcess", "callActivity")]
    timeline = sorted((ts(a["startTime"]), ts(a["endTime"]) or ts(a["startTime"]), a["activityType"]) for a in leaves)
    gaps, frontier = 0.0, ts(hpi["startTime"])
    for start, end, kind in timeline:
        if start > frontier:
            gaps += start - frontier
        frontier = max(frontier, end)
    overshoot = sum(max(0.0, (ts(a["endTime"]) - ts(a["startTime"])) - TIMER) for a in acts
                    if a["activityType"] == "intermediateTimer" and a["endTime"])
    busy = wall - waits
    engine = busy - delegates
    ends = [a["activityId"] for a in acts if a["activityType"] == "noneEndEvent" and a["parentActivityInstanceId"] == pid]
    print(f"\nend: {ends[-1] if ends else hpi['state']}")
    print(f"wall time               {wall:8.3f} s")
    print(f"deliberate waits        {waits:8.3f} s  (go/no-go decision, hypercare timers)")
    print(f"inside delegates        {delegates:8.3f} s")
    print(f"engine (the rest)       {engine:8.3f} s  of which {gaps:.3f} s between steps, {overshoot:.3f} s timers firing late")
    steps = sum(1 for r in rows if r[2] is not None)
    print(f"engine per step         {1000 * engine / steps:8.1f} ms (over {steps} async steps)")
    print(f"engine share of wall    {100 * engine / wall:8.2f} %  (target <= 2 %)")
    print(f"engine share of busy    {100 * engine / busy:8.2f} %  (wall minus deliberate waits)")


if __name__ == "__main__":
    main()
