package org.golive.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.golive.backup.RetentionPolicy.Candidate;
import org.golive.backup.RetentionPolicy.Plan;
import org.golive.config.Environments;
import org.golive.config.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Applies an environment's {@link RetentionPolicy} to its backup directory: its backups, and the dead attempts at one
 * (directories holding nothing but backup files); anything else there is left alone. A backup is deleted record first, so one whose deletion
 * is interrupted is an unfinished directory the next run removes.
 */
@Service
public class BackupRetentionService {

    private static final Logger LOG = LoggerFactory.getLogger(BackupRetentionService.class);
    private static final Pattern BACKUP_FILE = Pattern.compile("(database\\.dump|database\\.dir|filestore\\.tar\\.gz|backup\\.json)(\\.partial)?");

    /** What one run did; deleted and kept are id → bytes and id → why. */
    public record Outcome(RetentionPolicy policy, Map<String, Long> deleted, Map<String, String> kept, long bytesFreed) {
    }

    private final BackupService backups;
    private final BackupProperties properties;
    private final Clock clock;

    @Autowired
    public BackupRetentionService(BackupService backups, Environments environments, BackupProperties properties) {
        this(backups, environments, properties, Clock.systemUTC());
    }

    BackupRetentionService(BackupService backups, Environments environments, BackupProperties properties, Clock clock) {
        this.backups = backups;
        this.properties = properties;
        this.clock = clock;
        // a misspelt environment would silently keep the default policy
        properties.retention().keySet().forEach(environments::get);
    }

    public Outcome apply(Target environment) {
        RetentionPolicy policy = properties.policy(environment.name());
        Path root = environment.settings().backupDir();
        if (root == null || !Files.isDirectory(root)) {
            return new Outcome(policy, Map.of(), Map.of(), 0);
        }
        Map<String, BackupRecord> records = new LinkedHashMap<>();
        backups.list(environment).forEach(r -> records.put(r.id(), r));
        Plan plan = policy.plan(candidates(root, records), clock.instant(), c -> verifies(environment, c.id()));
        Map<String, Long> deleted = new LinkedHashMap<>();
        long freed = 0;
        for (Candidate c : plan.delete()) {
            delete(root.resolve(c.id()));
            deleted.put(c.id(), c.bytes());
            freed += c.bytes();
            LOG.info("backup retention of {}: deleted {} ({} bytes)", environment, c.id(), c.bytes());
        }
        return new Outcome(policy, deleted, plan.kept(), freed);
    }

    private boolean verifies(Target environment, String id) {
        Optional<BackupRecord> record = backups.find(environment, id);
        if (record.isEmpty()) {
            return false;
        }
        try {
            return BackupService.sha256(Path.of(record.get().dumpFile())).equals(record.get().dumpSha256())
                    && BackupService.sha256(Path.of(record.get().filestoreArchive())).equals(record.get().filestoreSha256());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static List<Candidate> candidates(Path root, Map<String, BackupRecord> records) {
        List<Candidate> candidates = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String id = dir.getFileName().toString();
                BackupRecord record = records.get(id);
                if (record == null && !onlyBackupFiles(dir)) {
                    continue; // not golive's (lost+found of a mount point, an operator's copy): never deleted
                }
                Instant time = record != null ? record.createdAt() : Files.getLastModifiedTime(dir).toInstant();
                candidates.add(new Candidate(id, time, record != null, bytes(dir)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list backups in " + root, e);
        }
        return candidates;
    }

    private static boolean onlyBackupFiles(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).allMatch(name -> BACKUP_FILE.matcher(name).matches());
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            long total = 0;
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    private static void delete(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(BackupService.RECORD));
            DumpFormat.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete backup " + dir, e);
        }
    }
}
