package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.backup.BackupDiskSpace;
import org.golive.backup.BackupProperties;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupRetentionService;
import org.golive.backup.BackupRetentionService.Outcome;
import org.golive.backup.BackupService;
import org.golive.backup.DumpFormat;
import org.golive.config.Environments;
import org.golive.config.Target;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.Steps;
import org.golive.config.TargetDatabases;
import org.golive.readiness.BackupDiskGate;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.support.Commands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Backups that do not fill the disk, on the stack's real PostgreSQL and a real backup directory: a failed dump
 * leaves no partial file, the directory format dumps, verifies and restores, the retention deletes exactly what it
 * should (never the newest verified backup), and the free-space gate passes and fails. Its own environment,
 * database and directory, so it never touches golive_it.
 */
@SpringBootTest(properties = {
        "camunda.bpm.job-execution.enabled=false",
        "golive.environments.it-disk.odoo-url=http://127.0.0.1:18169",
        "golive.environments.it-disk.docker-host=${GOLIVE_DOCKER_HOST:unix://${GOLIVE_STACK_DIR:/var/lib/golive-stack}/docker/docker.sock}",
        "golive.environments.it-disk.database.host=127.0.0.1",
        "golive.environments.it-disk.database.port=5432",
        "golive.environments.it-disk.database.name=" + BackupDiskIT.DATABASE,
        "golive.environments.it-disk.database.user=odoo",
        "golive.environments.it-disk.database.password-file=${GOLIVE_STACK_DIR:/var/lib/golive-stack}/secrets/odoo-db-password",
        "golive.environments.it-disk.container.name=golive-it-disk-odoo",
        "golive.environments.it-disk.container.image-repository=golive/odoo",
        "golive.environments.it-disk.filestore=target/it-disk/filestore/" + BackupDiskIT.DATABASE,
        "golive.environments.it-disk.backup-dir=target/it-disk/backups",
        "golive.backups.retention.it-disk.keep-last=2",
        "golive.backups.retention.it-disk.keep-younger-than=7d"})
@ActiveProfiles({"sandbox", "it"})
class BackupDiskIT {

    static final String ENV = "it-disk";
    static final String DATABASE = "golive_disk_it";
    private static final Path BACKUPS = Path.of("target/it-disk/backups");
    private static final Path FILESTORE = Path.of("target/it-disk/filestore/" + DATABASE);

    @Autowired
    BackupService backups;
    @Autowired
    BackupRetentionService retention;
    @Autowired
    BackupDiskGate diskGate;
    @Autowired
    BackupDiskSpace diskSpace;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;
    @Autowired
    Commands commands;
    @Autowired
    GoliveProperties properties;
    @Autowired
    ObjectMapper json;

    @BeforeEach
    void freshDatabaseAndNoBackups() throws Exception {
        ItStack.deleteTree(BACKUPS);
        Files.createDirectories(BACKUPS);
        ItStack.deleteTree(FILESTORE);
        Files.createDirectories(FILESTORE.resolve("ab"));
        Files.writeString(FILESTORE.resolve("ab/abcdef0123"), "an attachment");
        // as the superuser: a superuser's session left on the database (a psql of this test) is not odoo's to end
        superuserPsql("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        superuserPsql("postgres", "CREATE DATABASE " + DATABASE + " OWNER odoo TEMPLATE template0");
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement()) {
            for (String table : List.of("res_partner", "sale_order", "account_move")) {
                sql.execute("CREATE TABLE " + table + " (id serial PRIMARY KEY, name text NOT NULL)");
                sql.execute("INSERT INTO " + table + " (name) SELECT '" + table + " ' || g FROM generate_series(1, 500) g");
            }
        }
    }

    // --- a failed dump ---

    @Test
    void aFailedCustomDumpLeavesNoPartialFile() throws Exception {
        tableTheDumpRoleCannotRead();

        assertThatThrownBy(() -> backups.backUp(env(), "failed-custom", null))
                .hasMessageContaining("pg_dump of " + DATABASE + " exited 1").hasMessageContaining("permission denied");

        assertThat(filesUnder(BACKUPS.resolve("failed-custom"))).isEmpty();
        assertThat(backups.list(env())).isEmpty();
    }

    @Test
    void aFailedDirectoryDumpLeavesNoPartialDirectory() throws Exception {
        tableTheDumpRoleCannotRead();

        assertThatThrownBy(() -> directoryBackups().backUp(env(), "failed-directory", null))
                .hasMessageContaining("pg_dump of " + DATABASE + " exited 1").hasMessageContaining("permission denied");

        assertThat(filesUnder(BACKUPS.resolve("failed-directory"))).isEmpty();
    }

    // --- directory format ---

