package org.golive.readiness;

import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.backup.BackupDiskSpace;
import org.golive.backup.BackupDiskSpace.Reading;
import org.golive.backup.BackupProperties;
import org.springframework.stereotype.Component;

/**
 * The backup inside the window will fit (issue 12 §6, checklist "free disk ≥ 2 × the last dump"): free space of the
 * backup directory at least {@code golive.backups.free-space-factor} times the last backup. Before the first
 * backup it judges by an upper bound (database size on disk plus filestore): enough room for that passes, less is
 * inconclusive (a compressed dump is usually far smaller, so a person decides), never a fail.
 */
@Component
public class BackupDiskGate {

    private final BackupDiskSpace disk;
    private final double factor;

    public BackupDiskGate(BackupDiskSpace disk, BackupProperties properties) {
        this.disk = disk;
        this.factor = properties.freeSpaceFactor();
    }

    public GateResult check(GateRequest request) {
        Reading reading = disk.read(request.environment());
        long needed = (long) Math.ceil(factor * reading.expectedBytes());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("backupDir", reading.directory().toString());
        facts.put("usableBytes", reading.usableBytes());
        facts.put("freeSpaceFactor", factor);
        facts.put("neededBytes", needed);
        String room = mib(reading.usableBytes()) + " free in " + reading.directory() + ", " + factor + " × ";
        if (reading.lastBackupId() != null) {
            facts.put("lastBackupId", reading.lastBackupId());
            facts.put("lastBackupBytes", reading.lastBackupBytes());
            room += "last backup " + reading.lastBackupId() + " (" + mib(reading.lastBackupBytes()) + ") = " + mib(needed);
            return reading.usableBytes() >= needed ? GateResult.pass(room, facts)
                    : GateResult.fail(room + " needed: the backup in the window may not fit", facts);
        }
        facts.put("estimateBytes", reading.estimateBytes());
        room += "estimate " + mib(reading.estimateBytes()) + " (no backup yet: database on disk + filestore) = " + mib(needed);
        return reading.usableBytes() >= needed ? GateResult.pass(room, facts)
                : GateResult.inconclusive(room + " needed; a compressed dump is smaller than this bound, a person judges", facts);
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
