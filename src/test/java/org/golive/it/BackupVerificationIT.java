package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.backup.BackupVerificationService;
import org.golive.backup.BackupVerificationService.Verification;
import org.golive.config.Environments;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The daily backup verification on real backups: pg_dump of a scratch database on the stack's PostgreSQL,
 * then pg_restore --list and the checksums. Its own environment, database and backup directory, so it
 * never touches golive_it.
 */
@SpringBootTest(properties = {
        "camunda.bpm.job-execution.enabled=false",
        "golive.environments.it-followup.odoo-url=http://127.0.0.1:18169",
        "golive.environments.it-followup.docker-host=${GOLIVE_DOCKER_HOST:unix://${GOLIVE_STACK_DIR:/var/lib/golive-stack}/docker/docker.sock}",
        "golive.environments.it-followup.database.host=127.0.0.1",
        "golive.environments.it-followup.database.port=5432",
        "golive.environments.it-followup.database.name=" + BackupVerificationIT.DATABASE,
        "golive.environments.it-followup.database.user=odoo",
        "golive.environments.it-followup.database.password-file=${GOLIVE_STACK_DIR:/var/lib/golive-stack}/secrets/odoo-db-password",
        "golive.environments.it-followup.container.name=golive-it-followup-odoo",
        "golive.environments.it-followup.container.image-repository=golive/odoo",
        "golive.environments.it-followup.filestore=target/it-followup/filestore/" + BackupVerificationIT.DATABASE,
        "golive.environments.it-followup.backup-dir=target/it-followup/backups"})
@ActiveProfiles({"sandbox", "it"})
class BackupVerificationIT {

    static final String ENV = "it-followup";
    static final String DATABASE = "golive_it_followup";
    private static final Duration MAX_AGE = Duration.ofHours(26);
    private static final Path BACKUPS = Path.of("target/it-followup/backups");
    private static final Path FILESTORE = Path.of("target/it-followup/filestore/" + DATABASE);

    @Autowired
    Environments environments;
    @Autowired
    BackupService backups;
    @Autowired
    BackupVerificationService verifier;
    @Autowired
    TargetDatabases databases;
    @Autowired
    ObjectMapper json;

    @BeforeEach
    void freshScratchDatabaseAndNoBackups() throws Exception {
        ItStack.deleteTree(BACKUPS);
        Files.createDirectories(BACKUPS);
        ItStack.deleteTree(FILESTORE);
        Files.createDirectories(FILESTORE.resolve("ab"));
        Files.writeString(FILESTORE.resolve("ab/abcdef0123"), "an attachment");
        ItStack.recreateDatabase(databases, env(), DATABASE);
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE res_partner (id serial PRIMARY KEY, name text NOT NULL)");
            sql.execute("INSERT INTO res_partner (name) SELECT 'partner ' || g FROM generate_series(1, 500) g");
        }
    }

    @Test
    void aFreshIntactBackupPasses() {
        backups.backUp(env(), "daily-old", null);
        BackupRecord latest = backups.backUp(env(), "daily-new", null);

        Verification verification = verifier.verifyLatest(env(), MAX_AGE);

        assertThat(verification.passed()).as("%s", verification.problems()).isTrue();
        assertThat(verification.backupId()).isEqualTo("daily-new");
        assertThat(verification.problems()).isEmpty();
        assertThat(verification.facts()).containsEntry("dumpSha256", latest.dumpSha256())
                .containsEntry("pgRestoreListEntries", latest.dumpTocEntries());
        assertThat((int) verification.facts().get("pgRestoreListEntries")).isGreaterThan(2);
    }

    @Test
    void aTamperedDumpFailsByItsChecksum() throws Exception {
        BackupRecord backup = backups.backUp(env(), "daily-1", null);
        Path dump = Path.of(backup.dumpFile());
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length / 2] ^= (byte) 0xFF;
        Files.write(dump, bytes);

        Verification verification = verifier.verifyLatest(env(), MAX_AGE);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.backupId()).isEqualTo("daily-1");
        assertThat(verification.summary()).contains("database.dump does not match its SHA-256 checksum");
    }

    @Test
    void anOldBackupFailsByItsAge() throws Exception {
        BackupRecord backup = backups.backUp(env(), "daily-1", null);
        BackupRecord aged = new BackupRecord(backup.id(), backup.environment(), backup.database(), backup.dumpFile(),
                backup.dumpSizeBytes(), backup.dumpSha256(), backup.dumpTocEntries(), backup.filestoreArchive(),
                backup.filestoreSizeBytes(), backup.filestoreSha256(), backup.runningImage(), Instant.now().minus(3, ChronoUnit.DAYS));
        json.writeValue(BACKUPS.resolve("daily-1/backup.json").toFile(), aged);

        Verification verification = verifier.verifyLatest(env(), MAX_AGE);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.problems()).singleElement().asString().contains("daily-1 is too old").contains("PT26H");
        assertThat(verification.facts()).containsKey("pgRestoreListEntries");
    }

    @Test
    void noBackupFails() throws Exception {
        // an unfinished backup (no backup.json) does not count
        Files.createDirectories(BACKUPS.resolve("unfinished"));
        Files.writeString(BACKUPS.resolve("unfinished/database.dump.partial"), "half");

        Verification verification = verifier.verifyLatest(env(), MAX_AGE);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.backupId()).isNull();
        assertThat(verification.summary()).contains("no finished backup for environment " + ENV);
    }

    private Target env() {
        return environments.target(ENV);
    }
}
