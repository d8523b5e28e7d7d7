#!/usr/bin/env python3
"""Runs one go-live end to end against a running golive and prints where the time went.

Before the go-live it takes a backup of the target (the readiness gate backupRestore wants a recent one).
During it, it plays every person: attests the readiness items and accepts inconclusive gates as a golive
lead, approves each sign-off as that role's demo user, authorizes the go-live as `lead` (it was started by
`release`: four eyes) and, should validation ask, chooses to continue.

Then, for the go-live instance and the instances it called (check-readiness, sign-off, validate-release:
same business key, same evidence log), on one timeline:
  - deliberate waits: every user task while it was open, and each hypercare timer's configured interval;
  - inside delegates: each step's evidence entry (its `millis`, ending at its `at`);
  - the engine: the rest of the go-live's wall time, when the go-live waits neither for a person or a timer
    nor for a delegate. Split into time between steps, timers firing late, and time inside a step's
    activity instance but outside its delegate (job acquisition and locking, loading, history, commit).
Work that overlaps a deliberate wait (the gates run while the attestation task is open) delays nothing and
is counted once, as the wait. Uses only the REST APIs; prints figures and asserts nothing.
"""
import base64, json, os, subprocess, sys, time, urllib.error, urllib.parse, urllib.request
import benchmark_downtime
from datetime import datetime

URL = os.environ.get("GOLIVE_URL", "http://localhost:8080")
MANIFEST = sys.argv[1] if len(sys.argv) > 1 else "docs/examples/release-18.0-2.yaml"
# a hypercare timer's configured interval is a deliberate wait; what it takes beyond that is the engine's
TIMER = float(os.environ.get("GOLIVE_BENCH_TIMER_SECONDS", "0"))
POLL = float(os.environ.get("GOLIVE_BENCH_POLL_SECONDS", "0.1"))
PASSWORD = os.environ.get("GOLIVE_DEMO_PASSWORD", "demo")
# src/main/java/org/golive/readiness/AttestationItems.java
ATTESTATION_ITEMS = ["uatSignedOff", "securityScan", "ciGatesGreen", "dnsConfigured", "tlsCertificates", "firewallRules",
                     "reverseProxy", "monitoringAlerts", "offsiteBackups", "dataMigrationDryRun", "credentialsRotated",
                     "stakeholderApprovals", "communicationSent", "supportBriefed", "warRoomPrepared",
                     "rollbackCriteriaAgreed", "userDocumentation"]
# src/main/java/org/golive/signoff/SignOffRole.java: candidate group -> demo user
SIGN_OFF_USERS = {"golive-technical-lead": "techlead", "golive-devops-lead": "devops", "golive-qa-lead": "qa",
                  "golive-security-lead": "security", "golive-business-owner": "business",
                  "golive-product-owner": "product", "golive-finance-lead": "finance"}
WAITING = ("userTask",)
LEAF_EXCLUDED = ("subProcess", "callActivity", "multiInstanceBody", "processDefinition")


def call(user, path, body=None, ctype="application/json"):
    pw = "admin" if user == "admin" else PASSWORD
    req = urllib.request.Request(URL + path, data=body.encode() if body is not None else None,
                                 method="POST" if body is not None else "GET")
    req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode())
    req.add_header("X-Requested-By", "golive-benchmark")
    if body is not None:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            text = r.read().decode()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        sys.exit(f"{user} {path}: HTTP {e.code}: {e.read().decode()[:500]}")


def ts(s):
    """Camunda's '2026-11-23T11:38:33.913+0000' and evidence's Instant '2026-11-23T11:38:33.913456Z' as epoch seconds."""
    if not s:
        return None
    s = s.replace("Z", "+00:00")
    if len(s) > 5 and s[-5] in "+-" and s[-3] != ":":
        s = s[:-2] + ":" + s[-2:]
    date, _, rest = s.partition(".")
    if rest:  # at most microseconds for fromisoformat
        frac = "".join(c for c in rest[: next((i for i, c in enumerate(rest) if not c.isdigit()), len(rest))])
        s = date + "." + (frac + "000000")[:6] + rest[len(frac):]
    return datetime.fromisoformat(s).timestamp()


