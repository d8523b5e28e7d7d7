package org.golive.backup;

import java.time.Instant;

/**
 * A finished, verified pre-deploy backup: the custom-format dump, the filestore archive, and the database's own
 * definition (encoding, collation, ctype, owner, settings) that a restore recreates. Backups made before the
 * definition was recorded have none; their restore recreates the database as golive always did.
 */
public record BackupRecord(
        String id,
        String environment,
        String database,
        String dumpFile,
        long dumpSizeBytes,
        String dumpSha256,
        int dumpTocEntries,
        String filestoreArchive,
        long filestoreSizeBytes,
        String filestoreSha256,
        String runningImage,
        Instant createdAt,
        DatabaseDefinition definition) {

    /** A backup whose database definition is not known. */
    public BackupRecord(String id, String environment, String database, String dumpFile, long dumpSizeBytes, String dumpSha256,
                        int dumpTocEntries, String filestoreArchive, long filestoreSizeBytes, String filestoreSha256,
                        String runningImage, Instant createdAt) {
        this(id, environment, database, dumpFile, dumpSizeBytes, dumpSha256, dumpTocEntries, filestoreArchive, filestoreSizeBytes,
                filestoreSha256, runningImage, createdAt, null);
    }
}
