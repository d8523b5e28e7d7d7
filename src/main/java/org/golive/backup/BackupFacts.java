package org.golive.backup;

import java.util.LinkedHashMap;
import java.util.Map;

/** The evidence of a verified backup, as every step that takes one records it. */
final class BackupFacts {

    private BackupFacts() {
    }

    static Map<String, Object> of(BackupRecord backup, String dumpedDatabase, int dumpCompression) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("backupId", backup.id());
        facts.put("database", backup.database());
        if (!backup.database().equals(dumpedDatabase)) {
            facts.put("dumpedFrom", dumpedDatabase);
        }
        // the password travels in the child's environment (PGPASSWORD), never in argv
        facts.put("argv", String.join(" ", BackupService.dumpArgv(dumpCompression, backup.dumpFile() + ".partial", dumpedDatabase)));
        facts.put("exitCode", 0); // BackupService refuses any other exit code
        facts.put("dumpFile", backup.dumpFile());
        facts.put("dumpSizeBytes", backup.dumpSizeBytes());
        facts.put("dumpSha256", backup.dumpSha256());
        facts.put("pgRestoreListArgv", "pg_restore --list " + backup.dumpFile());
        facts.put("pgRestoreListExitCode", 0);
        facts.put("pgRestoreListEntries", backup.dumpTocEntries());
        facts.put("filestoreArchive", backup.filestoreArchive());
        facts.put("filestoreSizeBytes", backup.filestoreSizeBytes());
        facts.put("filestoreSha256", backup.filestoreSha256());
        facts.put("runningImage", String.valueOf(backup.runningImage()));
        facts.put("backupCreatedAt", String.valueOf(backup.createdAt()));
        return facts;
    }
}
