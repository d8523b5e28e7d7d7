#!/usr/bin/env python3
"""Runs one fleet go-live of the environments named on the command line and prints golive's own time per environment.

Takes a backup of each environment (the readiness gate backupRestore wants a recent one), starts the fleet as
`release` (waves of equal size, GOLIVE_BENCH_FLEET_WAVES), and plays every person as deploy/benchmark.py does: the
sign-offs, the fleet's go/no-go (`lead`), and in each called go-live the attestation and the inconclusive gates.

Then, with the timeline method of deploy/benchmark.py, per environment over its go-live and every instance it called:
deliberate waits (user tasks open, hypercare intervals), time inside delegates (evidence `millis`) and the engine
(the rest). Inside delegates is split by step: golive's own steps (OWN_STEPS: no call to Odoo, Docker, PostgreSQL or
the backup directory) are glue; the others do Odoo's work (Docker stop/start/health, Odoo CLI runs, database copies,
dumps and restores, HTTP checks against Odoo) and also golive's glue around it, which the evidence does not separate.
The fleet instance's own engine time (its wall time outside its waits, its delegate and its go-lives) is divided by
the environments. "engine and glue per environment" = engine + own steps + fleet engine / N: a lower bound of
golive's own time, the glue inside Odoo-facing steps left out. Prints figures, asserts nothing.
"""
import json, os, sys, time, urllib.parse

import benchmark as one
from benchmark import Timeline, call, ts, tree

ENVIRONMENTS = sys.argv[1:]
WAVES = int(os.environ.get("GOLIVE_BENCH_FLEET_WAVES", "4"))
WARMUP = int(os.environ.get("GOLIVE_BENCH_FLEET_WARMUP", "0"))
TARGET_MS = 200
# Camunda's Spring Boot job executor runs jobs on the Spring task executor, whose threads carry this prefix
JOB_THREADS = os.environ.get("GOLIVE_BENCH_JOB_THREADS", "camundaTaskExec")
# steps that, as the benchmark configures golive (no notification channel, no monitoring, edge, proxy, Odoo security,
# staging or smoke calls configured, no hooks, no off-site copy), call nothing outside golive and its engine database
OWN_STEPS = {"Task_CheckChangeFreeze", "Task_CheckMonitoring", "Task_CheckStagingHistory", "Task_CheckRollbackRehearsed",
             "Task_CheckEdge", "Task_CheckProxyConfig", "Task_CheckOdooSecurity", "Task_CheckStagingLoad",
             "Task_CheckOdooConfig", "Task_CheckRehearsal", "Task_AnnounceDeploymentStart", "Task_AnnounceGoLive",
             "Task_RunPreUpdateHooks", "Task_RunPostUpdateHooks", "Task_RunSmokeCalls", "Task_AssessReleaseHealth",
             "Task_StartPostGoLiveFollowUp", "Task_CopyBackupOffsite", "Task_WriteEvidenceDocuments",
             "Task_WriteStopEvidenceDocuments", "Task_WriteRollbackEvidenceDocuments", "Task_WriteFleetSummary"}


def answer(task):
    key, tid = task["taskDefinitionKey"], task["id"]
    if key == "UserTask_DecideFleetGoNoGo":
        call("lead", f"/engine-rest/task/{tid}/complete", one.variables(goNoGoDecision="go", goNoGoReason="benchmark"))
    elif key == "UserTask_DecideNextWave":
        print("note: UserTask_DecideNextWave opened (a go-live of the wave did not complete); going on", flush=True)
        call("lead", f"/engine-rest/task/{tid}/complete", one.variables(fleetDecision="go-on", fleetDecisionReason="benchmark"))
    else:
        one.answer(task)


def activities(instances):
    acts = []
    for p in instances:
        acts += call("admin", f"/engine-rest/history/activity-instance?processInstanceId={p}&sortBy=startTime&sortOrder=asc")
    for a in acts:
        a["s"], a["e"] = ts(a["startTime"]), ts(a["endTime"]) if a["endTime"] else ts(a["startTime"])
    return acts


