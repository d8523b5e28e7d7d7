package org.golive.backup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of a backup's and a restore point's evidence facts, in one place: every step that records a backup
 * (taken, verified, tested, restored, named by a rollback) or a snapshot (taken, swapped back, dropped) writes them,
 * and {@code evidence.EvidenceCodec} reads them back into typed entries. Old evidence logs on disk use the same
 * names, so they never change.
 */
public final class BackupFacts {

    public static final String BACKUP_ID = "backupId";
    public static final String DATABASE = "database";
    public static final String DUMP_FILE = "dumpFile";
    public static final String DUMP_SIZE_BYTES = "dumpSizeBytes";
    public static final String DUMP_SHA256 = "dumpSha256";
    public static final String FILESTORE_ARCHIVE = "filestoreArchive";
    public static final String FILESTORE_SHA256 = "filestoreSha256";
    /** The database a backup was dumped from when it is not the environment's own (a snapshot). */
    public static final String DUMPED_FROM = "dumpedFrom";

    public static final String RESTORE_POINT = "restorePoint";
    public static final String SNAPSHOT_DATABASE = "snapshotDatabase";
    public static final String FILESTORE_SNAPSHOT = "filestoreSnapshot";
    public static final String SNAPSHOT_REFUSED = "snapshotRefused";
    public static final String FAILED_DATABASE = "failedDatabase";
    public static final String FAILED_FILESTORE = "failedFilestore";
    public static final String DROPPED = "dropped";

    private BackupFacts() {
    }

    /** The facts of a verified backup, as every step that takes one records them. */
    static Map<String, Object> of(BackupRecord backup, String dumpedDatabase, DumpFormat format) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(BACKUP_ID, backup.id());
        facts.put(DATABASE, backup.database());
        if (!backup.database().equals(dumpedDatabase)) {
            facts.put(DUMPED_FROM, dumpedDatabase);
        }
        // the password travels in the child's environment (PGPASSWORD), never in argv
        facts.put("argv", String.join(" ", format.dumpArgv(backup.dumpFile() + ".partial", dumpedDatabase)));
        facts.put("exitCode", 0); // BackupService refuses any other exit code
        facts.put(DUMP_FILE, backup.dumpFile());
        facts.put(DUMP_SIZE_BYTES, backup.dumpSizeBytes());
        facts.put(DUMP_SHA256, backup.dumpSha256());
        facts.put("pgRestoreListArgv", "pg_restore --list " + backup.dumpFile());
        facts.put("pgRestoreListExitCode", 0);
        facts.put("pgRestoreListEntries", backup.dumpTocEntries());
        facts.put(FILESTORE_ARCHIVE, backup.filestoreArchive());
        facts.put("filestoreSizeBytes", backup.filestoreSizeBytes());
        facts.put(FILESTORE_SHA256, backup.filestoreSha256());
        // local: the host path; docker: streamed through the environment's Docker host; none: no filestore (empty archive)
        facts.put("filestoreAccess", String.valueOf(backup.filestoreAccess()));
        facts.put("runningImage", String.valueOf(backup.runningImage()));
        facts.put("backupCreatedAt", String.valueOf(backup.createdAt()));
        return facts;
    }
}
