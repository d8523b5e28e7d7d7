#!/usr/bin/env bash
# The downtime budget, today's path against the snapshot path, side by side: for each database size
# (GOLIVE_BENCH_SIZES, MB of ballast, default "256 1024") and each path (golive.snapshot.enabled false: pg_dump in
# the window and pg_restore in the rollback; true: template copy and renames), deploy/benchmark.sh runs a cold and a
# warm go-live of docs/examples/release-18.0-2.yaml and one go-live whose install fails and rolls back. Then one
# table: each part of the window, the downtime, its irreducible part, the ratios, the targets beside them.
# Prints figures, asserts nothing. Takes minutes per size (the ballast, the dumps); run it alone on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${GOLIVE_BENCH_OUT:-$(mktemp -d /tmp/golive-downtime.XXXXXX)}
failing="$out/release-fails.yaml"
cat >"$failing" <<'YAML'
image: golive/odoo
tag: "18.0-2"
environment: sandbox
install: [golive_extra, golive_broken]
update: [golive_demo]
notes: The stand-in's golive_broken fails to install, so the go-live rolls back (benchmark of the rollback).
YAML
for size in ${GOLIVE_BENCH_SIZES:-256 1024}; do
  for path in dump snapshot; do
    enabled=$([ "$path" = snapshot ] && echo true || echo false)
    echo "=== $size MB, $path path"
    GOLIVE_BENCH_DATABASE_MB=$size GOLIVE_BENCH_WARM_RUNS=1 GOLIVE_BENCH_ROLLBACK_MANIFEST="$failing" \
      GOLIVE_BENCH_SUMMARY="$out/$size-$path.jsonl" GOLIVE_BENCH_ARGS="--golive.snapshot.enabled=$enabled ${GOLIVE_BENCH_ARGS:-}" \
      bash deploy/benchmark.sh | tee "$out/$size-$path.log"
  done
done
echo "=== load average: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores: ~2 is a busy machine, more is a queue)"
python3 - "$out" ${GOLIVE_BENCH_SIZES:-256 1024} <<'PY'
import json, sys
sys.path.insert(0, "deploy")
from benchmark_downtime import PARTS
out, sizes = sys.argv[1], sys.argv[2:]
rows = {}
for size in sizes:
    for path in ("dump", "snapshot"):
        try:
            rows[size, path] = {r["run"]: r for r in map(json.loads, open(f"{out}/{size}-{path}.jsonl"))}
        except OSError:
            pass
def fig(size, path, run, key, part):
    b = rows.get((size, path), {}).get(run, {}).get(key)
    return None if not b else b[part]
def cell(v):
    return "—" if v is None else f"{v:.2f}"
def ratio(a, b):
    return "—" if a is None or b in (None, 0) else f"{a / b:.2f}"
for title, run, key in (("go-live (warm)", "warm", "goLiveBudget"), ("rollback", "rollback", "rollbackBudget")):
    print(f"\n{title}: seconds, today's path (dump) and the snapshot path, snapshot/dump")
    head = "| part | " + " | ".join(f"{s} MB dump | {s} MB snapshot | ratio" for s in sizes) + " |"
    print(head)
    print("|" + " --- |" * (1 + 3 * len(sizes)))
    for part in PARTS + ["engine and gaps", "downtime", "irreducible"]:
        cells = []
        for s in sizes:
            d, n = fig(s, "dump", run, key, part), fig(s, "snapshot", run, key, part)
            cells += [cell(d), cell(n), ratio(n, d)]
        print(f"| {part} | " + " | ".join(cells) + " |")
    cells = []
    for s in sizes:
        d, n = (fig(s, p, run, key, "downtime") for p in ("dump", "snapshot"))
        di, ni = (fig(s, p, run, key, "irreducible") for p in ("dump", "snapshot"))
        cells += [ratio(d, di), ratio(n, ni), ""]
    print("| downtime / irreducible | " + " | ".join(cells) + " |")
    if run == "rollback":
        cells = []
        for s in sizes:
            for p in ("dump", "snapshot"):
                d, st = fig(s, p, run, key, "downtime"), fig(s, p, run, key, "start until healthy")
                cells.append("—" if d is None else f"{d - st:.2f}")
            cells.append("")
        print("| downtime - start until healthy | " + " | ".join(cells) + " |")
print("\ntargets: go-live downtime <= 1.10 x irreducible at 1 GB; rollback downtime <= start until healthy + 2 s, flat"
      " from 256 MB to 1 GB; engine <= 10 ms per async step warm")
for size in sizes:
    for path in ("dump", "snapshot"):
        w = rows.get((size, path), {}).get("warm")
        if w:
            print(f"engine per async step, warm, {size} MB {path}: {1000 * w['engine'] / (w['steps'] + w['timers']):.1f} ms")
print(f"(logs and figures: {out})")
PY
