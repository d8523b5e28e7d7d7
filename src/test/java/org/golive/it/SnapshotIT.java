package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.golive.backup.BackupRecord;
import org.golive.backup.BackupRetentionService;
import org.golive.backup.BackupService;
import org.golive.backup.DatabaseDefinition;
import org.golive.backup.RestorePoints;
import org.golive.backup.SnapshotFilestores;
import org.golive.backup.SnapshotProperties;
import org.golive.backup.SnapshotService;
import org.golive.backup.SnapshotService.Attempt;
import org.golive.backup.SnapshotService.Names;
import org.golive.backup.SnapshotService.Swap;
import org.golive.config.Environments;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.unit.DataSize;

/**
 * Restore points on the real PostgreSQL: a template copy and a filestore of hard links inside the window, the
 * rollback by renames (also when a kill interrupted it), the off-host dump of the copy, the fallback to the dump
 * when the server cannot make the copy, and the clean-up. Its own environment and databases (golive_snap_it*),
 * so it cannot clash with the shared 'it' environment.
 */
@SpringBootTest(properties = {
        "camunda.bpm.job-execution.enabled=false",
        "golive.environments.snapit.database.host=127.0.0.1",
        "golive.environments.snapit.database.port=5432",
        "golive.environments.snapit.database.name=" + SnapshotIT.DATABASE,
        "golive.environments.snapit.database.user=odoo",
        "golive.environments.snapit.database.password-file=${GOLIVE_STACK_DIR:/var/lib/golive-stack}/secrets/odoo-db-password",
        "golive.environments.snapit.filestore=target/snapshot-it/filestore/" + SnapshotIT.DATABASE,
        "golive.environments.snapit.backup-dir=target/snapshot-it/backups",
        "golive.backups.retention.snapit.keep-last=1",
        "golive.backups.retention.snapit.keep-younger-than=0s"})
@ActiveProfiles({"sandbox", "it"})
class SnapshotIT {

    static final String DATABASE = "golive_snap_it";
    static final String ENV_NAME = "snapit";
    static final String GO_LIVE = "snapit-18.0-2-20261201-193500-ab12";

    @Autowired
    Environments environments;
    @Autowired
    TargetDatabases databases;
    @Autowired
    BackupService backups;
    @Autowired
    SnapshotService snapshots;
    @Autowired
    RestorePoints restorePoints;
    @Autowired
    BackupRetentionService retention;
    @Autowired
    SnapshotFilestores snapshotFilestores;

    Target env;
    Path filestore;
    Names names;

    @BeforeEach
    void anOdooLikeDatabaseAndFilestore() throws Exception {
        env = environments.target(ENV_NAME);
        filestore = env.settings().filestore();
        names = snapshots.names(env, GO_LIVE);
        try (Connection admin = databases.connect(env, "postgres"); Statement sql = admin.createStatement()) {
            List<String> ours = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT datname FROM pg_database WHERE starts_with(datname, '" + DATABASE + "')")) {
                while (rows.next()) {
                    ours.add(rows.getString(1));
                }
            }
            for (String database : ours) {
                sql.execute("DROP DATABASE \"" + database + "\" WITH (FORCE)");
            }
            sql.execute("CREATE DATABASE " + DATABASE + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'");
            sql.execute("ALTER DATABASE " + DATABASE + " SET work_mem TO '8MB'");
        }
        try (Connection connection = databases.connect(env); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE res_partner (id serial PRIMARY KEY, name text)");
            sql.execute("INSERT INTO res_partner (name) SELECT 'Élodie ' || g FROM generate_series(1, 500) g");
            sql.execute("CREATE TABLE ir_module_module (name text PRIMARY KEY, latest_version text)");
            sql.execute("INSERT INTO ir_module_module VALUES ('golive_demo', '18.0.1.0.0')");
        }
        ItStack.deleteTree(Path.of("target/snapshot-it"));
        Files.createDirectories(filestore.resolve("ab"));
        Files.writeString(filestore.resolve("ab/ab12cd"), "attachment one");
        Files.writeString(filestore.resolve("ab/ab34ef"), "attachment two");
    }

    @Test
    void theSnapshotIsACopyOfTheDatabaseWithItsSettings() throws Exception {
        Attempt attempt = snapshots.take(env, GO_LIVE);

        assertThat(attempt.refusedBecause()).isNull();
        assertThat(attempt.snapshot().snapshotDatabase()).isEqualTo(DATABASE + "_golive_20261201193500ab12");
        assertThat(checksums(attempt.snapshot().snapshotDatabase())).isEqualTo(checksums(DATABASE)).isNotEmpty();
        assertThat(definition(attempt.snapshot().snapshotDatabase())).isEqualTo(definition(DATABASE));
    }

