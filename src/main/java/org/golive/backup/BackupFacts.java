package org.golive.backup;

/**
 * The names of a backup's evidence facts, in one place: every step that records a backup (taken, verified, tested,
 * restored, named by a rollback) writes them, and {@code evidence.EvidenceCodec} reads them back into typed entries.
 * Old evidence logs on disk use the same names, so they never change.
 */
public final class BackupFacts {

    public static final String BACKUP_ID = "backupId";
    public static final String DATABASE = "database";
    public static final String DUMP_FILE = "dumpFile";
    public static final String DUMP_SIZE_BYTES = "dumpSizeBytes";
    public static final String DUMP_SHA256 = "dumpSha256";
    public static final String FILESTORE_ARCHIVE = "filestoreArchive";
    public static final String FILESTORE_SHA256 = "filestoreSha256";

    private BackupFacts() {
    }
}