def match_evidence(acts, key):
    """Each done evidence entry with millis to the activity instance it ran in (same step, ended inside it)."""
    by_step = {}
    for e in call("release", f"/api/go-lives/{urllib.parse.quote(key)}/evidence"):
        if e.get("result") == "done" and "millis" in e:
            e["e"] = ts(e["at"])
            e["s"] = e["e"] - e["millis"] / 1000.0
            by_step.setdefault(e["step"], []).append(e)
    for a in acts:
        a["inside"] = None
        for e in by_step.get(a["activityId"], []):
            if not e.get("used") and a["s"] - 0.005 <= e["e"] <= a["e"] + 0.005:
                e["used"], a["inside"] = True, e
                break


def waits_of(acts):
    waits = []
    for a in acts:
        if a["activityType"] in one.WAITING:
            waits.append((a["s"], a["e"]))
        elif a["activityType"] == "intermediateTimer":
            waits.append((a["s"], min(a["e"], a["s"] + one.TIMER)))
    return waits


def end_event(acts, pid):
    """The end event the go-live itself reached (the REST list of historic instances does not carry it)."""
    ends = [a["activityId"] for a in acts if a["processInstanceId"] == pid and a["activityType"] == "noneEndEvent"]
    return ends[-1] if ends else None


def attempts(key):
    """Every timed evidence entry of a go-live (done, failed, attempt failed) as (start, end, step, result), by time."""
    out = []
    for e in call("release", f"/api/go-lives/{urllib.parse.quote(key)}/evidence"):
        if "millis" in e and e.get("result") in ("done", "failed", "attempt failed"):
            end = ts(e["at"])
            out.append((end - e["millis"] / 1000.0, end, e["step"], e["result"]))
    return sorted(out, key=lambda a: a[1])


def retry_waits(timed):
    """After each failed attempt, the retry cycle's wait until the step's next attempt starts: deliberate, like a timer."""
    waits = []
    for i, (_, end, step, result) in enumerate(timed):
        if result == "attempt failed":
            following = [a for a in timed[i + 1:] if a[2] == step]
            if following:
                waits.append((end, following[0][0]))
    return waits


def measure(child):
    """One go-live of the fleet: its figures on its own timeline, as deploy/benchmark.py computes them; a failed
    attempt counts as time inside its delegate, the retry cycle's wait after it as a deliberate wait."""
    pid, start, end = child["id"], ts(child["startTime"]), ts(child["endTime"])
    acts = activities(tree(pid))
    timed = attempts(child["businessKey"])
    line = Timeline(start, end)
    retries = retry_waits(timed)
    R = line.of(retries)
    W = line.of(waits_of(acts) + retries)
    D = line.of([(a, b) for a, b, _, _ in timed])
    own = line.of([(a, b) for a, b, step, result in timed if step in OWN_STEPS and result == "done"])
    env = call("admin", f"/engine-rest/history/variable-instance?processInstanceId={pid}&variableName=environment")
    return {"environment": env[0]["value"] if env else "?", "goLive": child["businessKey"],
            "end": end_event(acts, pid) or child.get("state"),
            "wall": end - start, "waits": Timeline.seconds(W), "retryWaits": Timeline.seconds(R),
            "failedAttempts": sum(1 for t in timed if t[3] == "attempt failed"),
            "delegates": Timeline.seconds(bytes(d and not w for d, w in zip(D, W))),
            "own": Timeline.seconds(bytes(o and not w for o, w in zip(own, W))),
            "engine": Timeline.seconds(bytes(not (w or d) for w, d in zip(W, D))),
            "steps": sum(1 for a in acts if a["activityType"] == "serviceTask"),
            "timers": sum(1 for a in acts if a["activityType"] == "intermediateTimer")}


def fleet_own(fleet, children):
    """The fleet instance and its sign-off: engine time outside their waits, their delegate and the go-lives."""
    pid = fleet["id"]
    called = call("admin", f"/engine-rest/history/process-instance?superProcessInstanceId={pid}")
    acts = activities([pid] + [c["id"] for c in called if c["processDefinitionKey"] != "go-live"])
    match_evidence(acts, fleet["businessKey"])
    start, end = ts(fleet["startTime"]), ts(fleet["endTime"])
    line = Timeline(start, end)
    W = line.of(waits_of(acts))
    D = line.of([(a["inside"]["s"], a["inside"]["e"]) for a in acts if a["inside"]])
    C = line.of([(ts(c["startTime"]), ts(c["endTime"])) for c in children])
    return {"wall": end - start, "waits": Timeline.seconds(W), "delegates": Timeline.seconds(bytes(d and not w for d, w in zip(D, W))),
            "children": Timeline.seconds(C), "engine": Timeline.seconds(bytes(not (w or d or c) for w, d, c in zip(W, D, C)))}


