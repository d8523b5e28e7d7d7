"""The downtime budget of a go-live and of its rollback, from the steps' evidence (time inside each delegate).

Downtime is maintenance on -> Odoo healthy: from the start of the step that stops Odoo to the end of the step that
waited for /web/health. It is split into the parts below; "engine and gaps" is what lies between the steps' code
(job hand-over, commits). The irreducible part is what any way of deploying pays: stopping Odoo, Odoo's own CLI
run(s), starting Odoo until healthy. Used by deploy/benchmark.py; prints figures, asserts nothing.
"""

GO_LIVE = {
    "stop": ["Task_EnableMaintenance"],
    "restore point": ["Task_BackUpDatabase"],
    "container swap": ["Task_KeepPreviousOdoo", "Task_DeployOdooContainer"],
    "Odoo CLI": ["Task_InstallAndUpdateModules", "Task_InstallModules", "Task_UpdateModules"],
    "start until healthy": ["Task_StartOdoo"],
}
ROLLBACK = {
    "stop": ["Task_EnableRollbackMaintenance"],
    "restore point": ["Task_SwapRestorePoint", "Task_RestoreDatabase", "Task_RestoreFilestore"],
    "container swap": ["Task_SetAsideFailedOdoo"],
    "Odoo CLI": [],
    "start until healthy": ["Task_RestorePreviousOdoo"],
}
PARTS = ["stop", "restore point", "container swap", "Odoo CLI", "start until healthy"]


def budget(entries, parts):
    """entries: evidence entries with s/e (epoch seconds) and step; the last attempt of each step counts."""
    last = {}
    for e in entries:
        if e["step"] in sum(parts.values(), []):
            last[e["step"]] = e
    first_step, last_step = parts["stop"][0], parts["start until healthy"][0]
    if first_step not in last or last_step not in last:
        return None
    window = last[last_step]["e"] - last[first_step]["s"]
    figures = {p: sum(last[s]["e"] - last[s]["s"] for s in steps if s in last) for p, steps in parts.items()}
    figures["engine and gaps"] = window - sum(figures.values())
    figures["downtime"] = window
    figures["irreducible"] = figures["stop"] + figures["Odoo CLI"] + figures["start until healthy"]
    taken = next((s for s in parts["restore point"] if s in last), None)
    # Task_BackUpDatabase says in its facts which it made (a snapshot, or a pg_dump inside the window)
    figures["restore point kind"] = "none" if taken is None else str(last[taken].get("restorePoint", taken))
    return figures


def report(title, figures):
    if figures is None:
        print(f"\n{title}: no downtime window in this run")
        return
    print(f"\n{title} downtime budget (maintenance on -> Odoo healthy), restore point by {figures['restore point kind']}")
    for p in PARTS + ["engine and gaps"]:
        print(f"  {p:22} {figures[p]:8.3f} s")
    print(f"  {'downtime':22} {figures['downtime']:8.3f} s")
    print(f"  {'irreducible':22} {figures['irreducible']:8.3f} s  (stop + Odoo CLI + start until healthy)")
    if figures["Odoo CLI"]:
        print(f"  downtime / irreducible {figures['downtime'] / figures['irreducible']:8.2f}   (go-live target <= 1.10 at 1 GB)")
    else:
        print(f"  downtime - start       {figures['downtime'] - figures['start until healthy']:8.3f} s  (rollback target <= 2 s)")
