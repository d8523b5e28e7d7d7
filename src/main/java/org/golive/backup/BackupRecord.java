package org.golive.backup;

import java.time.Instant;

/**
 * A finished, verified pre-deploy backup: the custom-format dump, the filestore archive, and the database's own
 * definition (encoding, collation, ctype, owner, settings) that a restore recreates. Backups made before the
 * definition was recorded have none; their restore recreates the database as golive always did. {@code filestoreAccess}
 * says how the filestore was archived: by the host path ({@code local}), through the Docker host ({@code docker}), or
 * {@code none} (there was none: an empty archive).
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
        DatabaseDefinition definition,
        String filestoreAccess) {

    /** A backup made before golive recorded how it reached the filestore (then: by the host path). */
    public BackupRecord(String id, String environment, String database, String dumpFile, long dumpSizeBytes, String dumpSha256,
                        int dumpTocEntries, String filestoreArchive, long filestoreSizeBytes, String filestoreSha256,
                        String runningImage, Instant createdAt, DatabaseDefinition definition) {
        this(id, environment, database, dumpFile, dumpSizeBytes, dumpSha256, dumpTocEntries, filestoreArchive, filestoreSizeBytes,
                filestoreSha256, runningImage, createdAt, definition, null);
    }

    /** The same backup, saying how a restore reached the filestore ({@code local}, {@code docker} or {@code none}). */
    public BackupRecord withFilestoreAccess(String access) {
        return new BackupRecord(id, environment, database, dumpFile, dumpSizeBytes, dumpSha256, dumpTocEntries, filestoreArchive,
                filestoreSizeBytes, filestoreSha256, runningImage, createdAt, definition, access);
    }

    /** A backup whose database definition is not known. */
    public BackupRecord(String id, String environment, String database, String dumpFile, long dumpSizeBytes, String dumpSha256,
                        int dumpTocEntries, String filestoreArchive, long filestoreSizeBytes, String filestoreSha256,
                        String runningImage, Instant createdAt) {
        this(id, environment, database, dumpFile, dumpSizeBytes, dumpSha256, dumpTocEntries, filestoreArchive, filestoreSizeBytes,
                filestoreSha256, runningImage, createdAt, null);
    }
}
