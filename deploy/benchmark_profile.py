#!/usr/bin/env python3
"""Where golive's job threads spend their CPU, from a Java Flight Recording of a benchmark's golive.

    GOLIVE_BENCH_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/fleet.jfr,settings=profile deploy/benchmark-fleet.sh
    python3 deploy/benchmark_profile.py /tmp/fleet.jfr [FROM TO]     # FROM/TO: ISO times (UTC) of the part to count

Counts the execution samples (JFR's jdk.ExecutionSample: a thread seen running Java code) of the job executor's
threads (GOLIVE_BENCH_JOB_THREADS, default camundaTaskExec) and attributes each sample twice: to the innermost
golive frame (org.golive.*: which step or service the CPU was spent for) and to the innermost frame's package
(what code ran: the engine, Jackson, the JDBC driver, docker-java, a digest...). Prints shares; asserts nothing.
"""
import collections, json, os, subprocess, sys
from datetime import datetime, timezone

JOB_THREADS = os.environ.get("GOLIVE_BENCH_JOB_THREADS", "camundaTaskExec")


def when(text):
    """An ISO time; without an offset it is UTC, as the recording's are."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def type_name(frame):
    """The frame's class as Java spells it (JFR's JSON writes org/h2/Value)."""
    return frame.get("method", {}).get("type", {}).get("name", "?").replace("/", ".")


def package(frame):
    kind = type_name(frame)
    parts = kind.split(".")
    return ".".join(parts[:4]) if kind.startswith("org.camunda") else ".".join(parts[:3])


def query_origin(frames):
    """For a sample inside the engine database (org.h2 or the JDBC driver): the outermost Camunda command, i.e. which
    engine operation ran that SQL; else '(not in the database)'."""
    if not any(type_name(f).startswith(("org.h2.", "org.postgresql.")) for f in frames):
        return "(not in the database)"
    commands = [f for f in frames if type_name(f).startswith("org.camunda.bpm.engine.impl.cmd.")]
    if commands:
        f = commands[-1]
        return type_name(f).rsplit(".", 1)[-1]
    golive = [f for f in frames if type_name(f).startswith("org.golive.")]
    return ("golive " + type_name(golive[-1]).rsplit(".", 1)[-1]) if golive else "(database, no command frame)"


def golive_frame(frames):
    for frame in frames:
        kind = type_name(frame)
        if kind.startswith("org.golive."):
            return kind.rsplit(".", 1)[-1] + "." + frame["method"].get("name", "?")
    return "(no golive frame: the engine's own work)"


def main():
    if len(sys.argv) not in (2, 4):
        sys.exit(__doc__)
    window = (when(sys.argv[2]), when(sys.argv[3])) if len(sys.argv) == 4 else None
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "1024", "--events", "jdk.ExecutionSample", sys.argv[1]],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(raw)["recording"]["events"]
    by_golive, by_package, by_query, total = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for event in events:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or ""
        if not thread.startswith(JOB_THREADS):
            continue
        if window and not window[0] <= when(values["startTime"]) <= window[1]:
            continue
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        total += 1
        by_golive[golive_frame(frames)] += 1
        by_package[package(frames[0])] += 1
        by_query[query_origin(frames)] += 1
    print(f"{total} execution samples of the job threads" + (f" between {sys.argv[2]} and {sys.argv[3]}" if window else ""))
    print("\nby the innermost golive frame (what the CPU was spent for):")
    for name, count in by_golive.most_common(25):
        print(f"  {100 * count / max(1, total):5.1f} %  {name}")
    print("\nsamples inside the engine database, by the engine command (outermost) that ran the SQL:")
    for name, count in by_query.most_common(15):
        print(f"  {100 * count / max(1, total):5.1f} %  {name}")
    print("\nby the package of the running frame (what code ran):")
    for name, count in by_package.most_common(20):
        print(f"  {100 * count / max(1, total):5.1f} %  {name}")


if __name__ == "__main__":
    main()