    @Test
    void theFilestoreSnapshotLinksTheFilesInsteadOfCopyingThem() throws Exception {
        Attempt attempt = snapshots.take(env, GO_LIVE);

        Path linked = attempt.snapshot().filestoreSnapshot().resolve("ab/ab12cd");
        assertThat(attempt.snapshot().files()).isEqualTo(2);
        assertThat(Files.getAttribute(linked, "unix:ino")).isEqualTo(Files.getAttribute(filestore.resolve("ab/ab12cd"), "unix:ino"));
    }

    @Test
    void aRollbackGivesBackThePreDeployDatabase() throws Exception {
        Map<String, String> before = checksums(DATABASE);
        snapshots.take(env, GO_LIVE);
        deployChangesTheDatabase();

        Swap swap = snapshots.swapBack(env, GO_LIVE).orElseThrow();

        assertThat(swap.databaseState()).isEqualTo("swapped");
        assertThat(checksums(DATABASE)).isEqualTo(before);
        assertThat(definition(DATABASE)).isEqualTo(definitionBefore());
    }

    @Test
    void theFailedDatabaseIsKeptAside() throws Exception {
        snapshots.take(env, GO_LIVE);
        deployChangesTheDatabase();
        Map<String, String> deployed = checksums(DATABASE);

        Swap swap = snapshots.swapBack(env, GO_LIVE).orElseThrow();

        assertThat(swap.failedDatabase()).isEqualTo(names.failed());
        assertThat(checksums(names.failed())).isEqualTo(deployed).containsKey("golive_extra_table");
    }

    @Test
    void aRollbackGivesBackThePreDeployFilestoreAndKeepsTheFailedOneAside() throws Exception {
        Map<String, String> before = files(filestore);
        snapshots.take(env, GO_LIVE);
        Files.writeString(filestore.resolve("ab/ab99ff"), "uploaded by the release");
        Files.delete(filestore.resolve("ab/ab34ef"));

        Swap swap = snapshots.swapBack(env, GO_LIVE).orElseThrow();

        assertThat(swap.filestoreState()).isEqualTo("swapped");
        assertThat(files(filestore)).isEqualTo(before);
        assertThat(files(swap.failedFilestore())).containsKey("ab/ab99ff").doesNotContainKey("ab/ab34ef");
    }

    @Test
    void aSwapKilledAfterItsFirstRenameFinishesWhenRepeated() throws Exception {
        Map<String, String> before = checksums(DATABASE);
        Map<String, String> filesBefore = files(filestore);
        snapshots.take(env, GO_LIVE);
        deployChangesTheDatabase();
        // what a kill between the renames leaves: the live names moved aside, the snapshots not yet in place
        try (Connection admin = databases.connect(env, "postgres"); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + DATABASE + " RENAME TO " + names.failed());
        }
        Path aside = filestore.getParent().resolve(".golive").resolve(names.failed()).resolve(filestore.getFileName());
        Files.createDirectories(aside.getParent());
        Files.move(filestore, aside);

        Swap swap = snapshots.swapBack(env, GO_LIVE).orElseThrow();