def cpu_seconds():
    """CPU time of golive's JVM so far (user + system, its own threads; the docker, pg_dump and Odoo processes are not
    in it), or None when GOLIVE_BENCH_PID is not set."""
    pid = os.environ.get("GOLIVE_BENCH_PID")
    if not pid:
        return None
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def threads_cpu():
    """CPU seconds of each of golive's threads so far, by thread id: (name, seconds); empty without GOLIVE_BENCH_PID."""
    pid = os.environ.get("GOLIVE_BENCH_PID")
    if not pid:
        return {}
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                raw = f.read()
        except OSError:  # ended between listdir and open
            continue
        name, rest = raw.split("(", 1)[1].rsplit(")", 1)
        fields = rest.split()
        threads[tid] = (name, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
    return threads


def thread_groups(before, after):
    """CPU spent between two threads_cpu() readings, by thread name without its number (C2 CompilerThread0 -> C2
    CompilerThread); threads that ended in between are lost, pooled threads live on."""
    groups = {}
    for tid, (name, cpu) in after.items():
        spent = cpu - before.get(tid, (name, 0.0))[1]
        key = name.rstrip("0123456789#-").strip()
        groups[key] = groups.get(key, 0.0) + spent
    return sorted(groups.items(), key=lambda kv: -kv[1])


def manifest(environments, wave_count):
    size = -(-len(environments) // wave_count)
    waves = [environments[i:i + size] for i in range(0, len(environments), size)]
    return ("image: golive/odoo\ntag: \"18.0-2\"\ninstall: [golive_extra]\nupdate: [golive_demo]\n"
            "notes: fleet benchmark\nfleet:\n  waves:\n" + "".join(f"    - [{', '.join(w)}]\n" for w in waves)), waves


def run_fleet(environments, wave_count, label):
    """Backs each environment up, starts one fleet over them and plays every person until it ends."""
    for env in environments:
        call("ops", f"/api/environments/{env}/backups", "")
    print(f"{label}: backups taken for the readiness test restores of {len(environments)} environments", flush=True)
    yaml, waves = manifest(environments, wave_count)
    started = call("release", "/api/fleets", yaml, "application/yaml")
    pid, fid = started["processInstanceId"], started["id"]
    print(f"{label}: fleet {fid} ({pid}): {len(waves)} waves of {', '.join(str(len(w)) for w in waves)}", flush=True)
    deadline, answered, last_state = time.time() + 3600, set(), 0.0
    while True:
        for task in call("admin", "/engine-rest/task?maxResults=500"):
            if task["id"] not in answered:
                answered.add(task["id"])
                answer(task)
        if time.time() - last_state > 1.0:
            last_state = time.time()
            fleet = call("admin", f"/engine-rest/history/process-instance/{pid}")
            if fleet["state"] != "ACTIVE":
                return pid, fid, fleet, waves
        if time.time() > deadline:
            sys.exit("the fleet did not end within an hour")
        time.sleep(one.POLL)


def main():
    if len(ENVIRONMENTS) <= WARMUP:
        sys.exit("usage: benchmark_fleet.py ENVIRONMENT... (more than GOLIVE_BENCH_FLEET_WARMUP of them)")
    if WARMUP:
        # a fresh JVM compiles as it goes (C1, then C2): a first fleet on other environments, not measured, so the
        # measured one shows what a warm golive spends per environment
        run_fleet(ENVIRONMENTS[:WARMUP], 1, "warm-up")
    measured = ENVIRONMENTS[WARMUP:]
    cpu_before, threads_before = cpu_seconds(), threads_cpu()
    pid, fid, fleet, waves = run_fleet(measured, WAVES, "measured")
    cpu_after, threads_after = cpu_seconds(), threads_cpu()
    children = [c for c in call("admin", f"/engine-rest/history/process-instance?superProcessInstanceId={pid}")
                if c["processDefinitionKey"] == "go-live"]
    children.sort(key=lambda c: c["startTime"])
    wave_of = {env: i for i, w in enumerate(waves) for env in w}
    rows = [measure(c) for c in children]
    own = fleet_own(fleet, children)
    n = len(measured)
    share = own["engine"] / n
    print(f"\n{'environment':14} {'wave':>4} {'end':24} {'wall s':>7} {'waits s':>8} {'delegates s':>11} {'Odoo-side s':>11}"
          f" {'own steps ms':>12} {'engine ms':>9} {'engine+glue ms':>14}")
    for r in sorted(rows, key=lambda r: r["environment"]):
        figure = 1000 * (r["engine"] + r["own"] + share)
        print(f"{r['environment']:14} {wave_of.get(r['environment'], -1):4d} {r['end'] or '?':24} {r['wall']:7.2f} {r['waits']:8.2f}"
              f" {r['delegates']:11.2f} {r['delegates'] - r['own']:11.2f} {1000 * r['own']:12.0f} {1000 * r['engine']:9.0f} {figure:14.0f}")
    k = max(1, len(rows))
    mean = {f: sum(r[f] for r in rows) / k for f in ("wall", "waits", "retryWaits", "delegates", "own", "engine")}
    failed_attempts = sum(r["failedAttempts"] for r in rows)
    steps = sum(r["steps"] + r["timers"] for r in rows) / k
    figure = 1000 * (mean["engine"] + mean["own"] + share)
    print(f"\nend: {fleet.get('endActivityId') or fleet.get('state')}  {len(rows)} go-lives of {n} environments; completed: "
          f"{sum(1 for r in rows if r['end'] == 'EndEvent_GoLiveCompleted')}")
    print(f"fleet wall time                  {own['wall']:8.2f} s  (first request to FLEET_SUMMARY.md; waves run one after the other)")
    print(f"fleet's own waits                {own['waits']:8.2f} s  (sign-offs, fleet go/no-go)")
    print(f"fleet's own delegate             {own['delegates']:8.3f} s  (Task_WriteFleetSummary)")
    print(f"fleet's own engine               {own['engine']:8.3f} s  = {1000 * share:.1f} ms per environment (start, sign-off and"
          f" go/no-go ends, starting each wave, Gateway_WaveDone)")
    print(f"per environment, mean of {k}:")
    print(f"  wall time of its go-live       {mean['wall']:8.2f} s")
    print(f"  deliberate waits               {mean['waits']:8.2f} s  (attestation, gate review, 2 hypercare intervals, and"
          f" {mean['retryWaits']:.2f} s of retry-cycle waits after {failed_attempts} failed attempts in all)")
    print(f"  inside delegates               {mean['delegates']:8.3f} s  outside the waits, of which golive's own steps "
          f"{1000 * mean['own']:.0f} ms and Odoo-facing steps {mean['delegates'] - mean['own']:.3f} s (Odoo's work and the glue around it)")
    print(f"  engine                         {1000 * mean['engine']:8.0f} ms  ({1000 * mean['engine'] / steps:.1f} ms per async step over {steps:.0f})")
    print(f"  fleet's engine / N             {1000 * share:8.1f} ms")
    print(f"  engine and glue                {figure:8.0f} ms  (target < {TARGET_MS} ms: {'met' if figure < TARGET_MS else 'NOT met'};"
          f" engine + own steps + fleet / N; glue inside Odoo-facing steps not separable, not counted)")
    print(f"  engine alone (clearly golive's){1000 * (mean['engine'] + share):8.0f} ms")
    if cpu_before is not None:
        cpu = cpu_after - cpu_before
        print(f"  golive JVM CPU / N             {1000 * cpu / n:8.0f} ms  (all of golive's CPU from the fleet's start to its end,"
              f" {cpu:.1f} s over {n}: engine, every delegate's glue, the REST calls of this script, JIT; an upper bound)")
        groups = thread_groups(threads_before, threads_after)
        print("  golive's CPU by thread, whole fleet (JVM threads name themselves; Linux keeps 15 characters):")
        for name, spent in groups[:12]:
            print(f"    {name:20} {spent:7.1f} s  = {1000 * spent / n:6.0f} ms per environment")
        jobs = sum(spent for name, spent in groups if name.startswith(JOB_THREADS))
        print(f"  job executor threads / N       {1000 * jobs / n:8.0f} ms  (the engine and every delegate's own code, the"
              f" waits on Odoo, Docker and PostgreSQL not counted: they are not CPU)")
    summary = os.environ.get("GOLIVE_BENCH_SUMMARY")
    if summary:
        with open(summary, "a") as f:
            f.write(json.dumps({"fleet": fid, "environments": n, "waves": len(waves), "fleetOwn": own, "goLives": rows}) + "\n")


if __name__ == "__main__":
    main()
