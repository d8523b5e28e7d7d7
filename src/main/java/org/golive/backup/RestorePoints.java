package org.golive.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.golive.backup.SnapshotService.Snapshot;
import org.golive.backup.SnapshotService.Swap;
import org.golive.config.Target;
import org.golive.step.StepFailedException;
import org.springframework.stereotype.Service;

/**
 * A go-live's restore point from start to end: a snapshot inside the maintenance window, else today's
 * {@code pg_dump} there; the off-host dump of the snapshot once Odoo serves again; the rollback by swapping the
 * snapshot back, else by restoring the backup; the snapshot dropped when it is no longer needed.
 */
@Service
public class RestorePoints {

    private final SnapshotService snapshots;
    private final BackupService backups;

    public RestorePoints(SnapshotService snapshots, BackupService backups) {
        this.snapshots = snapshots;
        this.backups = backups;
    }

    /** The restore point inside the window: a snapshot, or a backup and why no snapshot could be made. */
    public record InWindow(Snapshot snapshot, BackupRecord backup, String snapshotRefused) {
    }

    /** What a rollback put back: by swapping names, or by restoring the backup (then {@code swap} is null). */
    public record RolledBack(Swap swap, BackupRecord database, BackupRecord filestore) {
    }

    /** Takes the restore point while Odoo is stopped; safe to repeat (both paths find what an earlier attempt made). */
    public InWindow takeInWindow(Target environment, String id, String runningImage) {
        SnapshotService.Attempt attempt = snapshots.take(environment, id);
        if (attempt.taken()) {
            return new InWindow(attempt.snapshot(), null, null);
        }
        return new InWindow(null, backups.backUp(environment, id, runningImage), attempt.refusedBecause());
    }

    /** The verified off-host dump of go-live {@code id}'s snapshot, taken while Odoo serves; safe to repeat. */
    public BackupRecord backUpSnapshot(Target environment, String id, String runningImage) {
        Optional<BackupRecord> existing = backups.find(environment, id);
        if (existing.isPresent()) {
            return existing.get();
        }
        SnapshotService.Names names = snapshots.names(environment, id);
        return backups.backUpFrom(environment, id, runningImage, names.snapshot(),
                names.filestore() == null ? null : FilestoreLinks.place(names.filestore(), names.snapshot()));
    }

    /**
     * Rolls back to go-live {@code id}'s restore point while Odoo is stopped: swaps the snapshot back when there is
     * one (constant time), else restores backup {@code backupId}. Safe to repeat.
     */
    public RolledBack rollBack(Target environment, String id, String backupId) {
        Optional<Swap> swap = snapshots.swapBack(environment, id);
        if (swap.isPresent()) {
            return new RolledBack(swap.get(), null, null);
        }
        if (backupId == null) {
            throw new StepFailedException("no snapshot of " + id + " to swap back and no backup to restore");
        }
        return new RolledBack(null, backups.restoreDatabase(environment, backupId), backups.restoreFilestore(environment, backupId));
    }

    /** Drops go-live {@code id}'s snapshot and every copy past its keeping time; returns what it dropped. */
    public List<String> cleanUp(Target environment, String id, Instant now) {
        List<String> dropped = new ArrayList<>(id == null ? List.of() : snapshots.drop(environment, id));
        dropped.addAll(snapshots.sweep(environment, now));
        return dropped;
    }
}
