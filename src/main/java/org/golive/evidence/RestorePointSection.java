package org.golive.evidence;

import static org.golive.evidence.Facts.bytes;
import static org.golive.evidence.Markdown.code;
import static org.golive.evidence.Markdown.text;
import static org.golive.evidence.Sections.at;
import static org.golive.evidence.Sections.duration;

import java.util.List;
import java.util.Optional;

import org.golive.evidence.EvidenceEntry.Backup;
import org.golive.evidence.EvidenceEntry.RestorePoint;
import org.golive.evidence.EvidenceEntry.RestorePointCleanup;
import org.golive.evidence.EvidenceEntry.RestorePointSwap;

/**
 * The restore point of a go-live in both documents: a snapshot inside the window and its off-host backup, or the
 * backup dumped inside the window and why. Logs from before snapshots have no restore point entry and render as
 * they always did.
 */
final class RestorePointSection {

    private RestorePointSection() {
    }

    /** One line for WHAT_SHIPPED.md's "Restore point" row. */
    static String line(GoLiveRecord r) {
        Optional<Backup> backup = r.backup();
        Optional<RestorePoint> point = r.restorePoint();
        String offHost = backup.map(b -> "backup " + code(b.backupId()) + ", SHA-256 " + code(b.dumpSha256())).orElse(null);
        if (point.isPresent() && point.get().snapshotDatabase() != null) {
            return "snapshot " + code(point.get().snapshotDatabase()) + " with filestore links, inside the window ("
                    + duration(point.get().stamp()) + "); off-host " + (offHost == null ? "backup not taken" : offHost);
        }
        if (point.isPresent() && offHost != null) {
            return offHost + ", dumped inside the window (no snapshot: " + text(String.valueOf(point.get().snapshotRefused())) + ")";
        }
        return offHost == null ? "no backup taken" : offHost;
    }

    /** GO_LIVE_MANIFEST.md's "Restore point" section; nothing for a log without a restore point entry. */
    static void render(Markdown.Lines md, GoLiveRecord r) {
        Optional<RestorePoint> found = r.restorePoint();
        if (found.isEmpty()) {
            return;
        }
        RestorePoint p = found.get();
        md.line("## Restore point");
        md.blank();
        md.row("", "");
        md.row("---", "---");
        md.row("Kind", p.snapshotDatabase() != null
                ? "snapshot: a copy of the database on its server (`CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY`) and a filestore of hard links"
                : "`pg_dump` inside the window");
        md.row("Taken", at(p.stamp()) + " (" + duration(p.stamp()) + ")");
        if (p.snapshotDatabase() != null) {
            md.row("Snapshot database", code(p.snapshotDatabase()));
            md.row("Database size", bytes(p.stamp().facts().get("databaseSizeBytes")));
            md.row("Filestore snapshot", code(p.filestoreSnapshot()));
            md.row("Off-host backup", r.backup().map(b -> code(b.backupId()) + ", dumped from the snapshot after Odoo served again")
                    .orElse("not taken"));
        } else {
            md.row("Why no snapshot", text(String.valueOf(p.snapshotRefused())));
        }
        List<RestorePointSwap> swaps = r.all(RestorePointSwap.class).stream().filter(s -> s.stamp().done()).toList();
        md.row("Swapped back", swaps.isEmpty() ? "no" : String.join("; ", swaps.stream().map(RestorePointSection::swapped).toList()));
        List<String> dropped = r.all(RestorePointCleanup.class).stream().filter(c -> c.stamp().done())
                .flatMap(c -> c.dropped().stream()).toList();
        md.row("Dropped", dropped.isEmpty() ? "nothing yet" : String.join(", ", dropped.stream().map(Markdown::code).toList()));
        md.blank();
    }

    /** What a swap put back, for the rollback's "What was restored". */
    static String swapped(RestorePointSwap s) {
        if (s.restored() != null) {
            return "database " + code(s.restored().database()) + " from backup " + code(s.restored().backupId()) + " (SHA-256 "
                    + code(s.restored().dumpSha256()) + "; the snapshot was gone)";
        }
        return "database " + code(s.database()) + " swapped back from snapshot " + code(s.snapshotDatabase())
                + " (failed database kept as " + code(s.failedDatabase()) + ", failed filestore at " + code(s.failedFilestore()) + ")";
    }
}
