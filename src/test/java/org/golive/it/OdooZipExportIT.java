package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.backup.OdooZipExport;
import org.golive.backup.OdooZipExport.Exported;
import org.golive.config.TargetDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A golive backup becomes the zip Odoo's database manager makes, and that zip restores as Odoo restores it:
 * {@code dump.sql} through psql into a new database gives the same rows, {@code filestore/} the same files, and
 * {@code manifest.json} says what Odoo's says. Real PostgreSQL, pg_dump, pg_restore and psql.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
class OdooZipExportIT {

    private static final String DATABASE = "golive_it";
    private static final String RESTORED = "golive_it_zip_restored";

    @Autowired
    ItStack stack;
    @Autowired
    BackupService backups;
    @Autowired
    OdooZipExport export;
    @Autowired
    TargetDatabases databases;

    @BeforeEach
    void anOdooDatabaseWithAFilestore() throws Exception {
        stack.removeContainers();
        ItStack.deleteTree(stack.target().backupDir());
        ItStack.dropDatabase(databases, stack.env(), RESTORED);
        ItStack.recreateDatabase(databases, stack.env(), DATABASE);
        try (Connection connection = databases.connect(stack.env()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE ir_module_module (id serial PRIMARY KEY, name varchar NOT NULL, state varchar, latest_version varchar)");
            sql.execute("INSERT INTO ir_module_module (name, state, latest_version) VALUES ('base', 'installed', '18.0.1.3'),"
                    + " ('web', 'installed', '18.0.1.0'), ('sale', 'uninstalled', NULL), ('golive_demo', 'installed', '18.0.1.0.2')");
            sql.execute("CREATE TABLE res_partner (id serial PRIMARY KEY, name varchar)");
            sql.execute("INSERT INTO res_partner (name) VALUES ('Élodie Dupré'), ('Zoë')");
        }
        Path filestore = stack.target().filestore();
        ItStack.deleteTree(filestore);
        Files.createDirectories(filestore.resolve("ab"));
        Files.writeString(filestore.resolve("ab/ab12cd"), "an attachment");
        Files.write(filestore.resolve("ab/ab34ef"), new byte[] {0, 1, 2, (byte) 255});
    }

    @Test
    void theBackupRecordsOdoosManifestOfVersionsAndInstalledModules() throws Exception {
        BackupRecord backup = backups.backUp(stack.env(), "zip-manifest", null);

        Map<?, ?> manifest = new ObjectMapper().readValue(Path.of(backup.dumpFile()).resolveSibling("manifest.json").toFile(), Map.class);
        assertThat(manifest.get("odoo_dump")).isEqualTo("1");
        assertThat(manifest.get("db_name")).isEqualTo(DATABASE);
        assertThat(manifest.get("version")).isEqualTo("18.0");
        assertThat(manifest.get("major_version")).isEqualTo("18.0");
        assertThat(manifest.get("version_info")).isEqualTo(List.of(18, 0, 0, "final", 0));
        assertThat((String) manifest.get("pg_version")).matches("\\d+\\.0");
        assertThat(manifest.get("modules")).isEqualTo(Map.of("base", "18.0.1.3", "web", "18.0.1.0", "golive_demo", "18.0.1.0.2"));
    }

    @Test
    void theZipHoldsDumpSqlFilestoreAndManifestAsOdoosDoes() throws Exception {
        backups.backUp(stack.env(), "zip-layout", null);

        Exported exported = export.export(stack.env(), "zip-layout");

        try (ZipFile zip = new ZipFile(exported.zip())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("dump.sql", "manifest.json", "filestore/", "filestore/ab/ab12cd", "filestore/ab/ab34ef");
            assertThat(names).noneMatch(n -> n.contains(DATABASE + "/"));
            String sql = new String(zip.getInputStream(zip.getEntry("dump.sql")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(sql).contains("CREATE TABLE public.res_partner").doesNotContain("OWNER TO");
        }
        assertThat(exported.sha256()).isEqualTo(BackupService.sha256(Path.of(exported.zip())));
    }

    @Test
    void theZipRestoresAsOdooRestoresItSameRowsAndSameFiles() throws Exception {
        backups.backUp(stack.env(), "zip-restore", null);
        Map<String, String> rowsBefore = tableChecksums(DATABASE);
        Map<String, String> filesBefore = files(stack.target().filestore());

        Exported exported = export.export(stack.env(), "zip-restore");
        Path unpacked = Files.createTempDirectory("odoo-zip");
        try {
            unzip(Path.of(exported.zip()), unpacked);
            try (Connection admin = databases.connect(stack.env(), "postgres"); Statement sql = admin.createStatement()) {
                sql.execute("CREATE DATABASE " + RESTORED + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'");
            }
            // what restore_db does with a zip: psql -f dump.sql into the new database, then the filestore moved in place
            psql(RESTORED, unpacked.resolve("dump.sql"));

            assertThat(tableChecksums(RESTORED)).isEqualTo(rowsBefore);
            assertThat(files(unpacked.resolve("filestore"))).isEqualTo(filesBefore);
        } finally {
            ItStack.deleteTree(unpacked);
            ItStack.dropDatabase(databases, stack.env(), RESTORED);
        }
    }

    @Test
    void exportingTwiceGivesTheSameFileAndLeavesNoPartialFile() throws Exception {
        backups.backUp(stack.env(), "zip-twice", null);

        Exported first = export.export(stack.env(), "zip-twice");
        Exported second = export.export(stack.env(), "zip-twice");

        assertThat(second).isEqualTo(first);
        try (Stream<Path> files = Files.list(Path.of(first.zip()).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    @Test
    void aBackupOfADatabaseWithoutOdoosModuleTableIsNotExportedAndSaysWhy() throws Exception {
        ItStack.recreateDatabase(databases, stack.env(), DATABASE);
        try (Connection connection = databases.connect(stack.env()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE not_odoo (id int)");
        }
        BackupRecord backup = backups.backUp(stack.env(), "zip-not-odoo", null);

        assertThatThrownBy(() -> export.export(stack.env(), "zip-not-odoo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backupId").hasMessageContaining("manifest.json");
        try (Stream<Path> files = Files.list(Path.of(backup.dumpFile()).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".zip") || n.endsWith(".partial"));
        }
    }

    @Test
    void anUnknownBackupIsRefusedByName() {
        assertThatThrownBy(() -> export.export(stack.env(), "no-such-backup"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backupId: no finished backup 'no-such-backup'");
    }

    private void psql(String database, Path file) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-f", file.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(databases.libpqEnvironment(stack.env()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private Map<String, String> tableChecksums(String database) throws SQLException {
        Map<String, String> checksums = new TreeMap<>();
        try (Connection connection = databases.connect(stack.env(), database); Statement sql = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet row = sql.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM \""
                        + table + "\" t")) {
                    row.next();
                    checksums.put(table, row.getString(1));
                }
            }
        }
        assertThat(checksums).isNotEmpty();
        return checksums;
    }

    private static Map<String, String> files(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }
}
