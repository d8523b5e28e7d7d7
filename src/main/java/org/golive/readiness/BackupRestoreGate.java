package org.golive.readiness;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.backup.BackupFacts;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.config.GoliveProperties;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.support.Commands;
import org.golive.support.Commands.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checklist 000 T-7 and 001 §2.2: a recent backup exists and really restores. The newest backup is restored
 * into a scratch database on the same server, {@code ir_module_module} is read from it, and the scratch
 * database is dropped again whatever happened. The restore's duration is compared with the environment's RTO when
 * one is set ({@code golive.readiness.environments.<environment>.rto}).
 */
@Component
public class BackupRestoreGate {

    public static final String SCRATCH_PREFIX = "golive_restoretest_";

    private static final Logger LOG = LoggerFactory.getLogger(BackupRestoreGate.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BackupService backups;
    private final TargetDatabases databases;
    private final Commands commands;
    private final ReadinessProperties properties;
    private final EnvironmentGateProperties objectives;
    private final Duration toolTimeout;

    public BackupRestoreGate(BackupService backups, TargetDatabases databases, Commands commands,
                             ReadinessProperties properties, GoliveProperties golive, EnvironmentGateProperties objectives) {
        this.backups = backups;
        this.databases = databases;
        this.commands = commands;
        this.properties = properties;
        this.objectives = objectives;
        this.toolTimeout = golive.steps().toolTimeout();
    }

    public GateResult check(GateRequest request) {
        Target environment = request.environment();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("maxAgeHours", properties.backupMaxAge().toHours());
        List<BackupRecord> all = backups.list(environment);
        if (all.isEmpty()) {
            return GateResult.fail("no finished backup of " + environment, facts);
        }
        BackupRecord newest = all.get(0);
        Duration age = Duration.between(newest.createdAt(), Instant.now());
        facts.put(BackupFacts.BACKUP_ID, newest.id());
        facts.put("backupCreatedAt", newest.createdAt().toString());
        facts.put("backupAgeMinutes", age.toMinutes());
        facts.put(BackupFacts.DUMP_SHA256, newest.dumpSha256());
        facts.put(BackupFacts.DUMP_SIZE_BYTES, newest.dumpSizeBytes());
        if (age.compareTo(properties.backupMaxAge()) > 0) {
            return GateResult.fail("newest backup " + newest.id() + " of " + environment + " is " + age.toHours()
                    + " h old, more than " + properties.backupMaxAge().toHours() + " h", facts);
        }
        Path dump = Path.of(newest.dumpFile());
        try {
            if (!BackupService.sha256(dump).equals(newest.dumpSha256())) {
                return GateResult.fail("backup " + newest.id() + ": " + dump + " does not match its SHA-256", facts);
            }
        } catch (IOException e) {
            return GateResult.fail("backup " + newest.id() + ": cannot read " + dump + ": " + e.getMessage(), facts);
        }
        return withinRto(environment.name(), testRestore(environment, newest, dump, facts));
    }

    /** Checklist "RTO validated": a restore slower than the environment's recovery time objective fails the gate. */
    private GateResult withinRto(String environment, GateResult restored) {
        Duration rto = objectives.of(environment).rto();
        Map<String, Object> facts = new LinkedHashMap<>(restored.facts());
        facts.put("rtoMillis", rto == null ? "none" : rto.toMillis());
        if (rto == null || restored.status() != GateResult.Status.PASS) {
            return new GateResult(restored.status(), restored.summary(), facts);
        }
        long millis = ((Number) facts.get("restoreMillis")).longValue();
        if (millis > rto.toMillis()) {
            return GateResult.fail("test restore of " + environment + " took " + millis + " ms, longer than its RTO of "
                    + rto.toMillis() + " ms", facts);
        }
        return GateResult.pass(restored.summary() + ", within the RTO of " + rto.toMillis() + " ms", facts);
    }

    private GateResult testRestore(Target environment, BackupRecord backup, Path dump, Map<String, Object> facts) {
        String scratch = SCRATCH_PREFIX + STAMP.format(Instant.now()) + "_" + HexFormat.of().formatHex(randomBytes());
        facts.put("scratchDatabase", scratch);
        long started = System.nanoTime();
        admin(environment, "CREATE DATABASE " + scratch + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        GateResult result;
        try {
            result = restoreAndRead(environment, backup, dump, scratch, started, facts);
        } finally {
            admin(environment, "DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
            LOG.info("test restore of backup {} of {}: scratch database {} dropped", backup.id(), environment, scratch);
        }
        Map<String, Object> all = new LinkedHashMap<>(result.facts());
        all.put("scratchDropped", true);
        return new GateResult(result.status(), result.summary(), all);
    }

    private GateResult restoreAndRead(Target environment, BackupRecord backup, Path dump, String scratch, long started,
                                      Map<String, Object> facts) {
        // privileges name roles of the source server that the scratch restore does not need
        Result restore = commands.run(List.of("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                "--dbname=" + scratch, dump.toString()), databases.libpqEnvironment(environment), toolTimeout);
        facts.put("restoreMillis", (System.nanoTime() - started) / 1_000_000);
        if (!restore.succeeded()) {
            facts.put("pgRestoreExit", restore.exitCode());
            return GateResult.fail("test restore of backup " + backup.id() + " failed: pg_restore exited "
                    + restore.exitCode() + ": " + restore.tail(3), facts);
        }
        try (Connection connection = databases.connect(environment, scratch); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM ir_module_module")) {
            row.next();
            facts.put("moduleCount", row.getLong(1));
        } catch (SQLException e) {
            return GateResult.fail("backup " + backup.id() + " restored, but ir_module_module is not readable: "
                    + e.getMessage(), facts);
        }
        return GateResult.pass("backup " + backup.id() + " (" + facts.get("backupAgeMinutes") + " min old) restored in "
                + facts.get("restoreMillis") + " ms, " + facts.get("moduleCount") + " modules readable", facts);
    }

    private void admin(Target environment, String statement) {
        try (Connection admin = databases.connect(environment, "postgres"); Statement sql = admin.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