def variables(**values):
    return json.dumps({"variables": {k: ({"value": v, "type": "Boolean"} if isinstance(v, bool) else {"value": v})
                                     for k, v in values.items()}})


def answer(task):
    """Completes an open task of the go-live as the person who would; returns what it did."""
    key, tid = task["taskDefinitionKey"], task["id"]
    if key == "UserTask_AttestReadiness":
        user, body = "lead", variables(**{f"attest_{k}": True for k in ATTESTATION_ITEMS})
    elif key == "UserTask_ReviewInconclusiveGates":
        user, body = "lead", variables(gateReviewDecision="accept", gateReviewReason="benchmark: no staging environment on the sandbox")
    elif key.startswith("UserTask_SignOff"):
        groups = [l["groupId"] for l in call("admin", f"/engine-rest/task/{tid}/identity-links?type=candidate") if l.get("groupId")]
        user = next((SIGN_OFF_USERS[g] for g in groups if g in SIGN_OFF_USERS), None)
        if user is None:
            sys.exit(f"sign-off task {tid} for unknown groups {groups}")
        body = variables(signOffDecision="approve", signOffComment="benchmark")
    elif key == "UserTask_DecideGoNoGo":
        user, body = "lead", variables(goNoGoDecision="go", goNoGoReason="benchmark")
    elif key in ("UserTask_ConsiderRollback", "UserTask_ConsiderHypercareRollback"):
        print(f"note: {key} opened (validation met a consider-rollback criterion); continuing", flush=True)
        user, body = "lead", variables(rollbackChoice="continue", rollbackChoiceReason="benchmark")
    else:
        sys.exit(f"unexpected task {key} ({task['name']}); the benchmark does not know how to answer it")
    call(user, f"/engine-rest/task/{tid}/complete", body)
    return f"{key} as {user}"


def tree(root):
    """The go-live's instance and every instance it called, recursively."""
    ids, todo = [], [root]
    while todo:
        p = todo.pop()
        ids.append(p)
        todo += [c["id"] for c in call("admin", f"/engine-rest/history/process-instance?superProcessInstanceId={p}")]
    return ids


class Timeline:
    """Sets of milliseconds between the go-live's start and end; enough for a wall time of minutes."""

    def __init__(self, start, end):
        self.t0, self.n = start, max(1, int(round((end - start) * 1000)))

    def of(self, intervals):
        s = bytearray(self.n)
        for a, b in intervals:
            i, j = max(0, int(round((a - self.t0) * 1000))), min(self.n, int(round((b - self.t0) * 1000)))
            if j > i:
                s[i:j] = b"\x01" * (j - i)
        return s

    @staticmethod
    def seconds(s):
        return sum(s) / 1000.0


