package org.golive.backup;

import java.time.Instant;

/** A finished, verified pre-deploy backup: the custom-format dump and the filestore archive. */
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
        Instant createdAt) {
}