    @Test
    void aDirectoryFormatBackupVerifiesAndRestoresItsRows() throws Exception {
        BackupService directory = directoryBackups();
        BackupRecord backup = directory.backUp(env(), "directory-1", null);
        Path dump = Path.of(backup.dumpFile());
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM sale_order");
            sql.execute("DROP TABLE account_move");
        }

        directory.restoreDatabase(env(), "directory-1");

        assertThat(dump.getFileName().toString()).isEqualTo("database.dir");
        assertThat(dump).isDirectory();
        assertThat(dump.resolve("toc.dat")).exists();
        assertThat(backup.dumpSha256()).isEqualTo(DumpFormat.directorySha256(dump));
        assertThat(backup.dumpSizeBytes()).isEqualTo(DumpFormat.size(dump)).isGreaterThan(0);
        assertThat(backup.dumpTocEntries()).isEqualTo(directory.tocEntries(dump)).isGreaterThan(6);
        assertThat(filesUnder(BACKUPS.resolve("directory-1"))).noneMatch(name -> name.endsWith(".partial"));
        assertThat(count("sale_order")).isEqualTo(500);
        assertThat(count("account_move")).isEqualTo(500);
    }

    @Test
    void aDirectoryDumpWithAnAlteredFileIsRefusedForRestore() throws Exception {
        BackupService directory = directoryBackups();
        BackupRecord backup = directory.backUp(env(), "directory-2", null);
        Path anyTable;
        try (Stream<Path> files = Files.list(Path.of(backup.dumpFile()))) {
            anyTable = files.filter(p -> p.getFileName().toString().endsWith(".dat.gz")).findFirst().orElseThrow();
        }
        Files.writeString(anyTable, "not the rows that were dumped");

        assertThatThrownBy(() -> directory.restoreDatabase(env(), "directory-2")).hasMessageContaining("does not match its SHA-256");
        assertThat(count("sale_order")).as("refused before dropping anything").isEqualTo(500);
    }

    // --- retention ---

    @Test
    void retentionDeletesTheOldBackupsBeyondTheNewestTwoAndDeadAttemptsOnly() throws Exception {
        makeBackups();
        Path dead = Files.createDirectories(BACKUPS.resolve("dead-attempt"));
        Files.writeString(dead.resolve("database.dump.partial"), "half a dump");
        Files.setLastModifiedTime(dead, FileTime.from(Instant.now().minus(Duration.ofDays(9))));
        Path foreign = Files.createDirectories(BACKUPS.resolve("lost+found"));
        Files.writeString(foreign.resolve("operator-notes.txt"), "not golive's");
        Files.setLastModifiedTime(foreign, FileTime.from(Instant.now().minus(Duration.ofDays(90))));
        long expectedFreed = bytes(BACKUPS.resolve("b30")) + bytes(BACKUPS.resolve("b40")) + bytes(dead);

        Outcome outcome = retention.apply(env());

        assertThat(outcome.deleted()).containsOnlyKeys("b30", "b40", "dead-attempt");
        assertThat(outcome.kept()).containsOnlyKeys("b0", "b20");
        assertThat(outcome.kept().get("b0")).contains("newest verified");
        assertThat(outcome.bytesFreed()).isEqualTo(expectedFreed).isGreaterThan(0);
        assertThat(BACKUPS.resolve("b30")).doesNotExist();
        assertThat(BACKUPS.resolve("b40")).doesNotExist();
        assertThat(dead).doesNotExist();
        assertThat(foreign.resolve("operator-notes.txt")).exists();
        assertThat(backups.list(env())).extracting(BackupRecord::id).containsExactly("b0", "b20");
    }

    @Test
    void retentionNeverDeletesTheNewestVerifiedBackup() throws Exception {
        makeBackups();
        corrupt("b0");
        corrupt("b20");

        Outcome outcome = retention.apply(env());

        assertThat(outcome.kept()).containsOnlyKeys("b0", "b20", "b30").containsEntry("b30", "newest verified");
        assertThat(outcome.deleted()).containsOnlyKeys("b40");
        assertThat(backups.find(env(), "b30")).isPresent();
    }

    @Test
    void retentionAppliedTwiceDeletesNothingMore() throws Exception {
        makeBackups();
        Outcome first = retention.apply(env());

        Outcome second = retention.apply(env());

        assertThat(first.deleted()).isNotEmpty();
        assertThat(second.deleted()).isEmpty();
        assertThat(second.bytesFreed()).isZero();
        assertThat(second.kept()).isEqualTo(first.kept());
    }

    // --- free space before the window ---

    @Test
    void theDiskGatePassesWhenTwiceTheLastBackupFits() {
        BackupRecord last = backups.backUp(env(), "last", null);

        GateResult result = diskGate.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(GateResult.Status.PASS);
        assertThat(result.facts()).containsEntry("lastBackupId", "last")
                .containsEntry("lastBackupBytes", last.dumpSizeBytes() + last.filestoreSizeBytes())
                .containsEntry("neededBytes", 2 * (last.dumpSizeBytes() + last.filestoreSizeBytes()));
    }

    @Test
    void theDiskGateFailsWhenTheLastBackupWasLargerThanHalfTheFreeSpace() throws Exception {
        BackupRecord real = backups.backUp(env(), "huge", null);
        long free = diskSpace.read(env()).usableBytes();
        // the record of a backup as large as the free space: twice it cannot fit
        rewrite(real, real.createdAt(), free, 0);

        GateResult result = diskGate.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(GateResult.Status.FAIL);
        assertThat(result.summary()).contains("last backup huge").contains("may not fit");
        assertThat((long) result.facts().get("neededBytes")).isGreaterThan((long) result.facts().get("usableBytes"));
    }

    @Test
    void beforeTheFirstBackupTheGateJudgesByTheDatabaseSize() throws Exception {
        long databaseBytes;
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT pg_database_size(current_database())")) {
            row.next();
            databaseBytes = row.getLong(1);
        }

        GateResult result = diskGate.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(GateResult.Status.PASS);
        assertThat(result.summary()).contains("no backup yet");
        assertThat((long) result.facts().get("estimateBytes")).isGreaterThanOrEqualTo(databaseBytes);
        assertThat(result.facts()).doesNotContainKey("lastBackupId");
    }

    @Test
    void beforeTheFirstBackupTooLittleRoomForTheBoundIsInconclusiveNotAFail() {
        long free = diskSpace.read(env()).usableBytes();
        BackupDiskGate strict = new BackupDiskGate(diskSpace, new BackupProperties(5, Duration.ofDays(14), free, Map.of()));

        GateResult result = strict.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(GateResult.Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("a person judges");
    }

    // --- helpers ---

    private Target env() {
        return environments.target(ENV);
    }

    private GateRequest request() {
        return new GateRequest(env(), "golive/odoo", "18.0-2", "it-disk-gate", null);
    }

    private BackupService directoryBackups() {
        Steps steps = properties.steps();
        GoliveProperties directory = new GoliveProperties(properties.dataDir(), properties.environments(), properties.validation(),
                properties.hypercare(), new Steps(steps.retryCycle(), steps.toolTimeout(), steps.dumpCompression(), steps.moduleRuns(), "directory", 2),
                properties.demoUsers(), properties.escalation(), properties.publicUrl(), properties.nodeId(), properties.signOff());
        return new BackupService(databases, commands, json, directory);
    }

    /** b0 (now), b20, b30, b40 (days old): with keep-last 2 and keep-younger-than 7d, b30 and b40 go. */
    private void makeBackups() throws IOException {
        for (String id : List.of("b40", "b30", "b20", "b0")) {
            BackupRecord backup = backups.backUp(env(), id, null);
            int days = Integer.parseInt(id.substring(1));
            rewrite(backup, Instant.now().minus(Duration.ofDays(days)), backup.dumpSizeBytes(), backup.filestoreSizeBytes());
        }
    }

    private void rewrite(BackupRecord b, Instant createdAt, long dumpBytes, long filestoreBytes) throws IOException {
        BackupRecord changed = new BackupRecord(b.id(), b.environment(), b.database(), b.dumpFile(), dumpBytes, b.dumpSha256(),
                b.dumpTocEntries(), b.filestoreArchive(), filestoreBytes, b.filestoreSha256(), b.runningImage(), createdAt,
                b.definition());
        json.writeValue(BACKUPS.resolve(b.id()).resolve("backup.json").toFile(), changed);
    }

    private void corrupt(String id) throws IOException {
        Path dump = BACKUPS.resolve(id).resolve("database.dump");
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length / 2] ^= (byte) 0xFF;
        Files.write(dump, bytes);
    }

    private void tableTheDumpRoleCannotRead() throws Exception {
        // created by the superuser: the dump role (odoo, owner of the database) has no right to read it
        superuserPsql(DATABASE, "CREATE TABLE payroll_secret (id int)");
    }

    private static void superuserPsql(String database, String statement) throws Exception {
        Process psql = new ProcessBuilder("su", "postgres", "-c", "psql -q -v ON_ERROR_STOP=1 -d " + database + " -c '" + statement + "'")
                .directory(Path.of("/").toFile()).redirectErrorStream(true).start();
        String output = new String(psql.getInputStream().readAllBytes());
        assertThat(psql.waitFor()).as(output).isZero();
    }

    private long count(String table) throws Exception {
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).toList();
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
}