def stretches(flags):
    """(length, first, end) of each run of set milliseconds."""
    runs, start = [], None
    for i, flag in enumerate(list(flags) + [0]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((i - start, start, i))
            start = None
    return runs


def main():
    backup = call("ops", "/api/environments/sandbox/backups", "")
    print(f"backup {backup.get('id')} taken for the readiness test restore")
    with open(MANIFEST) as f:
        started = call("release", "/api/go-lives", f.read(), "application/yaml")
    pid, gid = started["processInstanceId"], started["id"]
    print(f"go-live {gid} ({pid})", flush=True)
    deadline, answered, last_state = time.time() + 900, set(), 0.0
    while True:
        for task in call("admin", f"/engine-rest/task?processInstanceBusinessKey={urllib.parse.quote(gid)}"):
            if task["id"] not in answered:
                answered.add(task["id"])
                answer(task)
        if time.time() - last_state > 0.5:
            last_state = time.time()
            hpi = call("admin", f"/engine-rest/history/process-instance/{pid}")
            if hpi["state"] != "ACTIVE":
                break
        if time.time() > deadline:
            sys.exit("go-live did not end within 15 minutes")
        time.sleep(POLL)

    instances = tree(pid)
    acts = []
    for p in instances:
        acts += call("admin", f"/engine-rest/history/activity-instance?processInstanceId={p}&sortBy=startTime&sortOrder=asc")
    for a in acts:
        a["s"], a["e"] = ts(a["startTime"]), ts(a["endTime"]) if a["endTime"] else ts(a["startTime"])
    start, end = ts(hpi["startTime"]), ts(hpi["endTime"])
    wall = end - start

    # evidence entries with the time inside a delegate, each matched to the activity instance it ran in
    # (same step, ended inside the instance); entries of other instances (the post-go-live follow-up) stay out
    evidence = [e for e in call("release", f"/api/go-lives/{gid}/evidence") if e.get("result") == "done" and "millis" in e]
    by_step = {}
    for e in evidence:
        e["e"] = ts(e["at"])
        e["s"] = e["e"] - e["millis"] / 1000.0
        by_step.setdefault(e["step"], []).append(e)
    slack = 0.005
    for a in acts:
        a["inside"] = None
        for e in by_step.get(a["activityId"], []):
            if not e.get("used") and a["s"] - slack <= e["e"] <= a["e"] + slack:
                e["used"], a["inside"] = True, e
                break

    leaves = [a for a in acts if a["activityType"] not in LEAF_EXCLUDED]
    waits, overshoots, rows = [], [], []
    for a in sorted(leaves, key=lambda a: (a["s"], a["e"])):
        d = a["e"] - a["s"]
        if a["activityType"] in WAITING:
            waits.append((a["s"], a["e"]))
            rows.append((a["activityId"], d, None, "wait (person)"))
        elif a["activityType"] == "intermediateTimer":
            waits.append((a["s"], min(a["e"], a["s"] + TIMER)))
            overshoots.append((a["s"] + TIMER, a["e"]))
            rows.append((a["activityId"], d, None, f"wait ({TIMER:g} s interval, the rest is engine)"))
        elif a["inside"] is not None:
            rows.append((a["activityId"], d, a["inside"]["millis"] / 1000.0, ""))
        elif a["activityType"] == "businessRuleTask":
            rows.append((a["activityId"], d, 0.0, "DMN, in the engine"))
        elif a["activityType"].endswith("Task"):
            rows.append((a["activityId"], d, 0.0, "no evidence entry"))

    print(f"\n{'step':36} {'wall s':>8} {'inside s':>9}")
    for name, d, inner, note in rows:
        print(f"{name:36} {d:8.3f} {'' if inner is None else f'{inner:9.3f}'} {note}")

    line = Timeline(start, end)
    W = line.of(waits)
    D = line.of([(a["inside"]["s"], a["inside"]["e"]) for a in acts if a["inside"] is not None])
    L = line.of([(a["s"], a["e"]) for a in leaves])
    O = line.of(overshoots)
    wait_s = Timeline.seconds(W)
    delegates_all = sum(a["inside"]["millis"] for a in acts if a["inside"] is not None) / 1000.0
    delegates_out = Timeline.seconds(bytes(d and not w for d, w in zip(D, W)))
    engine_set = bytes(not (w or d) for w, d in zip(W, D))
    engine = Timeline.seconds(engine_set)
    late = Timeline.seconds(bytes(e and o for e, o in zip(engine_set, O)))
    between = Timeline.seconds(bytes(e and not l and not o for e, l, o in zip(engine_set, L, O)))
    in_steps = engine - late - between
    steps = sum(1 for a in acts if a["activityType"] == "serviceTask")  # every service task is asyncBefore: one job each
    timers = sum(1 for a in acts if a["activityType"] == "intermediateTimer")
    ends = [a["activityId"] for a in acts if a["activityType"] == "noneEndEvent" and a["parentActivityInstanceId"] == pid]
    busy = wall - wait_s
    print(f"\nend: {ends[-1] if ends else hpi['state']}  ({len(instances)} process instances)")
    print(f"wall time               {wall:8.3f} s")
    print(f"deliberate waits        {wait_s:8.3f} s  (user tasks open: attestation, gate review, sign-offs, go/no-go; hypercare timer intervals)")
    print(f"inside delegates        {delegates_out:8.3f} s  outside the waits ({delegates_all:.3f} s in all, "
          f"{delegates_all - delegates_out:.3f} s while a task was open)")
    print(f"engine (the rest)       {engine:8.3f} s  of which {between:.3f} s between steps, {in_steps:.3f} s in a step outside "
          f"its delegate, {late:.3f} s timers firing late")
    print(f"engine per async step   {1000 * engine / (steps + timers):8.1f} ms (over {steps} async steps and {timers} timers)")
    print(f"engine share of wall    {100 * engine / wall:8.2f} %  (target <= 2 %)")
    print(f"engine share of busy    {100 * engine / busy:8.2f} %  (wall minus deliberate waits)")
    # the window's budget: the go-live's own steps, and the rollback's when it rolled back (all entries, failed
    # attempts included: a failed install still kept Odoo down)
    windowed = [e for e in call("release", f"/api/go-lives/{gid}/evidence") if "millis" in e and e.get("at")]
    for e in windowed:
        e["e"] = ts(e["at"])
        e["s"] = e["e"] - e["millis"] / 1000.0
    go_live_budget = benchmark_downtime.budget(windowed, benchmark_downtime.GO_LIVE)
    rollback_budget = benchmark_downtime.budget(windowed, benchmark_downtime.ROLLBACK)
    benchmark_downtime.report("go-live", go_live_budget)
    if rollback_budget is not None:
        benchmark_downtime.report("rollback", rollback_budget)
    off_host = [e for e in windowed if e["step"] == "Task_BackUpRestorePoint" and e.get("result") == "done"]
    if off_host:
        print(f"  off-host backup after the window (Task_BackUpRestorePoint) {off_host[-1]['millis'] / 1000.0:8.3f} s")
    gaps = int(os.environ.get("GOLIVE_BENCH_GAPS", "0"))
    if gaps:
        print(f"\nthe engine's {gaps} longest stretches (no person, timer or delegate at work), with the steps around them:")
        for n, a, b in sorted(stretches(engine_set), reverse=True)[:gaps]:
            before = max((x for x in leaves if x["e"] <= line.t0 + (a + 1.5) / 1000), key=lambda x: x["e"], default=None)
            after = min((x for x in leaves if x["s"] >= line.t0 + (b - 1.5) / 1000), key=lambda x: x["s"], default=None)
            print(f"{n:6d} ms  after {before['activityId'] if before else '(start)':36} before {after['activityId'] if after else '(end)'}")
    summary = os.environ.get("GOLIVE_BENCH_SUMMARY")
    if summary:
        with open(summary, "a") as f:
            f.write(json.dumps({"run": os.environ.get("GOLIVE_BENCH_RUN", ""), "goLive": gid, "end": ends[-1] if ends else hpi["state"], "wall": wall, "waits": wait_s,
                                "delegates": delegates_out, "engine": engine, "between": between, "inSteps": in_steps,
                                "late": late, "steps": steps, "timers": timers, "goLiveBudget": go_live_budget,
                                "rollbackBudget": rollback_budget}) + "\n")
    # the go-live kept the Odoo container it replaced, for a rollback: a benchmark's go-live needs none, and every
    # run would leave one more stopped container on the sandbox
    previous = os.environ.get("GOLIVE_BENCH_REMOVE_PREVIOUS")
    if previous and os.environ.get("GOLIVE_DOCKER_HOST"):
        # a rolled-back go-live put the previous one back under the name and set the release's aside instead
        name = f"{previous}-failed-{gid}" if rollback_budget is not None else f"{previous}-previous-{gid}"
        done = subprocess.run(["docker", "-H", os.environ["GOLIVE_DOCKER_HOST"], "rm", name], capture_output=True, text=True)
        print(f"removed the kept container {name}" if done.returncode == 0 else f"kept container {name} not removed: {done.stderr.strip()}")


if __name__ == "__main__":
    main()
