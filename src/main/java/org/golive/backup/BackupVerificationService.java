package org.golive.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.config.Target;
import org.springframework.stereotype.Service;

/**
 * The daily backup check after a go-live (checklist 000 Week 1 "Backup verification daily"): the newest
 * finished backup of an environment is recent, matches the checksums written when it was taken, and is a
 * dump {@code pg_restore} can read. No test restore: that belongs to the readiness gate, not a daily check.
 */
@Service
public class BackupVerificationService {

    /** What one verification found; {@code problems} is empty when it passed. Facts never hold secrets. */
    public record Verification(boolean passed, String backupId, List<String> problems, Map<String, Object> facts) {

        public Verification {
            problems = List.copyOf(problems);
            facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }

        public String summary() {
            return passed ? "backup " + backupId + " verified" : String.join("; ", problems);
        }
    }

    private final BackupService backups;

    public BackupVerificationService(BackupService backups) {
        this.backups = backups;
    }

    /**
     * Checks the newest backup of the environment. A missing, old, altered or unreadable backup is a failed
     * verification, not an exception: the caller records it and carries on.
     */
    public Verification verifyLatest(Target environment, Duration maxAge) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("environment", environment.name());
        facts.put("maxAge", maxAge.toString());
        List<BackupRecord> all;
        try {
            all = backups.list(environment);
        } catch (RuntimeException e) {
            return new Verification(false, null, List.of("backups of " + environment + " cannot be listed: " + e.getMessage()), facts);
        }
        if (all.isEmpty()) {
            return new Verification(false, null, List.of("no finished backup for environment " + environment), facts);
        }
        BackupRecord latest = all.get(0);
        facts.put(BackupFacts.BACKUP_ID, latest.id());
        facts.put("createdAt", String.valueOf(latest.createdAt()));
        facts.put(BackupFacts.DUMP_FILE, latest.dumpFile());
        List<String> problems = new ArrayList<>();

        Duration age = latest.createdAt() == null ? null : Duration.between(latest.createdAt(), Instant.now());
        facts.put("age", String.valueOf(age));
        if (age == null || age.compareTo(maxAge) > 0) {
            problems.add("newest backup " + latest.id() + " is too old: age " + age + " exceeds " + maxAge);
        }
        checksum(latest.id(), "dump", latest.dumpFile(), latest.dumpSha256(), facts, problems);
        checksum(latest.id(), "filestore", latest.filestoreArchive(), latest.filestoreSha256(), facts, problems);
        try {
            int entries = backups.tocEntries(Path.of(latest.dumpFile()));
            facts.put("pgRestoreListEntries", entries);
        } catch (RuntimeException e) {
            problems.add("backup " + latest.id() + ": pg_restore --list failed: " + e.getMessage());
        }
        return new Verification(problems.isEmpty(), latest.id(), problems, facts);
    }

    private static void checksum(String id, String what, String file, String expected, Map<String, Object> facts,
                                 List<String> problems) {
        if (file == null) {
            problems.add("backup " + id + " names no " + what + " file");
            return;
        }
        try {
            String actual = BackupService.sha256(Path.of(file));
            facts.put(what + "Sha256", actual);
            if (!actual.equals(expected)) {
                problems.add("backup " + id + ": " + what + " " + file + " does not match its SHA-256 checksum in backup.json");
            }
        } catch (IOException e) {
            problems.add("backup " + id + ": " + what + " " + file + " is unreadable: "
                    + (Files.exists(Path.of(file)) ? e.getMessage() : "missing"));
        }
    }
}