        assertThat(List.of(swap.databaseState(), swap.filestoreState())).containsExactly("finished", "finished");
        assertThat(checksums(DATABASE)).isEqualTo(before);
        assertThat(files(filestore)).isEqualTo(filesBefore);
    }

    @Test
    void aRepeatedSwapChangesNothing() throws Exception {
        Map<String, String> before = checksums(DATABASE);
        snapshots.take(env, GO_LIVE);
        deployChangesTheDatabase();
        snapshots.swapBack(env, GO_LIVE).orElseThrow();

        Swap again = snapshots.swapBack(env, GO_LIVE).orElseThrow();

        assertThat(List.of(again.databaseState(), again.filestoreState())).containsExactly("already swapped", "already swapped");
        assertThat(checksums(DATABASE)).isEqualTo(before);
        assertThat(checksums(names.failed())).containsKey("golive_extra_table");
    }

    @Test
    void overTheSizeLimitTheWindowFallsBackToTheDump() throws Exception {
        SnapshotService limited = new SnapshotService(databases,
                new SnapshotProperties(true, DataSize.ofBytes(1), Duration.ofDays(2), Duration.ofDays(7)), snapshotFilestores);

        RestorePoints.InWindow point = new RestorePoints(limited, backups).takeInWindow(env, GO_LIVE, "golive/odoo:18.0-1");

        assertThat(point.snapshot()).isNull();
        assertThat(point.snapshotRefused()).contains("golive.snapshot.max-size");
        assertThat(point.backup().dumpTocEntries()).isPositive();
        assertThat(BackupService.sha256(Path.of(point.backup().dumpFile()))).isEqualTo(point.backup().dumpSha256());
        assertThat(exists(names.snapshot())).isFalse();
    }

    @Test
    void aCopyTheServerRefusesFallsBackToTheDump() throws Exception {
        // a database under the snapshot's name that golive did not make: the copy cannot be made there
        try (Connection admin = databases.connect(env, "postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + names.snapshot() + " TEMPLATE template0");
        }

        RestorePoints.InWindow point = restorePoints.takeInWindow(env, GO_LIVE, "golive/odoo:18.0-1");

        assertThat(point.snapshot()).isNull();
        assertThat(point.snapshotRefused()).contains("golive did not make it");
        assertThat(point.backup().dumpTocEntries()).isPositive();
    }

    @Test
    void theOffHostBackupOfTheSnapshotRestoresThePreDeployDatabase() throws Exception {
        Map<String, String> before = checksums(DATABASE);
        snapshots.take(env, GO_LIVE);
        deployChangesTheDatabase();

        BackupRecord backup = restorePoints.backUpSnapshot(env, GO_LIVE, "golive/odoo:18.0-1");
        backups.restoreDatabase(env, backup.id());

        assertThat(backup.database()).isEqualTo(DATABASE);
        assertThat(backup.dumpTocEntries()).isPositive();
        assertThat(checksums(DATABASE)).isEqualTo(before);
    }

    @Test
    void theCleanUpDropsTheSnapshotAndExpiredFailedCopies() throws Exception {
        snapshots.take(env, GO_LIVE);
        snapshots.swapBack(env, GO_LIVE).orElseThrow();
        String other = "snapit-18.0-3-20261202-101010-cd34";
        snapshots.take(env, other);
        SnapshotService expiring = new SnapshotService(databases,
                new SnapshotProperties(true, null, Duration.ofDays(2), Duration.ZERO), snapshotFilestores);

        List<String> dropped = new RestorePoints(expiring, backups).cleanUp(env, other, Instant.now());

        assertThat(dropped).contains(snapshots.names(env, other).snapshot(), names.failed());
        assertThat(exists(names.failed())).isFalse();
        assertThat(exists(snapshots.names(env, other).snapshot())).isFalse();
        assertThat(filestore.getParent().resolve(".golive")).isEmptyDirectory();
        assertThat(exists(DATABASE)).isTrue();
    }

    @Test
    void retentionKeepsTheBackupOfASnapshotStillOnTheServer() throws Exception {
        snapshots.take(env, GO_LIVE);
        restorePoints.backUpSnapshot(env, GO_LIVE, "golive/odoo:18.0-1");
        backups.backUp(env, "later", "golive/odoo:18.0-2");

        BackupRetentionService.Outcome outcome = retention.apply(env);

        assertThat(outcome.deleted()).isEmpty();
        assertThat(outcome.kept()).containsKeys(GO_LIVE, "later");
        assertThat(outcome.kept().get(GO_LIVE)).contains("its snapshot " + names.snapshot() + " is still on the database server");
        assertThat(backups.find(env, GO_LIVE)).isPresent();
    }

    @Test
    void retentionDeletesTheBackupOnceItsSnapshotIsDropped() throws Exception {
        snapshots.take(env, GO_LIVE);
        restorePoints.backUpSnapshot(env, GO_LIVE, "golive/odoo:18.0-1");
        backups.backUp(env, "later", "golive/odoo:18.0-2");
        snapshots.drop(env, GO_LIVE);

        BackupRetentionService.Outcome outcome = retention.apply(env);

        assertThat(outcome.deleted()).containsOnlyKeys(GO_LIVE);
        assertThat(backups.find(env, GO_LIVE)).isEmpty();
    }

    private void deployChangesTheDatabase() throws SQLException {
        try (Connection connection = databases.connect(env); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE ir_module_module SET latest_version = '18.0.1.1.0'");
            sql.execute("DELETE FROM res_partner WHERE id % 7 = 0");
            sql.execute("CREATE TABLE golive_extra_table (x int)");
            sql.execute("INSERT INTO golive_extra_table VALUES (1)");
        }
    }

    /** md5 of every row of every table of the public schema, by table. */
    private Map<String, String> checksums(String database) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        try (Connection connection = databases.connect(env, database); Statement sql = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet row = sql.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                        + " FROM \"" + table + "\" t")) {
                    row.next();
                    sums.put(table, row.getString(1));
                }
            }
        }
        return sums;
    }

    private DatabaseDefinition definition(String database) throws SQLException {
        try (Connection admin = databases.connect(env, "postgres")) {
            return DatabaseDefinition.read(admin, database);
        }
    }

    private DatabaseDefinition definitionBefore() throws SQLException {
        DatabaseDefinition now = definition(DATABASE);
        return new DatabaseDefinition("UTF8", "C", "C.UTF-8", now.owner(), List.of("work_mem=8MB"));
    }

    private boolean exists(String database) throws SQLException {
        try (Connection admin = databases.connect(env, "postgres"); Statement sql = admin.createStatement();
             ResultSet row = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            return row.next();
        }
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString(), new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
